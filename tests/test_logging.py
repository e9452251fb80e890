"""Structured logs: one JSON line per operation, and no SUID, student name or token in any
line, whatever the operation and however it fails."""

from __future__ import annotations

import json
import logging
import re
from datetime import timedelta

from domain.models import Role
from server.app import sample_data_dir
from server.auth import issue_token
from tests.conftest import MESA, RED_MOUNTAIN, TUCSON_HIGH
from tests.documents import STUDENT_NAMES_OF_RECORDS
from tests.hardening import development, log_lines, production, serving, token_for  # noqa: F401
from tests.sample import ANA


def sample_students() -> list[dict]:
    lines = (sample_data_dir() / "students.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


async def test_one_line_per_operation_with_id_name_viewer_duration_and_outcome(
    store, clock, log_lines
):
    settings = development()
    async with serving(settings, store, clock) as gql:
        token = token_for(settings)
        await gql.data(STUDENT_NAMES_OF_RECORDS, {"suid": ANA, "school": RED_MOUNTAIN}, token)
        await gql.post(STUDENT_NAMES_OF_RECORDS, {"suid": ANA, "school": TUCSON_HIGH}, token)
        await gql.post("{ viewer { id } }")
    ok, forbidden, anonymous = log_lines.events("graphql_operation")
    assert ok["operation"] == "StudentRecords"
    assert ok["operation_type"] == "query"
    assert ok["viewer_id"] == "lea-mesa"
    assert ok["outcome"] == "ok" and ok["error_codes"] == []
    assert isinstance(ok["duration_ms"], float) and ok["duration_ms"] > 0
    assert re.fullmatch(r"[0-9a-f]{32}", ok["request_id"])
    assert (forbidden["outcome"], forbidden["error_codes"]) == ("errors", ["FORBIDDEN"])
    assert (anonymous["viewer_id"], anonymous["error_codes"]) == (None, ["UNAUTHENTICATED"])
    assert anonymous["operation"] is None
    assert len({ok["request_id"], forbidden["request_id"], anonymous["request_id"]}) == 3


async def test_no_suid_student_name_or_token_reaches_any_log_line(
    store, clock, log_lines, monkeypatch
):
    settings = production()
    students = sample_students()
    mesa = token_for(settings)
    admin = token_for(settings, Role.ADMIN, "admin-1", "Alex Admin", ())
    expired = issue_token(
        settings.jwt_secret.get_secret_value(),
        role=Role.LEA_USER,
        sub="lea-mesa",
        name="Mesa",
        lea_ids=[MESA],
        lifetime=timedelta(seconds=-1),
    )
    tokens = [mesa, admin, expired, "not-a-jwt-but-secret-looking"]
    async with serving(settings, store, clock) as gql:
        for student in students[:12]:
            await gql.post(
                STUDENT_NAMES_OF_RECORDS, {"suid": student["suid"], "school": RED_MOUNTAIN}, mesa
            )
        suid = students[0]["suid"]
        await gql.post(STUDENT_NAMES_OF_RECORDS, {"suid": int(suid), "school": RED_MOUNTAIN}, mesa)
        await gql.post(
            f'{{ participantRecords(suid: "{suid}", schoolEntityId: {TUCSON_HIGH}) {{ id }} }}',
            token=mesa,
        )
        await gql.post(
            f'query Student{suid} {{ participantRecords(suid: "{suid}", '
            f"schoolEntityId: {RED_MOUNTAIN}) {{ id }} }}",
            token=mesa,
        )
        await gql.post(f'{{ participantRecords(suid: "{suid}"', token=mesa)
        await gql.post(STUDENT_NAMES_OF_RECORDS, {"suid": suid, "school": RED_MOUNTAIN}, expired)
        await gql.post(
            STUDENT_NAMES_OF_RECORDS,
            {"suid": suid, "school": RED_MOUNTAIN},
            headers={"Authorization": f"Bearer {tokens[-1]}"},
        )
        await gql.post(
            "mutation { setFiscalYearDates(input: {fiscalYear: 2031, "
            'preliminaryRecordsCreatedOn: "2030-10-01"}) { userErrors { code } } }',
            token=admin,
        )

        async def broken(viewer, suid, school):
            name = students[0]
            raise RuntimeError(f"{suid} {name['firstName']} {name['lastName']} broke")

        services = gql.http._transport.app.state.services
        monkeypatch.setattr(services.lookups, "participant_records", broken)
        await gql.post(STUDENT_NAMES_OF_RECORDS, {"suid": suid, "school": RED_MOUNTAIN}, mesa)
    logging.getLogger("uvicorn.access").info(
        '%s - "%s %s HTTP/%s" %d',
        "127.0.0.1:50000",
        "GET",
        f"/graphql?query=%7BparticipantRecords(suid%3A%22{suid}%22)%7D&t={mesa}",
        "1.1",
        400,
    )

    text = log_lines.text
    assert len(log_lines.events("graphql_operation")) == 12 + 8
    assert log_lines.events("unexpected_error")
    [access] = [r for r in log_lines.records() if r["logger"] == "uvicorn.access"]
    assert access["event"] == '127.0.0.1:50000 - "GET /graphql HTTP/1.1" 400'
    assert "eyJ" not in text and not any(token in text for token in tokens)
    for student in students:
        assert student["suid"] not in text
        assert f"{student['firstName']} {student['lastName']}" not in text
        assert not re.search(rf"\b{re.escape(student['lastName'])}\b", text)

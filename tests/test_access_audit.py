"""The access audit through the real app: each read of student data leaves an entry that
admins (only) read as `accessLog`, without names or free text; a failing audit write never
fails the read."""

from __future__ import annotations

import pytest

from tests.conftest import RED_MOUNTAIN, error_codes
from tests.documents import ACCESS_LOG, CHANGE_REQUEST, NODE
from tests.request_support import submit, submitted

SUID = "1002345735"
RECORDS = """query R($suid: String!, $school: Int!) {
  participantRecords(suid: $suid, schoolEntityId: $school) { id }
}"""


async def entries(gql, tokens, **filter_values) -> list[dict]:
    data = await gql.data(ACCESS_LOG, {"filter": filter_values or None}, tokens.admin)
    return [edge["node"] for edge in data["accessLog"]["edges"]]


async def test_a_records_lookup_is_recorded(gql, tokens):
    await gql.data(RECORDS, {"suid": SUID, "school": RED_MOUNTAIN}, tokens.mesa)
    (entry,) = await entries(gql, tokens)
    assert entry["kind"] == "RECORDS_LOOKED_UP"
    assert (entry["suid"], entry["schoolEntityId"]) == (SUID, RED_MOUNTAIN)
    assert entry["actor"] == {"id": "lea-mesa", "name": "Mesa Coordinator", "role": "LEA_USER"}
    assert (entry["changeRequestId"], entry["attachmentId"]) == (None, None)


async def test_a_refused_lookup_is_recorded_too(gql, tokens):
    body = await gql.post(RECORDS, {"suid": SUID, "school": RED_MOUNTAIN}, tokens.tucson)
    assert error_codes(body)  # another LEA's school
    assert [e["actor"]["id"] for e in await entries(gql, tokens)] == ["lea-tucson"]


async def test_a_retired_suid_check_is_recorded(gql, tokens):
    await submit(gql, tokens.mesa, reason="RETIRED_SUID", retiredSuid=" 1009999999 ")
    kinds = [(e["kind"], e["suid"]) for e in await entries(gql, tokens)]
    assert ("RETIRED_SUID_CHECKED", "1009999999") in kinds


async def test_opening_a_change_request_is_recorded_by_id_and_by_node(gql, tokens):
    request = await submitted(gql, tokens.mesa)
    await gql.data(CHANGE_REQUEST, {"id": request["id"]}, tokens.reviewer)
    await gql.data(NODE, {"id": request["id"]}, tokens.mesa)
    opened = await entries(gql, tokens, kinds=["CHANGE_REQUEST_OPENED"])
    assert [(e["actor"]["id"], e["changeRequestId"]) for e in opened] == [
        ("lea-mesa", request["id"]),
        ("reviewer-1", request["id"]),
    ]


async def test_an_attachment_download_is_recorded(gql, http, tokens):
    attachment_id = "6560f0000000000000000001"
    response = await http.get(
        f"/attachments/{attachment_id}", headers={"Authorization": f"Bearer {tokens.tucson}"}
    )
    assert response.status_code == 404
    (entry,) = await entries(gql, tokens, kinds=["ATTACHMENT_DOWNLOADED"])
    assert (entry["attachmentId"], entry["actor"]["id"]) == (attachment_id, "lea-tucson")


@pytest.mark.parametrize("who", ["mesa", "reviewer"])
async def test_other_roles_never_read_the_log(gql, tokens, who):
    await gql.data(RECORDS, {"suid": SUID, "school": RED_MOUNTAIN}, tokens.mesa)
    body = await gql.post(ACCESS_LOG, {}, getattr(tokens, who))
    assert body["data"] is None
    assert error_codes(body) == ["FORBIDDEN"]


STORED_FIELDS = {
    "_id", "at", "actorId", "actorName", "actorRole", "kind",
    "suid", "schoolEntityId", "changeRequestId", "attachmentId",
}  # fmt: skip


async def test_entries_hold_no_student_names_and_no_free_text(gql, app, tokens):
    await submit(gql, tokens.mesa, reason="RETIRED_SUID", retiredSuid="1009999998")
    request = await submitted(gql, tokens.mesa, justification="Transcript from Austin, TX")
    await gql.data(CHANGE_REQUEST, {"id": request["id"]}, tokens.reviewer)
    records = await gql.data(
        RECORDS.replace("{ id }", "{ id student { firstName lastName } }"),
        {"suid": SUID, "school": RED_MOUNTAIN},
        tokens.mesa,
    )
    student = records["participantRecords"][0]["student"]
    stored = [d async for d in app.state.services.store.db.access_log.find({})]
    assert len(stored) == 3
    assert all(set(d) <= STORED_FIELDS for d in stored)
    text = repr(stored)
    assert "Austin" not in text
    assert student["firstName"] not in text and student["lastName"] not in text


async def test_a_failing_audit_write_does_not_fail_the_read(gql, app, tokens, monkeypatch):
    async def broken(entry):
        raise ConnectionError("database away")

    monkeypatch.setattr(app.state.services.audit.repository, "insert", broken)
    data = await gql.data(RECORDS, {"suid": SUID, "school": RED_MOUNTAIN}, tokens.mesa)
    assert data["participantRecords"]


async def test_the_log_filters_and_pages_newest_first(gql, tokens, clock):
    from datetime import timedelta

    for _ in range(3):
        await gql.data(RECORDS, {"suid": SUID, "school": RED_MOUNTAIN}, tokens.mesa)
        clock.now += timedelta(minutes=1)
    await gql.data(RECORDS, {"suid": "1002345701", "school": RED_MOUNTAIN}, tokens.mesa)
    assert [e["suid"] for e in await entries(gql, tokens, suid=SUID)] == [SUID] * 3
    assert len(await entries(gql, tokens, actorId="lea-mesa")) == 4
    first = (await gql.data(ACCESS_LOG, {"first": 2}, tokens.admin))["accessLog"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = (
        await gql.data(
            ACCESS_LOG, {"first": 2, "after": first["pageInfo"]["endCursor"]}, tokens.admin
        )
    )["accessLog"]
    assert rest["pageInfo"]["hasPreviousPage"] is True
    seen = [e["node"]["at"] for e in first["edges"] + rest["edges"]]
    assert seen == sorted(seen, reverse=True) and len(seen) == 4

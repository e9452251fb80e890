"""The lookups of issue 2 through the ASGI app with real GraphQL documents, for each role:
viewer, fiscalYearStatus, approvedPrograms, participantRecords, node(id) and
setFiscalYearDates, grants and denials alike. The sample data set and clock are those of
conftest.py (2026-11-28: enrollment FY2027, participant FY2026)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from bson import ObjectId

from domain.models import Role, Viewer, format_credits
from schema.ids import from_global_id, to_global_id
from server.app import sample_data_dir
from tests.conftest import (
    EVIT,
    EVIT_MAIN,
    MESA,
    MOUNTAIN_VIEW,
    RED_MOUNTAIN,
    TUCSON_HIGH,
    error_codes,
)
from tests.documents import SET_FISCAL_YEAR_DATES
from tests.sample import ANDREW, JASMINE, JAYLEN, KAYLA, WESTWOOD, XIMENA


def sample(name: str) -> list[dict]:
    lines = (sample_data_dir() / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def sample_records(suid: str, school: int, fiscal_year: int) -> list[dict]:
    return sorted(
        (
            r
            for r in sample("records.jsonl")
            if (r["suid"], r["schoolEntityId"], r["fiscalYear"]) == (suid, school, fiscal_year)
        ),
        key=lambda r: r["programNumber"],
    )


VIEWER = "query { viewer { id name role leas { entityId name kind } } }"


async def test_viewer_of_an_lea_user_lists_their_leas(gql, tokens):
    viewer = (await gql.data(VIEWER, token=tokens.mesa))["viewer"]
    assert viewer == {
        "id": "lea-mesa",
        "name": "Mesa Coordinator",
        "role": "LEA_USER",
        "leas": [{"entityId": MESA, "name": "Mesa Unified District", "kind": "DISTRICT"}],
    }
    evit = (await gql.data(VIEWER, token=tokens.evit))["viewer"]
    assert evit["leas"] == [
        {"entityId": EVIT, "name": "East Valley Institute of Technology", "kind": "CTED"}
    ]


@pytest.mark.parametrize(
    ("who", "sub", "role"),
    [
        ("reviewer", "reviewer-1", "REVIEWER"),
        ("reviewer2", "reviewer-2", "REVIEWER"),
        ("admin", "admin-1", "ADMIN"),
    ],
)
async def test_viewer_of_ade_staff_has_no_leas(gql, tokens, who, sub, role):
    viewer = (await gql.data(VIEWER, token=getattr(tokens, who)))["viewer"]
    assert (viewer["id"], viewer["role"], viewer["leas"]) == (sub, role, [])


STATUS = """query { fiscalYearStatus { enrollmentFiscalYear participantFiscalYear
  preliminaryRecordsCreatedOn finalRecordsCreatedOn creditAdjustmentWindowOpen } }"""


@pytest.mark.parametrize("who", ["mesa", "reviewer", "admin"])
async def test_fiscal_year_status_on_the_sample_calendar(gql, tokens, who):
    status = (await gql.data(STATUS, token=getattr(tokens, who)))["fiscalYearStatus"]
    assert status == {
        "enrollmentFiscalYear": 2027,
        "participantFiscalYear": 2026,
        "preliminaryRecordsCreatedOn": "2025-10-01",
        "finalRecordsCreatedOn": "2026-03-02",
        "creditAdjustmentWindowOpen": False,
    }


async def test_fiscal_year_status_uses_arizona_today(gql, tokens, clock):
    # 06:30 UTC on July 1, 2026 is still June 30 in Phoenix: FY2026.
    clock.now = datetime(2026, 7, 1, 6, 30, tzinfo=UTC)
    status = (await gql.data(STATUS, token=tokens.mesa))["fiscalYearStatus"]
    assert (status["enrollmentFiscalYear"], status["participantFiscalYear"]) == (2026, 2026)
    clock.now = datetime(2026, 7, 1, 7, 0, tzinfo=UTC)
    status = (await gql.data(STATUS, token=tokens.mesa))["fiscalYearStatus"]
    assert (status["enrollmentFiscalYear"], status["participantFiscalYear"]) == (2027, 2026)


PROGRAMS = """query { approvedPrograms {
  programNumber name courses { courseNumber name kind required } } }"""


@pytest.mark.parametrize("who", ["tucson", "reviewer"])
async def test_approved_programs_lists_the_program_list_by_number(gql, tokens, who):
    programs = (await gql.data(PROGRAMS, token=getattr(tokens, who)))["approvedPrograms"]
    selected = ("courseNumber", "name", "kind", "required")
    expected = [
        {
            "programNumber": p["programNumber"],
            "name": p["name"],
            "courses": [{k: c[k] for k in selected} for c in p["courses"]],
        }
        for p in sorted(sample("programs.jsonl"), key=lambda p: p["programNumber"])
    ]
    assert programs == expected
    kinds = {c["kind"] for p in programs for c in p["courses"]}
    assert kinds == {"STANDARD", "INTERNSHIP", "COOPERATIVE_EDUCATION"}


RECORDS = """query($suid: String!, $school: Int!) {
  participantRecords(suid: $suid, schoolEntityId: $school) {
    id fiscalYear version updatedAt totalCredits
    student { suid firstName lastName exitedOn exitReason }
    school { entityId ctds name lea { entityId } }
    program { programNumber }
    courses { course { courseNumber kind required } reportedCredits insertedCredits totalCredits
              insertions { changeRequestId } }
    status { participant concentrator completer placementSurveyEligible }
  }
}"""


async def records(gql, token, suid, school) -> list[dict]:
    data = await gql.data(RECORDS, {"suid": suid, "school": school}, token)
    return data["participantRecords"]


async def test_an_lea_user_reads_a_students_records_at_their_school(gql, tokens):
    [record] = await records(gql, tokens.mesa, KAYLA, RED_MOUNTAIN)
    [expected] = sample_records(KAYLA, RED_MOUNTAIN, 2026)
    assert record["fiscalYear"] == 2026  # the participant year, not FY2025 nor FY2027
    assert record["student"] == {
        "suid": KAYLA,
        "firstName": "Kayla",
        "lastName": "Begay",
        "exitedOn": None,
        "exitReason": None,
    }
    assert record["school"] == {
        "entityId": RED_MOUNTAIN,
        "ctds": "070204201",
        "name": "Red Mountain High School",
        "lea": {"entityId": MESA},
    }
    assert record["program"] == {"programNumber": expected["programNumber"]}
    assert [(c["course"]["courseNumber"], c["reportedCredits"]) for c in record["courses"]] == [
        (c["courseNumber"], format_credits(Decimal(c["credits"]))) for c in expected["courses"]
    ]
    assert all(c["insertedCredits"] == "0" and c["insertions"] == [] for c in record["courses"])
    assert record["totalCredits"] == "2"
    assert record["status"] == {
        "participant": True,
        "concentrator": True,
        "completer": True,
        "placementSurveyEligible": False,
    }
    assert record["version"] >= 1


async def test_records_come_one_per_program(gql, tokens):
    found = await records(gql, tokens.mesa, JAYLEN, RED_MOUNTAIN)
    assert [r["program"]["programNumber"] for r in found] == ["12.0500", "15.0400"]
    assert [r["status"]["completer"] for r in found] == [False, True]


async def test_placement_eligibility_reads_through(gql, tokens):
    [record] = await records(gql, tokens.tucson, XIMENA, TUCSON_HIGH)
    assert record["student"]["exitedOn"] == "2026-05-28"
    assert record["status"]["placementSurveyEligible"] is True


async def test_a_student_without_a_record_in_the_participant_year_has_none(gql, tokens):
    assert await records(gql, tokens.mesa, ANDREW, WESTWOOD) == []  # FY2025 only there
    assert await records(gql, tokens.mesa, "1009999999", RED_MOUNTAIN) == []


async def test_a_student_at_two_leas_shows_each_lea_its_own_record(gql, tokens):
    [mesa] = await records(gql, tokens.mesa, JASMINE, MOUNTAIN_VIEW)
    [evit] = await records(gql, tokens.evit, JASMINE, EVIT_MAIN)
    assert mesa["school"]["entityId"] == MOUNTAIN_VIEW
    assert evit["school"]["entityId"] == EVIT_MAIN
    assert mesa["id"] != evit["id"]


async def forbidden(gql, token, suid, school) -> None:
    body = await gql.post(RECORDS, {"suid": suid, "school": school}, token)
    assert error_codes(body) == ["FORBIDDEN"]
    assert body["data"] is None


async def test_an_lea_user_is_refused_another_leas_school(gql, tokens):
    await forbidden(gql, tokens.tucson, KAYLA, RED_MOUNTAIN)
    await forbidden(gql, tokens.mesa, JASMINE, EVIT_MAIN)  # the student is theirs elsewhere
    await forbidden(gql, tokens.evit, JASMINE, MOUNTAIN_VIEW)


async def test_an_lea_user_is_refused_an_unknown_school(gql, tokens):
    await forbidden(gql, tokens.mesa, KAYLA, 999999)


async def test_staff_get_nothing_for_an_unknown_school(gql, tokens):
    assert await records(gql, tokens.reviewer, KAYLA, 999999) == []


@pytest.mark.parametrize("who", ["reviewer", "admin"])
async def test_staff_read_records_at_any_school(gql, tokens, who):
    token = getattr(tokens, who)
    [red] = await records(gql, token, KAYLA, RED_MOUNTAIN)
    [evit] = await records(gql, token, JASMINE, EVIT_MAIN)
    [tucson] = await records(gql, token, XIMENA, TUCSON_HIGH)
    assert (
        red["school"]["entityId"],
        evit["school"]["entityId"],
        tucson["school"]["entityId"],
    ) == (RED_MOUNTAIN, EVIT_MAIN, TUCSON_HIGH)


NODE = """query($id: ID!) { node(id: $id) { id __typename
  ... on ParticipantRecord { fiscalYear student { suid } school { entityId } } } }"""


async def node(gql, token, global_id):
    return (await gql.data(NODE, {"id": global_id}, token))["node"]


async def test_node_returns_a_record_to_its_lea_and_to_staff(gql, tokens):
    [record] = await records(gql, tokens.mesa, KAYLA, RED_MOUNTAIN)
    for token in (tokens.mesa, tokens.reviewer, tokens.admin):
        found = await node(gql, token, record["id"])
        assert found == {
            "id": record["id"],
            "__typename": "ParticipantRecord",
            "fiscalYear": 2026,
            "student": {"suid": KAYLA},
            "school": {"entityId": RED_MOUNTAIN},
        }


async def test_node_hides_a_record_from_another_lea(gql, tokens):
    [record] = await records(gql, tokens.mesa, KAYLA, RED_MOUNTAIN)
    assert await node(gql, tokens.tucson, record["id"]) is None
    assert await node(gql, tokens.evit, record["id"]) is None


@pytest.mark.parametrize(
    "global_id",
    [
        "garbage",
        "",
        "!!!",
        to_global_id("ParticipantRecord", "not-an-object-id"),
        to_global_id("ParticipantRecord", str(ObjectId())),
        to_global_id("NoSuchType", str(ObjectId())),
        to_global_id("ParticipantRecord", ""),
    ],
    ids=[
        "garbage",
        "empty",
        "not base64",
        "bad local id",
        "absent record",
        "unknown type",
        "no local id",
    ],
)
async def test_node_of_a_garbage_or_absent_id_is_null(gql, tokens, global_id):
    assert await node(gql, tokens.reviewer, global_id) is None


async def test_node_of_a_records_id_under_another_type_is_null(gql, tokens):
    [record] = await records(gql, tokens.reviewer, KAYLA, RED_MOUNTAIN)
    _, local = from_global_id(record["id"])
    assert await node(gql, tokens.reviewer, to_global_id("Student", local)) is None


async def set_dates(gql, token, **input_) -> dict:
    return (await gql.data(SET_FISCAL_YEAR_DATES, {"input": input_}, token))["setFiscalYearDates"]


async def stored_calendar(app) -> dict:
    return await app.state.services.store.calendar.all()


@pytest.mark.parametrize("who", ["mesa", "reviewer", "reviewer2"])
async def test_only_admins_set_fiscal_year_dates(gql, tokens, app, who):
    before = await stored_calendar(app)
    payload = await set_dates(
        gql, getattr(tokens, who), fiscalYear=2027, preliminaryRecordsCreatedOn="2026-08-01"
    )
    assert payload["fiscalYearDates"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["FORBIDDEN"]
    assert await stored_calendar(app) == before
    status = (await gql.data(STATUS, token=tokens.admin))["fiscalYearStatus"]
    assert status["participantFiscalYear"] == 2026


async def test_final_before_preliminary_is_invalid_and_changes_nothing(gql, tokens, app):
    before = await stored_calendar(app)
    payload = await set_dates(
        gql,
        tokens.admin,
        fiscalYear=2027,
        preliminaryRecordsCreatedOn="2026-10-01",
        finalRecordsCreatedOn="2026-09-30",
    )
    assert payload["fiscalYearDates"] is None
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == ("INVALID_VALUE", ["input", "finalRecordsCreatedOn"])
    assert await stored_calendar(app) == before


async def test_final_before_the_stored_preliminary_is_invalid(gql, tokens, app):
    # FY2027's stored preliminary date is 2027-01-15.
    before = await stored_calendar(app)
    payload = await set_dates(
        gql, tokens.admin, fiscalYear=2027, finalRecordsCreatedOn="2027-01-14"
    )
    assert [e["code"] for e in payload["userErrors"]] == ["INVALID_VALUE"]
    assert await stored_calendar(app) == before


async def test_final_without_preliminary_is_invalid(gql, tokens, app):
    payload = await set_dates(
        gql, tokens.admin, fiscalYear=2030, finalRecordsCreatedOn="2030-03-01"
    )
    assert [e["code"] for e in payload["userErrors"]] == ["INVALID_VALUE"]
    assert 2030 not in await stored_calendar(app)


async def test_a_fiscal_year_out_of_range_is_invalid(gql, tokens, app):
    payload = await set_dates(
        gql, tokens.admin, fiscalYear=1999, preliminaryRecordsCreatedOn="1998-10-01"
    )
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == ("INVALID_VALUE", ["input", "fiscalYear"])
    assert 1999 not in await stored_calendar(app)


async def test_an_admin_sets_dates_and_unnamed_dates_keep_their_value(gql, tokens, app):
    payload = await set_dates(
        gql, tokens.admin, fiscalYear=2027, finalRecordsCreatedOn="2027-04-01"
    )
    assert payload == {
        "fiscalYearDates": {
            "fiscalYear": 2027,
            "preliminaryRecordsCreatedOn": "2027-01-15",
            "finalRecordsCreatedOn": "2027-04-01",
        },
        "userErrors": [],
    }
    stored = (await stored_calendar(app))[2027]
    assert (stored.preliminary_records_created_on, stored.final_records_created_on) == (
        date(2027, 1, 15),
        date(2027, 4, 1),
    )
    cleared = await set_dates(gql, tokens.admin, fiscalYear=2027, finalRecordsCreatedOn=None)
    assert cleared["fiscalYearDates"]["finalRecordsCreatedOn"] is None
    assert (await stored_calendar(app))[2027].final_records_created_on is None


async def test_preliminary_creation_today_makes_it_the_participant_year_at_once(gql, tokens):
    assert await records(gql, tokens.mesa, KAYLA, RED_MOUNTAIN) != []
    payload = await set_dates(
        gql, tokens.admin, fiscalYear=2027, preliminaryRecordsCreatedOn="2026-11-28"
    )  # the clock's today
    assert payload["userErrors"] == []
    status = (await gql.data(STATUS, token=tokens.mesa))["fiscalYearStatus"]
    assert status == {
        "enrollmentFiscalYear": 2027,
        "participantFiscalYear": 2027,
        "preliminaryRecordsCreatedOn": "2026-11-28",
        "finalRecordsCreatedOn": None,
        "creditAdjustmentWindowOpen": True,
    }
    # The lookups now search FY2027, where the sample students have no records.
    assert await records(gql, tokens.mesa, KAYLA, RED_MOUNTAIN) == []
    assert await records(gql, tokens.reviewer, JASMINE, EVIT_MAIN) == []


async def test_preliminary_creation_earlier_also_counts(gql, tokens):
    await set_dates(gql, tokens.admin, fiscalYear=2027, preliminaryRecordsCreatedOn="2026-09-01")
    status = (await gql.data(STATUS, token=tokens.mesa))["fiscalYearStatus"]
    assert status["participantFiscalYear"] == 2027


async def test_preliminary_creation_tomorrow_does_not_count_yet(gql, tokens):
    await set_dates(gql, tokens.admin, fiscalYear=2027, preliminaryRecordsCreatedOn="2026-11-29")
    status = (await gql.data(STATUS, token=tokens.mesa))["fiscalYearStatus"]
    assert status["participantFiscalYear"] == 2026
    assert len(await records(gql, tokens.mesa, KAYLA, RED_MOUNTAIN)) == 1


async def test_the_clock_reaching_the_preliminary_date_flips_the_participant_year(
    gql, tokens, clock
):
    # FY2027's preliminary records come on 2027-01-15, i.e. at 07:00 UTC that day in Arizona.
    clock.now = datetime(2027, 1, 15, 6, 59, tzinfo=UTC)
    status = (await gql.data(STATUS, token=tokens.mesa))["fiscalYearStatus"]
    assert status["participantFiscalYear"] == 2026
    assert len(await records(gql, tokens.mesa, KAYLA, RED_MOUNTAIN)) == 1

    clock.now += timedelta(minutes=1)
    status = (await gql.data(STATUS, token=tokens.mesa))["fiscalYearStatus"]
    assert (
        status["participantFiscalYear"],
        status["preliminaryRecordsCreatedOn"],
        status["creditAdjustmentWindowOpen"],
    ) == (2027, "2027-01-15", True)
    assert await records(gql, tokens.mesa, KAYLA, RED_MOUNTAIN) == []


async def test_healthz_answers_while_the_process_is_up(http):
    response = await http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_answers_when_the_database_does(http):
    response = await http.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


async def test_readyz_is_unavailable_when_the_database_is_not(http, app, monkeypatch):
    async def unreachable():
        raise ConnectionError("no database")

    monkeypatch.setattr(app.state.services.store, "ping", unreachable)
    response = await http.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert (await http.get("/healthz")).status_code == 200


SCHOOLS = "query { viewer { leas { entityId schools { entityId name lea { entityId } } } } }"


async def test_an_lea_users_leas_list_their_schools_by_name(gql, tokens):
    leas = (await gql.data(SCHOOLS, token=tokens.mesa))["viewer"]["leas"]
    assert [lea["entityId"] for lea in leas] == [MESA]
    schools = leas[0]["schools"]
    assert [s["name"] for s in schools] == [
        "Mountain View High School",
        "Red Mountain High School",
        "Westwood High School",
    ]
    assert {s["entityId"] for s in schools} == {MOUNTAIN_VIEW, RED_MOUNTAIN, WESTWOOD}
    assert {s["lea"]["entityId"] for s in schools} == {MESA}


async def test_schools_of_another_lea_are_not_listed_to_an_lea_user(app):
    lookups = app.state.services.lookups
    mesa_user = Viewer(id="m", name="M", role=Role.LEA_USER, lea_ids=frozenset({MESA}))
    reviewer = Viewer(id="r", name="R", role=Role.REVIEWER)
    assert await lookups.schools_of_lea(mesa_user, EVIT) == []
    assert [s.entity_id for s in await lookups.schools_of_lea(reviewer, EVIT)] == [EVIT_MAIN]

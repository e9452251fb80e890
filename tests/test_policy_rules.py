"""Issue 10's rules through the real app: the program list's say, fiscal calendar dates,
approval's re-checks, plain decimals, and the preview of a submission."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from domain.access import EVERYTHING as ALL
from domain.exits import refresh_recent_exits
from domain.loader import RecordWriter
from server.app import create_app
from server.settings import Settings
from tests.approval_support import approve, fetch, submission, submit
from tests.conftest import MOUNTAIN_VIEW, RED_MOUNTAIN
from tests.documents import (
    PLACEMENT_SURVEY_LIST,
    PROVIDE_INFORMATION,
    REQUEST_MORE_INFORMATION,
    SUBMIT_IN_FULL,
)
from tests.request_support import acted
from tests.sample import (
    AMARA,
    C1,
    CULINARY,
    DIEGO,
    DIEGO_RETIRED,
    EMILY,
    HIRO,
    JACOB,
    JAYLEN,
    KEVIN,
    LENA,
    LENA_RETIRED,
    MATEO,
    ROBOTICS,
    WYATT,
)

MATEOS_REQUEST = {"suid": MATEO, "school": RED_MOUNTAIN, "program": CULINARY, "course": C1}

PREVIEW = """
query Preview($input: PreviewInsertCreditsRequestInput!) {
  previewInsertCreditsRequest(input: $input) {
    record { fiscalYear program { programNumber } }
    impact { before { participant } after { participant } changesStatus }
    advisories { code message }
    userErrors { code field message }
  }
}"""

SET_DATES = """
mutation Dates($input: SetFiscalYearDatesInput!) {
  setFiscalYearDates(input: $input) {
    fiscalYearDates { fiscalYear preliminaryRecordsCreatedOn }
    userErrors { code field message }
  }
}"""


async def delist(store, program: str, on_list: bool = False) -> None:
    await store.db.programs.update_one(
        {"programNumber": program}, {"$set": {"onApprovedList": on_list}}
    )


async def submit_payload(gql, token, **fields) -> dict:
    data = await gql.data(SUBMIT_IN_FULL, {"input": submission(**fields)}, token)
    return data["submitInsertCreditsRequest"]


def preview_input(**fields) -> dict:
    full = submission(**fields)
    del full["justification"]
    return full


async def preview(gql, token, **fields) -> dict:
    data = await gql.data(PREVIEW, {"input": preview_input(**fields)}, token)
    return data["previewInsertCreditsRequest"]


# --- the program list -------------------------------------------------------------------


async def test_a_program_off_the_list_is_refused_but_still_shown(gql, tokens, store):
    await delist(store, CULINARY)
    payload = await submit_payload(gql, tokens.mesa, **MATEOS_REQUEST, credits="0.5")
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
        ("PROGRAM_NOT_APPROVED", ["input", "programNumber"])
    ]
    programs = await gql.data(
        "{ approvedPrograms { programNumber onApprovedList } }", token=tokens.mesa
    )
    assert {"programNumber": CULINARY, "onApprovedList": False} in programs["approvedPrograms"]


async def test_approval_is_refused_once_the_program_left_the_list_and_the_reviewer_is_told(
    gql, tokens, store
):
    request = await submit(gql, tokens.mesa, **MATEOS_REQUEST, credits="0.5")
    await delist(store, CULINARY)
    seen = await fetch(gql, tokens.reviewer, request["id"])
    assert "PROGRAM_NO_LONGER_APPROVED" in [a["code"] for a in seen["advisories"]]
    assert seen["program"]["programNumber"] == CULINARY
    assert seen["impact"]["before"] == seen["record"]["status"]  # the record's real flags
    payload = await approve(gql, tokens.reviewer, request["id"])
    assert [e["code"] for e in payload["userErrors"]] == ["PROGRAM_NOT_APPROVED"]
    await delist(store, CULINARY, on_list=True)
    assert (await approve(gql, tokens.reviewer, request["id"]))["userErrors"] == []


# --- the retired SUID -------------------------------------------------------------------


async def test_the_retired_suid_must_hold_a_record_in_the_same_program(gql, tokens):
    """Diego's retired SUID holds a Culinary record (at Tucson High): none in Robotics."""
    diego = {"suid": DIEGO, "school": RED_MOUNTAIN, "course": C1, "credits": "1"}
    retired = {"reason": "RETIRED_SUID", "retiredSuid": DIEGO_RETIRED}
    accepted = await submit_payload(gql, tokens.mesa, program=CULINARY, **diego, **retired)
    assert accepted["userErrors"] == []
    jaylen = {"suid": JAYLEN, "school": RED_MOUNTAIN, "course": "15040030", "credits": "1"}
    refused = await submit_payload(gql, tokens.mesa, program=ROBOTICS, **jaylen, **retired)
    assert [(e["code"], e["field"]) for e in refused["userErrors"]] == [
        ("RETIRED_SUID_HAS_NO_RECORD", ["input", "retiredSuid"])
    ]


# --- approval re-checks the student's exit ----------------------------------------------


async def test_approval_is_refused_when_the_student_is_now_recorded_as_having_left_before(
    gql, tokens, store
):
    request = await submit(gql, tokens.mesa, **MATEOS_REQUEST, credits="0.5")
    await store.db.students.update_one(
        {"suid": MATEO}, {"$set": {"exitedOn": "2025-05-30", "exitReason": "GRADUATED"}}
    )
    payload = await approve(gql, tokens.reviewer, request["id"])
    assert [e["code"] for e in payload["userErrors"]] == ["STUDENT_EXITED"]
    assert payload["changeRequest"]["status"] == "PENDING_REVIEW"


# --- plain decimals ---------------------------------------------------------------------


@pytest.mark.parametrize("credits", ["1_0", " 1", "1 ", "1e0", "١", "+1", "1.", ".5", "0x1"])
async def test_credits_that_are_not_plain_ascii_decimals_are_invalid_at_their_field(
    gql, tokens, credits
):
    payload = await submit_payload(gql, tokens.mesa, **MATEOS_REQUEST, credits=credits)
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
        ("INVALID_VALUE", ["input", "credits"])
    ]


# --- the fiscal calendar ----------------------------------------------------------------


@pytest.mark.parametrize("day", ["2026-06-30", "2028-07-01"])
async def test_a_preliminary_date_outside_its_window_is_refused(gql, tokens, day):
    data = await gql.data(
        SET_DATES,
        {"input": {"fiscalYear": 2027, "preliminaryRecordsCreatedOn": day}},
        tokens.admin,
    )
    payload = data["setFiscalYearDates"]
    assert payload["fiscalYearDates"] is None
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
        ("INVALID_VALUE", ["input", "preliminaryRecordsCreatedOn"])
    ]


async def test_without_any_preliminary_records_nothing_is_found_and_submissions_are_refused(
    gql, tokens, store
):
    await store.db.fiscal_years.delete_many({})
    status = await gql.data(
        "{ fiscalYearStatus { participantFiscalYear hasParticipantRecords } }", token=tokens.mesa
    )
    assert status["fiscalYearStatus"]["hasParticipantRecords"] is False
    records = await gql.data(
        f'{{ participantRecords(suid: "{MATEO}", schoolEntityId: {RED_MOUNTAIN}) {{ id }} }}',
        token=tokens.mesa,
    )
    assert records["participantRecords"] == []
    payload = await submit_payload(gql, tokens.mesa, **MATEOS_REQUEST, credits="0.5")
    assert [e["code"] for e in payload["userErrors"]] == ["NO_PARTICIPANT_RECORD"]


# --- provided information that changes the request --------------------------------------


async def test_changed_credits_are_pointed_out_to_the_reviewer(gql, tokens):
    request = await submit(gql, tokens.mesa, **MATEOS_REQUEST, credits="0.5")
    await acted(
        gql, REQUEST_MORE_INFORMATION, tokens.reviewer, id=request["id"], comment="Which term?"
    )
    await acted(
        gql, PROVIDE_INFORMATION, tokens.mesa, id=request["id"], comment="Fall.", credits="0.75"
    )
    seen = await fetch(gql, tokens.reviewer, request["id"])
    changed = [a for a in seen["advisories"] if a["code"] == "CHANGED_SINCE_LAST_REVIEW"]
    assert len(changed) == 1 and "credits" in changed[0]["message"]


# --- the preview ------------------------------------------------------------------------


async def test_the_preview_shows_record_impact_and_advisories_and_stores_nothing(
    gql, tokens, store
):
    before = await store.db.change_requests.count_documents({})
    found = await preview(gql, tokens.mesa, **MATEOS_REQUEST, credits="0.5")
    assert found["userErrors"] == []
    assert found["record"] == {"fiscalYear": 2026, "program": {"programNumber": CULINARY}}
    assert found["impact"] == {
        "before": {"participant": False},
        "after": {"participant": True},
        "changesStatus": True,
    }
    assert "NO_EVIDENCE_ATTACHED" in [a["code"] for a in found["advisories"]]
    assert await store.db.change_requests.count_documents({}) == before


async def test_the_preview_reports_the_refusals_a_submission_would_get(gql, tokens):
    found = await preview(gql, tokens.mesa, **MATEOS_REQUEST, credits="5", gradeLevel=7)
    assert found["impact"] is None and found["record"] is None
    assert sorted(e["code"] for e in found["userErrors"]) == ["GRADE_BELOW_NINE", "INVALID_VALUE"]
    course = await preview(
        gql, tokens.mesa, **{**MATEOS_REQUEST, "course": "99999999"}, credits="0.5"
    )
    assert [e["code"] for e in course["userErrors"]] == ["COURSE_NOT_IN_PROGRAM"]
    await submit(gql, tokens.mesa, **MATEOS_REQUEST, credits="0.5")
    again = await preview(gql, tokens.mesa, **MATEOS_REQUEST, credits="0.5")
    assert [e["code"] for e in again["userErrors"]] == ["DUPLICATE_REQUEST"]


async def test_the_preview_tells_the_lea_to_use_the_adjustment_window_while_it_is_open(
    gql, tokens, store
):
    await store.db.fiscal_years.update_one(
        {"fiscalYear": 2026}, {"$set": {"finalRecordsCreatedOn": None}}
    )
    found = await preview(gql, tokens.mesa, **MATEOS_REQUEST, credits="0.5")
    assert "ALTERNATIVE_METHOD_MAY_BE_AVAILABLE" in [a["code"] for a in found["advisories"]]


async def test_the_preview_refuses_other_leas_schools_and_staff(gql, tokens):
    other = await preview(gql, tokens.tucson, **MATEOS_REQUEST, credits="0.5")
    assert [e["code"] for e in other["userErrors"]] == ["FORBIDDEN"] and other["record"] is None
    staff = await preview(gql, tokens.reviewer, **MATEOS_REQUEST, credits="0.5")
    assert [e["code"] for e in staff["userErrors"]] == ["FORBIDDEN"]


async def test_a_course_the_list_drops_keeps_its_last_known_name_and_kind(gql, tokens, store):
    """Jacob's C3 (Advanced Culinary Arts) leaves the program."""
    await store.db.programs.update_one(
        {"programNumber": CULINARY}, {"$pull": {"courses": {"courseNumber": "12050030"}}}
    )
    data = await gql.data(
        f'{{ participantRecords(suid: "{JACOB}", schoolEntityId: {MOUNTAIN_VIEW}) '
        "{ courses { course { courseNumber name kind countsTowardConcentrator } } } }",
        token=tokens.mesa,
    )
    courses = {
        c["course"]["courseNumber"]: c["course"] for c in data["participantRecords"][0]["courses"]
    }
    assert courses["12050030"] == {
        "courseNumber": "12050030",
        "name": "Advanced Culinary Arts",
        "kind": "STANDARD",
        "countsTowardConcentrator": False,
    }


# --- the sample data shows each case ----------------------------------------------------

WESTWOOD = 79014
RECORD_FLAGS = """query($suid: String!) {
  participantRecords(suid: $suid, schoolEntityId: 79014) {
    program { programNumber onApprovedList }
    status { participant concentrator completer }
  } }"""


async def flags_of(gql, token, suid: str) -> dict:
    [record] = (await gql.data(RECORD_FLAGS, {"suid": suid}, token))["participantRecords"]
    return record


async def test_the_sample_data_shows_the_program_lists_say(gql, tokens):
    seminar = await flags_of(gql, tokens.mesa, HIRO)  # CS I + the seminar
    assert seminar["status"] == {"participant": True, "concentrator": False, "completer": False}
    intern = await flags_of(gql, tokens.mesa, AMARA)  # CS I + the internship
    assert intern["status"] == {"participant": True, "concentrator": True, "completer": False}
    machining = await flags_of(gql, tokens.mesa, WYATT)
    assert machining["program"] == {"programNumber": "48.0500", "onApprovedList": False}
    payload = await submit_payload(
        gql,
        tokens.mesa,
        suid=WYATT,
        school=WESTWOOD,
        program="48.0500",
        course="48050010",
        credits="0.5",
    )
    assert [e["code"] for e in payload["userErrors"]] == ["PROGRAM_NOT_APPROVED"]


async def test_the_sample_data_has_a_retired_suid_in_another_program(gql, tokens):
    payload = await submit_payload(
        gql,
        tokens.mesa,
        suid=LENA,
        school=WESTWOOD,
        program=ROBOTICS,
        course="15040010",
        credits="0.5",
        reason="RETIRED_SUID",
        retiredSuid=LENA_RETIRED,
    )
    assert [e["code"] for e in payload["userErrors"]] == ["RETIRED_SUID_HAS_NO_RECORD"]


# --- the placement survey list ----------------------------------------------------------


async def placement_suids(gql, token, fiscal_year: int) -> dict[str, int]:
    data = await gql.data(PLACEMENT_SURVEY_LIST, {"fiscalYear": fiscal_year}, token)
    edges = data["placementSurveyList"]["edges"]
    return {e["node"]["student"]["suid"]: e["node"]["fiscalYear"] for e in edges}


async def test_a_summer_graduate_is_on_the_list_of_the_year_they_left(gql, tokens):
    """Kevin Tran graduated on 2026-08-14 (FY2027) and his latest record is FY2026's: he is
    on FY2027's list by that record, and not on FY2026's."""
    assert KEVIN not in await placement_suids(gql, tokens.reviewer, 2026)
    assert (await placement_suids(gql, tokens.reviewer, 2027))[KEVIN] == 2026


async def test_an_exit_date_in_the_future_puts_the_student_on_the_list_from_that_day(
    gql, tokens, store, clock
):
    """Emily Nguyen (a concentrator) is recorded as leaving on Dec 5, 2026, a week ahead."""
    emily = EMILY
    await store.db.students.update_one({"suid": emily}, {"$set": {"exitedOn": "2026-12-05"}})
    await RecordWriter(store, clock).refresh(await store.records.of_students(ALL, [emily]))
    assert emily not in await placement_suids(gql, tokens.reviewer, 2027)
    clock.now = clock.now + timedelta(days=7)
    assert await refresh_recent_exits(store, clock) == 1
    assert (await placement_suids(gql, tokens.reviewer, 2027))[emily] == 2026


def test_the_unusual_course_total_is_a_setting(monkeypatch, store):
    monkeypatch.setenv("CTECR_UNUSUAL_COURSE_TOTAL", "1.5")
    app = create_app(Settings(), store=store)
    assert app.state.services.rules.usual_course_total == Decimal("1.5")

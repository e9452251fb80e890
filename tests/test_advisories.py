"""A request's impact and advisories as a reviewer reads them through the API, including a
request approved after the participant fiscal year rolled over."""

import pytest
from bson import ObjectId

from tests.approval_support import approve, approved, fetch, reject, submit
from tests.conftest import MOUNTAIN_VIEW, RED_MOUNTAIN
from tests.documents import (
    FISCAL_YEAR_STATUS,
    REQUEST_MORE_INFORMATION_WITH_ADVISORIES,
    SET_FISCAL_YEAR_DATES,
)
from tests.sample import C1, C2, C3, CULINARY, JACOB, KAYLA, MATEO, VALERIA

NONE = {
    "participant": False,
    "concentrator": False,
    "completer": False,
    "placementSurveyEligible": False,
}
PARTICIPANT = {**NONE, "participant": True}
COMPLETER = {**NONE, "participant": True, "concentrator": True, "completer": True}


def advisory_codes(request: dict) -> list[str]:
    return [a["code"] for a in request["advisories"]]


async def set_dates(gql, token, **dates) -> dict:
    payload = (await gql.data(SET_FISCAL_YEAR_DATES, {"input": dates}, token))["setFiscalYearDates"]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["fiscalYearDates"]


@pytest.mark.policy("P17", "P41")
async def test_impact_of_a_request_that_makes_a_participant(gql, tokens):
    """Mateo: C1 0.5 + 0.5. Only NO_EVIDENCE_ATTACHED applies: the window of FY2026 is
    closed, the record is no concentrator, the flags change, FY2026 is current."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=MATEO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="0.5",
    )
    seen = await fetch(gql, tokens.reviewer, request["id"])
    assert seen["impact"] == {"before": NONE, "after": PARTICIPANT, "changesStatus": True}
    assert advisory_codes(seen) == ["NO_EVIDENCE_ATTACHED"]
    assert all(a["message"].strip() for a in seen["advisories"])


@pytest.mark.policy("P44", "P45")
async def test_completer_gets_already_concentrator_and_no_status_change(gql, tokens):
    """Kayla is a completer already: the insert changes no flag."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=KAYLA,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C3,
        credits="0.5",
    )
    seen = await fetch(gql, tokens.reviewer, request["id"])
    assert seen["impact"] == {"before": COMPLETER, "after": COMPLETER, "changesStatus": False}
    assert advisory_codes(seen) == [
        "ALREADY_CONCENTRATOR_OR_COMPLETER",
        "NO_EVIDENCE_ATTACHED",
        "NO_STATUS_CHANGE",
    ]


@pytest.mark.policy("P45")
async def test_concentrator_becoming_completer_is_not_advised_as_already_concentrator(gql, tokens):
    """Jacob (C1 + C3) is a concentrator; 1.0 of the required C2 makes him a completer: the
    insert does positively affect the record."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=JACOB,
        school=MOUNTAIN_VIEW,
        program=CULINARY,
        course=C2,
        credits="1",
    )
    seen = await fetch(gql, tokens.reviewer, request["id"])
    assert seen["impact"]["before"]["completer"] is False
    assert seen["impact"]["after"]["completer"] is True
    assert seen["impact"]["changesStatus"] is True
    assert advisory_codes(seen) == ["NO_EVIDENCE_ATTACHED"]


@pytest.mark.policy("P44")
async def test_an_insert_that_stays_below_one_credit_changes_no_status(gql, tokens):
    """Valeria at 0.7 + 0.2 = 0.9: still no participant."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=VALERIA,
        school=MOUNTAIN_VIEW,
        program=CULINARY,
        course=C1,
        credits="0.2",
    )
    seen = await fetch(gql, tokens.reviewer, request["id"])
    assert seen["impact"] == {"before": NONE, "after": NONE, "changesStatus": False}
    assert advisory_codes(seen) == ["NO_EVIDENCE_ATTACHED", "NO_STATUS_CHANGE"]


@pytest.mark.policy("P46")
@pytest.mark.parametrize(
    "final, window_open",
    [
        (None, True),  # final records not created yet: open-ended
        ("2026-12-01", True),  # final creation still in the future
        ("2026-11-28", False),  # final records created today: closed
    ],
)
async def test_alternative_method_advised_while_the_requests_window_is_open(
    gql, tokens, final, window_open
):
    request = await submit(
        gql,
        tokens.mesa,
        suid=MATEO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="0.5",
    )
    await set_dates(gql, tokens.admin, fiscalYear=2026, finalRecordsCreatedOn=final)

    status = (await gql.data(FISCAL_YEAR_STATUS, token=tokens.reviewer))["fiscalYearStatus"]
    assert status["creditAdjustmentWindowOpen"] is window_open
    seen = await fetch(gql, tokens.reviewer, request["id"])
    assert ("ALTERNATIVE_METHOD_MAY_BE_AVAILABLE" in advisory_codes(seen)) is window_open


async def rolled_over(gql, tokens, store, *, with_fy2027_record: bool) -> dict:
    """Mateo's request submitted in FY2026; then FY2027's preliminary records are created
    (today), so the participant year is FY2027. Returns the request."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=MATEO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="0.5",
    )
    if with_fy2027_record:
        fy2026 = await store.db.records.find_one({**MATEO_CULINARY, "fiscalYear": 2026})
        await store.db.records.insert_one({**fy2026, "_id": ObjectId(), "fiscalYear": 2027})
    await set_dates(gql, tokens.admin, fiscalYear=2027, preliminaryRecordsCreatedOn="2026-11-28")
    status = (await gql.data(FISCAL_YEAR_STATUS, token=tokens.reviewer))["fiscalYearStatus"]
    assert status["participantFiscalYear"] == 2027
    return request


MATEO_CULINARY = {"suid": MATEO, "schoolEntityId": RED_MOUNTAIN, "programNumber": CULINARY}


@pytest.mark.policy("P23")
async def test_a_request_approved_after_the_year_rolled_over_goes_into_the_current_record(
    gql, tokens, store
):
    """Requests modify the most recent P/C fiscal year: the request now targets FY2027's
    record, is advised so, and its approval leaves the FY2026 record alone."""
    request = await rolled_over(gql, tokens, store, with_fy2027_record=True)
    seen = await fetch(gql, tokens.reviewer, request["id"])
    assert (seen["fiscalYear"], seen["submittedForFiscalYear"]) == (2027, 2026)
    assert advisory_codes(seen) == [
        "ALTERNATIVE_METHOD_MAY_BE_AVAILABLE",  # FY2027's window opened today
        "NO_EVIDENCE_ATTACHED",
        "FISCAL_YEAR_NO_LONGER_CURRENT",
    ]
    assert seen["record"]["fiscalYear"] == 2027

    result = await approved(gql, tokens.reviewer, request["id"])
    assert (result["fiscalYear"], result["submittedForFiscalYear"]) == (2027, 2026)
    assert result["record"]["fiscalYear"] == 2027
    assert result["record"]["status"]["participant"] is True
    fy2026 = await store.db.records.find_one({**MATEO_CULINARY, "fiscalYear": 2026})
    assert fy2026["appliedRequestIds"] == [] and fy2026["status"]["participant"] is False


@pytest.mark.policy("P22", "P23")
async def test_without_a_current_year_record_the_approval_is_refused(gql, tokens, store):
    request = await rolled_over(gql, tokens, store, with_fy2027_record=False)
    payload = await approve(gql, tokens.reviewer, request["id"])
    assert [e["code"] for e in payload["userErrors"]] == ["NO_PARTICIPANT_RECORD"]
    assert "FY2027" in payload["userErrors"][0]["message"]
    assert payload["changeRequest"]["status"] == "PENDING_REVIEW"
    fy2026 = await store.db.records.find_one({**MATEO_CULINARY, "fiscalYear": 2026})
    assert fy2026["appliedRequestIds"] == []


@pytest.mark.policy("P16", "P23")
async def test_a_request_approved_before_the_year_rolled_over_stays_with_its_record(
    gql, tokens, store
):
    """Only an open request follows the participant fiscal year; an approved one names the
    year and the record its credits went into, even once a later year's record exists."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=MATEO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="0.5",
    )
    await approved(gql, tokens.reviewer, request["id"])
    fy2026 = await store.db.records.find_one({**MATEO_CULINARY, "fiscalYear": 2026})
    await store.db.records.insert_one({**fy2026, "_id": ObjectId(), "fiscalYear": 2027})
    await set_dates(gql, tokens.admin, fiscalYear=2027, preliminaryRecordsCreatedOn="2026-11-28")

    seen = await fetch(gql, tokens.reviewer, request["id"])
    assert seen["status"] == "APPROVED"
    assert (seen["fiscalYear"], seen["submittedForFiscalYear"]) == (2026, 2026)
    assert seen["record"]["fiscalYear"] == 2026


async def test_advisories_stay_while_more_information_is_requested(gql, tokens):
    request = await submit(
        gql,
        tokens.mesa,
        suid=KAYLA,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C3,
        credits="0.5",
    )
    payload = (
        await gql.data(
            REQUEST_MORE_INFORMATION_WITH_ADVISORIES,
            {"input": {"id": request["id"], "comment": "Please attach the transcript."}},
            tokens.reviewer,
        )
    )["requestMoreInformation"]
    assert payload["changeRequest"]["status"] == "MORE_INFORMATION_REQUESTED"
    assert "ALREADY_CONCENTRATOR_OR_COMPLETER" in advisory_codes(payload["changeRequest"])


async def test_no_advisories_once_approved_and_impact_is_the_records_flags(gql, tokens):
    request = await submit(
        gql,
        tokens.mesa,
        suid=MATEO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="0.5",
    )
    assert advisory_codes(request) == ["NO_EVIDENCE_ATTACHED"]
    await approved(gql, tokens.reviewer, request["id"])

    seen = await fetch(gql, tokens.reviewer, request["id"])
    assert seen["advisories"] == []
    # The credits are in the record now: it shows them once, not added a second time.
    assert seen["impact"] == {"before": PARTICIPANT, "after": PARTICIPANT, "changesStatus": False}
    assert seen["record"]["status"] == PARTICIPANT


async def test_no_advisories_once_rejected(gql, tokens):
    request = await submit(
        gql,
        tokens.mesa,
        suid=KAYLA,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C3,
        credits="0.5",
    )
    assert len(request["advisories"]) == 3
    rejected = await reject(gql, tokens.reviewer, request["id"], reason="NOT_NECESSARY")
    assert rejected["changeRequest"]["status"] == "REJECTED"
    assert rejected["changeRequest"]["rejectionReason"] == "NOT_NECESSARY"
    assert rejected["changeRequest"]["advisories"] == []

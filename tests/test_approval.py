"""Approval through the real ASGI app: the policy's use cases, credits added (never
overwritten) with exact decimals, the flags recomputed, and the re-checks at approval."""

from datetime import datetime, timedelta
from decimal import Decimal

from tests.approval_support import (
    approve,
    approved,
    codes,
    course_of,
    fetch,
    record_of,
    reject,
    submission,
    submit,
    total,
)
from tests.conftest import MOUNTAIN_VIEW, RED_MOUNTAIN, TUCSON_HIGH
from tests.documents import CHANGE_REQUESTS_IN_FULL, PLACEMENT_SURVEY_LIST_IN_FULL, SUBMIT_IN_FULL
from tests.sample import (
    AALIYAH,
    AALIYAH_RETIRED,
    ADRIAN,
    ANA,
    C1,
    C2,
    C3,
    CI,
    CULINARY,
    DIEGO,
    DIEGO_RETIRED,
    GABRIEL,
    HANNAH,
    ISABEL,
    MATEO,
    N2,
    N3,
    NURSING,
    PRIYA,
    VALERIA,
)

APPROVAL_TIME = datetime.fromisoformat("2026-11-28T21:30:00+00:00")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# --- the policy's use cases ---------------------------------------------------------------


async def test_out_of_state_transfer_adds_to_the_reported_credit(gql, tokens, clock):
    """Mateo: C1 0.5 reported + 0.5 inserted = 1.0; the reported 0.5 stays as it was."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=MATEO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="0.5",
        reason="OUT_OF_STATE_TRANSFER",
    )
    before = await record_of(gql, tokens.mesa, MATEO, RED_MOUNTAIN, CULINARY)
    assert before["status"]["participant"] is False
    clock.now = APPROVAL_TIME

    result = await approved(gql, tokens.reviewer, request["id"])

    assert result["reason"] == "OUT_OF_STATE_TRANSFER"
    assert result["version"] == request["version"] + 1
    assert [(e["kind"], e["actor"]["id"]) for e in result["history"]] == [
        ("SUBMITTED", "lea-mesa"),
        ("APPROVED", "reviewer-1"),
    ]
    after = await record_of(gql, tokens.mesa, MATEO, RED_MOUNTAIN, CULINARY)
    c1 = course_of(after, C1)
    assert (c1["reportedCredits"], c1["insertedCredits"], c1["totalCredits"]) == ("0.5", "0.5", "1")
    [insertion] = c1["insertions"]
    assert insertion["changeRequestId"] == request["id"]
    assert insertion["credits"] == "0.5"
    assert at(insertion["approvedAt"]) == APPROVAL_TIME
    assert after["status"]["participant"] is True
    assert after["version"] == before["version"] + 1
    assert after["totalCredits"] == "1"
    assert result["record"] == after


async def test_in_state_unreported_adds_a_course_the_record_lacked(gql, tokens):
    """Hannah: N1 0.5 only; 1.0 of N2 earned at another Arizona school adds the N2 entry."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=HANNAH,
        school=MOUNTAIN_VIEW,
        program=NURSING,
        course=N2,
        credits="1.0",
        reason="IN_STATE_TRANSFER_UNREPORTED",
    )
    assert course_of(request["record"], N2) is None

    await approved(gql, tokens.reviewer, request["id"])

    record = await record_of(gql, tokens.mesa, HANNAH, MOUNTAIN_VIEW, NURSING)
    n2 = course_of(record, N2)
    assert n2["course"]["name"] == "Nursing Services II"
    assert (n2["reportedCredits"], n2["insertedCredits"], n2["totalCredits"]) == ("0", "1", "1")
    assert [i["changeRequestId"] for i in n2["insertions"]] == [request["id"]]
    assert course_of(record, "51390010")["totalCredits"] == "0.5"
    assert record["status"]["participant"] is True
    assert record["status"]["concentrator"] is False


async def test_retired_suid_records_are_shown_to_the_reviewer_and_the_credit_lands(gql, tokens):
    """Diego's credits were reported under his retired SUID at Tucson High (FY2025)."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=DIEGO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="1.0",
        reason="RETIRED_SUID",
        retiredSuid=DIEGO_RETIRED,
    )

    seen = await fetch(gql, tokens.reviewer, request["id"])
    [retired] = seen["retiredSuidRecords"]
    assert retired["student"]["suid"] == DIEGO_RETIRED
    assert (retired["school"]["entityId"], retired["fiscalYear"]) == (TUCSON_HIGH, 2025)
    assert course_of(retired, C1)["totalCredits"] == "1"
    assert seen["retiredSuid"] == DIEGO_RETIRED

    result = await approved(gql, tokens.reviewer, request["id"])
    assert result["record"]["status"] == {
        "participant": True,
        "concentrator": True,
        "completer": True,
        "placementSurveyEligible": False,
    }
    assert course_of(result["record"], C1)["reportedCredits"] == "0"


async def test_retired_suid_records_at_other_leas_schools_are_shown_to_the_submitting_lea(
    gql, tokens
):
    """Diego's retired record is at Tucson High: the Mesa user who submitted the request sees
    it beside the reviewer (the policy checks the retired SUID statewide); Tucson's user, who
    may not see the request, sees neither."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=DIEGO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="1.0",
        reason="RETIRED_SUID",
        retiredSuid=DIEGO_RETIRED,
    )
    [shown] = (await fetch(gql, tokens.mesa, request["id"]))["retiredSuidRecords"]
    assert shown["school"]["entityId"] == TUCSON_HIGH
    assert (await fetch(gql, tokens.reviewer, request["id"]))["retiredSuidRecords"] == [shown]
    assert await fetch(gql, tokens.tucson, request["id"]) is None


async def test_retired_suid_records_at_the_users_own_schools_are_shown(gql, tokens):
    """Aaliyah's retired SUID holds a record at Mountain View, a Mesa school."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=AALIYAH,
        school=MOUNTAIN_VIEW,
        program=CULINARY,
        course=C1,
        credits="0.5",
        reason="RETIRED_SUID",
        retiredSuid=AALIYAH_RETIRED,
    )
    [retired] = request["retiredSuidRecords"]
    assert (retired["student"]["suid"], retired["school"]["entityId"]) == (
        AALIYAH_RETIRED,
        MOUNTAIN_VIEW,
    )


async def test_retired_suid_without_any_record_is_refused_and_nothing_stored(gql, tokens):
    """Priya's SUID holds no P/C record at all."""
    fields = submission(
        DIEGO,
        RED_MOUNTAIN,
        CULINARY,
        C1,
        "1.0",
        reason="RETIRED_SUID",
        retiredSuid=PRIYA,
    )
    payload = (await gql.data(SUBMIT_IN_FULL, {"input": fields}, tokens.mesa))[
        "submitInsertCreditsRequest"
    ]
    assert payload["changeRequest"] is None
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
        ("RETIRED_SUID_HAS_NO_RECORD", ["input", "retiredSuid"])
    ]
    page = await gql.data(CHANGE_REQUESTS_IN_FULL, {"first": 5}, tokens.reviewer)
    assert page["changeRequests"]["totalCount"] == 0


# --- exact decimals and the flags ---------------------------------------------------------


async def test_two_inserts_of_point_two_and_point_one_reach_exactly_one(gql, tokens):
    """Valeria at 0.7: + 0.2 = 0.9 (not participant), + 0.1 = exactly 1 (participant)."""
    student = dict(suid=VALERIA, school=MOUNTAIN_VIEW, program=CULINARY, course=C1)
    first = await submit(gql, tokens.mesa, credits="0.2", **student)
    after_first = (await approved(gql, tokens.reviewer, first["id"]))["record"]
    assert course_of(after_first, C1)["totalCredits"] == "0.9"
    assert after_first["status"]["participant"] is False

    second = await submit(gql, tokens.mesa, credits="0.1", **student)
    record = (await approved(gql, tokens.reviewer, second["id"]))["record"]
    c1 = course_of(record, C1)
    assert (c1["reportedCredits"], c1["insertedCredits"], c1["totalCredits"]) == ("0.7", "0.3", "1")
    assert total(c1) == Decimal(1)
    assert [i["credits"] for i in c1["insertions"]] == ["0.2", "0.1"]
    assert [i["changeRequestId"] for i in c1["insertions"]] == [first["id"], second["id"]]
    assert record["status"]["participant"] is True


async def test_a_second_standard_course_makes_a_participant_a_concentrator(gql, tokens):
    """Ana: C1 1.0; 1.0 of the optional C3 makes two standard courses: concentrator, but the
    required C2 is missing, so not completer."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=ANA,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C3,
        credits="1.0",
    )
    assert request["record"]["status"]["concentrator"] is False
    record = (await approved(gql, tokens.reviewer, request["id"]))["record"]
    assert record["status"] == {
        "participant": True,
        "concentrator": True,
        "completer": False,
        "placementSurveyEligible": False,
    }


async def test_internship_credit_does_not_make_a_concentrator(gql, tokens):
    """Ana: C1 1.0; 1.0 of the Culinary internship is a second course of 1 credit, but not a
    STANDARD one."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=ANA,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=CI,
        credits="1.0",
    )
    record = (await approved(gql, tokens.reviewer, request["id"]))["record"]
    assert course_of(record, CI)["totalCredits"] == "1"
    assert record["status"]["participant"] is True
    assert record["status"]["concentrator"] is False


async def test_the_last_required_course_makes_a_completer(gql, tokens):
    """Adrian: N1 1.0, N2 1.0, N3 0.5; + 0.5 of N3 completes the required sequence."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=ADRIAN,
        school=MOUNTAIN_VIEW,
        program=NURSING,
        course=N3,
        credits="0.5",
    )
    assert request["record"]["status"]["completer"] is False
    record = (await approved(gql, tokens.reviewer, request["id"]))["record"]
    assert record["status"]["completer"] is True
    assert course_of(record, N3)["totalCredits"] == "1"


async def test_a_student_who_left_this_year_is_on_the_placement_list_at_once(gql, tokens):
    """Gabriel graduated 2026-05-28 (FY2026) one course short of concentrator."""
    variables = {"school": RED_MOUNTAIN, "first": 100}
    before = (await gql.data(PLACEMENT_SURVEY_LIST_IN_FULL, variables, tokens.mesa))[
        "placementSurveyList"
    ]
    assert GABRIEL not in [e["node"]["student"]["suid"] for e in before["edges"]]
    request = await submit(
        gql,
        tokens.mesa,
        suid=GABRIEL,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C2,
        credits="0.5",
    )

    await approved(gql, tokens.reviewer, request["id"])

    for token in (tokens.mesa, tokens.reviewer):
        after = (await gql.data(PLACEMENT_SURVEY_LIST_IN_FULL, variables, token))[
            "placementSurveyList"
        ]
        [gabriel] = [e["node"] for e in after["edges"] if e["node"]["student"]["suid"] == GABRIEL]
        assert gabriel["status"]["placementSurveyEligible"] is True
        assert gabriel["fiscalYear"] == 2026
        assert after["totalCount"] == before["totalCount"] + 1


# --- re-checks at approval ----------------------------------------------------------------


async def test_approval_refused_when_the_record_was_deleted_and_request_stays_open(
    gql, tokens, store
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
    key = {
        "suid": MATEO,
        "schoolEntityId": RED_MOUNTAIN,
        "fiscalYear": 2026,
        "programNumber": CULINARY,
    }
    document = await store.db.records.find_one(key)
    await store.db.records.delete_one(key)

    payload = await approve(gql, tokens.reviewer, request["id"])

    assert codes(payload) == ["NO_PARTICIPANT_RECORD"]
    assert payload["changeRequest"]["status"] == "PENDING_REVIEW"
    assert payload["changeRequest"]["version"] == request["version"]
    assert [e["kind"] async for e in store.db.events.find()] == ["SUBMITTED"]
    # Not stuck: once the record is back, the same request can be approved.
    await store.db.records.insert_one(document)
    result = await approved(gql, tokens.reviewer, request["id"])
    assert course_of(result["record"], C1)["totalCredits"] == "1"


async def test_record_deleted_between_claim_and_write_releases_the_request(
    gql, tokens, store, monkeypatch
):
    """The record vanishes after the approval claimed the request: refused, and the request
    is released (PENDING_REVIEW, not left 'being approved'), so a rejection still works."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=MATEO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="0.5",
    )
    claim = store.requests.claim_approval

    async def claim_then_delete_record(*args, **kwargs):
        claimed = await claim(*args, **kwargs)
        await store.db.records.delete_one({"suid": MATEO, "fiscalYear": 2026})
        return claimed

    monkeypatch.setattr(store.requests, "claim_approval", claim_then_delete_record)
    payload = await approve(gql, tokens.reviewer, request["id"])

    assert codes(payload) == ["NO_PARTICIPANT_RECORD"]
    stored = await store.db.change_requests.find_one({})
    assert stored["status"] == "PENDING_REVIEW" and stored.get("applying") is None
    rejected = await reject(gql, tokens.reviewer, request["id"])
    assert rejected["userErrors"] == []
    assert rejected["changeRequest"]["status"] == "REJECTED"


async def test_approval_refused_when_the_program_left_the_approved_list(gql, tokens, store):
    request = await submit(
        gql,
        tokens.mesa,
        suid=MATEO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="0.5",
    )
    await store.db.programs.delete_one({"programNumber": CULINARY})

    payload = await approve(gql, tokens.reviewer, request["id"])

    assert codes(payload) == ["PROGRAM_NOT_APPROVED"]
    # The request stays readable; its program is shown by its number alone.
    assert payload["changeRequest"]["program"] == {
        "programNumber": CULINARY,
        "name": CULINARY,
        "courses": [],
    }
    assert payload["changeRequest"]["record"]["program"]["programNumber"] == CULINARY
    stored = await store.db.change_requests.find_one({})
    assert stored["status"] == "PENDING_REVIEW" and stored.get("applying") is None
    record = await store.db.records.find_one({"suid": MATEO, "fiscalYear": 2026})
    assert record["appliedRequestIds"] == []
    assert [c["insertions"] for c in record["courses"]] == [[]]


async def test_approval_refused_when_the_course_left_the_program(gql, tokens, store):
    request = await submit(
        gql,
        tokens.mesa,
        suid=MATEO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="0.5",
    )
    await store.db.programs.update_one(
        {"programNumber": CULINARY}, {"$pull": {"courses": {"courseNumber": C1}}}
    )

    payload = await approve(gql, tokens.reviewer, request["id"])

    assert codes(payload) == ["COURSE_NOT_IN_PROGRAM"]
    stored = await store.db.change_requests.find_one({})
    assert stored["status"] == "PENDING_REVIEW" and stored.get("applying") is None
    record = await store.db.records.find_one({"suid": MATEO, "fiscalYear": 2026})
    assert record["appliedRequestIds"] == []


async def test_a_second_approval_of_an_approved_request_changes_nothing(gql, tokens, store):
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

    again = await approve(gql, tokens.reviewer2, request["id"])

    assert codes(again) == ["INVALID_TRANSITION"]
    assert again["changeRequest"]["status"] == "APPROVED"
    record = await record_of(gql, tokens.mesa, MATEO, RED_MOUNTAIN, CULINARY)
    assert course_of(record, C1)["insertedCredits"] == "0.5"
    assert await store.db.events.count_documents({"kind": "APPROVED"}) == 1


async def test_an_approval_comment_is_kept_on_the_event(gql, tokens):
    request = await submit(
        gql,
        tokens.tucson,
        suid=ISABEL,
        school=TUCSON_HIGH,
        program=CULINARY,
        course=C1,
        credits="0.5",
    )
    payload = await approve(
        gql,
        tokens.admin,
        request["id"],
        comment="  Transcript checked. ",
        expectedVersion=request["version"],
    )
    assert payload["userErrors"] == []
    event = payload["changeRequest"]["history"][-1]
    assert (event["kind"], event["comment"], event["actor"]["role"]) == (
        "APPROVED",
        "Transcript checked.",
        "ADMIN",
    )
    assert (event["fromStatus"], event["toStatus"]) == ("PENDING_REVIEW", "APPROVED")


async def test_approval_time_is_the_clock_at_approval_not_at_submission(gql, tokens, clock):
    request = await submit(
        gql,
        tokens.mesa,
        suid=MATEO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="0.5",
    )
    clock.now = clock.now + timedelta(days=3)
    result = await approved(gql, tokens.reviewer, request["id"])
    assert at(result["updatedAt"]) == clock.now
    assert at(result["submittedAt"]) == clock.now - timedelta(days=3)
    [insertion] = course_of(result["record"], C1)["insertions"]
    assert at(insertion["approvedAt"]) == clock.now

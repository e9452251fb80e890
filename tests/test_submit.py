"""submitInsertCreditsRequest through the real app: every rule of domain.md's "Submitting a
request", each refusal with its code and field and nothing stored; idempotency keys; the
participant fiscal year recorded at submission."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from decimal import Decimal

import httpx2
import pytest

from domain.models import Role
from server.app import create_app
from server.settings import DEVELOPMENT_SECRET, Settings
from tests.conftest import (
    EVIT_MAIN,
    MOUNTAIN_VIEW,
    RED_MOUNTAIN,
    TUCSON,
    TUCSON_HIGH,
    GraphQLClient,
    make_token,
)
from tests.documents import (
    APPROVE,
    FISCAL_YEAR_STATUS,
    REJECT,
    REQUEST_MORE_INFORMATION,
    SET_FISCAL_YEAR_DATES,
    WITHDRAW,
)
from tests.request_support import (
    MESA_2,
    acted,
    codes_and_fields,
    fetch,
    stored_counts,
    submit,
    submitted,
)
from tests.sample import (
    ANA,
    ANDREW,
    ANGEL,
    C1,
    C2,
    C3,
    CHRISTOPHER,
    CULINARY,
    DIEGO,
    DIEGO_RETIRED,
    HANNAH,
    ISABEL,
    JAYLEN,
    JOSHUA,
    MARCUS,
    MATEO,
    N1,
    NATALIE,
    NURSING,
    PRIYA,
    RENATA,
    WESTWOOD,
)
from tests.sample_store import load_sample_data


def field(name: str) -> list[str]:
    return ["input", name]


async def assert_refused(gql, app, token, code, field_path, **overrides):
    """The submission is refused with exactly this one error, and nothing is stored."""
    before = await stored_counts(app)
    payload = await submit(gql, token, **overrides)
    assert payload["changeRequest"] is None
    assert codes_and_fields(payload) == [(code, field_path)]
    assert payload["userErrors"][0]["message"]
    assert await stored_counts(app) == before


# --- the accepted submission ------------------------------------------------------------


async def test_a_valid_submission_is_stored_pending_with_its_submitted_event(gql, app, tokens):
    before = await stored_counts(app)
    payload = await submit(
        gql,
        tokens.mesa,
        clientMutationId="form-1",
        justification="  Nevada transcript, 0.5 credit.  ",
    )
    assert payload["userErrors"] == []
    assert payload["clientMutationId"] == "form-1"
    request = payload["changeRequest"]
    assert request["kind"] == "INSERT_CREDITS"
    assert request["status"] == "PENDING_REVIEW"
    assert request["version"] == 1
    assert request["fiscalYear"] == 2026
    assert request["student"]["suid"] == MATEO
    assert request["school"]["entityId"] == RED_MOUNTAIN
    assert request["program"]["programNumber"] == CULINARY
    assert request["course"]["courseNumber"] == C1
    assert request["credits"] == "0.5"
    assert request["gradeLevel"] == 10
    assert request["reason"] == "OUT_OF_STATE_TRANSFER"
    assert request["retiredSuid"] is None
    assert request["justification"] == "Nevada transcript, 0.5 credit."
    assert request["rejectionReason"] is None
    mesa = {"id": "lea-mesa", "name": "Mesa Coordinator", "role": "LEA_USER"}
    assert request["submittedBy"] == mesa
    [event] = request["history"]
    assert event["kind"] == "SUBMITTED"
    assert event["actor"] == mesa
    assert (event["fromStatus"], event["toStatus"]) == (None, "PENDING_REVIEW")
    assert event["at"] == request["submittedAt"]
    after = await stored_counts(app)
    assert (after.requests, after.events) == (before.requests + 1, before.events + 1)
    assert await fetch(gql, tokens.reviewer, request["id"]) == request


# --- who may submit, and for which school ------------------------------------------------


async def test_a_school_of_another_lea_is_forbidden(gql, app, tokens):
    await assert_refused(
        gql,
        app,
        tokens.mesa,
        "FORBIDDEN",
        field("schoolEntityId"),
        suid=ISABEL,
        schoolEntityId=TUCSON_HIGH,
    )


async def test_an_unknown_school_is_forbidden(gql, app, tokens):
    await assert_refused(
        gql, app, tokens.mesa, "FORBIDDEN", field("schoolEntityId"), schoolEntityId=999999
    )


@pytest.mark.parametrize("role", ["reviewer", "admin"])
async def test_ade_staff_may_not_submit(gql, app, tokens, role):
    before = await stored_counts(app)
    payload = await submit(gql, getattr(tokens, role))
    assert payload["changeRequest"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["FORBIDDEN"]
    assert await stored_counts(app) == before


# --- the student's records --------------------------------------------------------------


@pytest.mark.parametrize(
    "token, suid, school, program, course",
    [
        # FY2025 record only, no FY2026 record anywhere
        ("evit", CHRISTOPHER, EVIT_MAIN, CULINARY, C1),
        # FY2025 record at Westwood, the FY2026 one is at EVIT (another LEA)
        ("mesa", ANDREW, WESTWOOD, "15.0400", "15040010"),
        # a SUID nobody holds
        ("mesa", "1009999999", RED_MOUNTAIN, CULINARY, C1),
    ],
)
async def test_no_record_at_the_school_in_the_participant_year(
    gql, app, tokens, token, suid, school, program, course
):
    await assert_refused(
        gql,
        app,
        getattr(tokens, token),
        "NO_PARTICIPANT_RECORD",
        field("suid"),
        suid=suid,
        schoolEntityId=school,
        programNumber=program,
        courseNumber=course,
    )


@pytest.mark.parametrize(
    "token, suid, school, program, course",
    [
        ("mesa", NATALIE, WESTWOOD, "15.0400", "15040030"),  # graduated 2025-05-30
        ("tucson", MARCUS, TUCSON_HIGH, CULINARY, C1),  # dropped out 2025-05-30
        (
            "tucson",
            JOSHUA,
            TUCSON_HIGH,
            CULINARY,
            C2,
        ),  # left 2025-06-30, FY2025's end
    ],
)
async def test_a_student_who_left_before_the_participant_year_is_refused(
    gql, app, tokens, token, suid, school, program, course
):
    await assert_refused(
        gql,
        app,
        getattr(tokens, token),
        "STUDENT_EXITED",
        field("suid"),
        suid=suid,
        schoolEntityId=school,
        programNumber=program,
        courseNumber=course,
    )


@pytest.mark.parametrize(
    "suid, program, course",
    [
        (RENATA, CULINARY, C2),  # left 2025-07-01, FY2026's first day
        (ANGEL, NURSING, "51390020"),  # dropped out 2026-02-13, within FY2026
    ],
)
async def test_a_student_who_left_during_the_participant_year_is_accepted(
    gql, tokens, suid, program, course
):
    request = await submitted(
        gql,
        tokens.tucson,
        suid=suid,
        schoolEntityId=TUCSON_HIGH,
        programNumber=program,
        courseNumber=course,
    )
    assert (request["status"], request["student"]["suid"]) == ("PENDING_REVIEW", suid)


@pytest.mark.parametrize("suid", ["", "   "])
async def test_a_blank_suid_is_invalid(gql, app, tokens, suid):
    await assert_refused(gql, app, tokens.mesa, "INVALID_VALUE", field("suid"), suid=suid)


# --- program and course -----------------------------------------------------------------


async def test_a_program_not_on_the_approved_list_is_refused(gql, app, tokens):
    await assert_refused(
        gql,
        app,
        tokens.mesa,
        "PROGRAM_NOT_APPROVED",
        field("programNumber"),
        programNumber="99.9999",
        courseNumber="99999910",
    )


async def test_an_approved_program_the_student_has_no_record_of_is_refused(gql, app, tokens):
    await assert_refused(
        gql,
        app,
        tokens.mesa,
        "PROGRAM_NOT_ON_RECORD",
        field("programNumber"),
        programNumber=NURSING,
        courseNumber=N1,
    )


@pytest.mark.parametrize("course", [N1, "00000000"])
async def test_a_course_outside_the_program_is_refused(gql, app, tokens, course):
    await assert_refused(
        gql, app, tokens.mesa, "COURSE_NOT_IN_PROGRAM", field("courseNumber"), courseNumber=course
    )


async def test_a_course_of_the_program_that_the_record_does_not_list_is_accepted(gql, tokens):
    request = await submitted(gql, tokens.mesa, courseNumber=C3)
    assert request["course"] == {
        "courseNumber": C3,
        "name": "Advanced Culinary Arts",
    }


async def test_the_program_of_the_second_record_at_the_school_is_offered(gql, tokens):
    """Jaylen Brooks has Culinary and Robotics records at Red Mountain."""
    request = await submitted(
        gql, tokens.mesa, suid=JAYLEN, programNumber="15.0400", courseNumber="15040030"
    )
    assert request["program"]["programNumber"] == "15.0400"


# --- credits, grade, justification ------------------------------------------------------


@pytest.mark.parametrize(
    "credits", ["0", "0.00", "-1", "-0.5", "0.125", "0.001", "3.01", "4", "1000"]
)
async def test_credits_outside_the_rule_are_invalid(gql, app, tokens, credits):
    await assert_refused(gql, app, tokens.mesa, "INVALID_VALUE", field("credits"), credits=credits)


@pytest.mark.parametrize(
    "credits, shown", [("0.01", "0.01"), ("2.50", "2.5"), ("3", "3"), ("3.00", "3")]
)
async def test_credits_within_the_rule_are_accepted(gql, tokens, credits, shown):
    assert (await submitted(gql, tokens.mesa, credits=credits))["credits"] == shown


@contextlib.asynccontextmanager
async def client_with_max_credits(store, clock, maximum: str):
    settings = Settings(
        mongodb_uri=None,
        jwt_secret=DEVELOPMENT_SECRET,
        env="development",
        max_credits_per_request=Decimal(maximum),
    )
    await load_sample_data(store, clock)
    application = create_app(settings, store=store, clock=clock)
    async with application.router.lifespan_context(application):
        transport = httpx2.ASGITransport(app=application)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as http:
            yield GraphQLClient(http)


async def test_the_maximum_per_request_comes_from_the_settings(store, clock, tokens):
    async with client_with_max_credits(store, clock, "5") as gql:
        assert (await submitted(gql, tokens.mesa, credits="4.5"))["credits"] == "4.5"
        payload = await submit(gql, tokens.mesa, credits="5.01", courseNumber=C2)
        assert codes_and_fields(payload) == [("INVALID_VALUE", field("credits"))]


async def test_a_lower_maximum_refuses_what_the_default_allows(store, clock, tokens):
    async with client_with_max_credits(store, clock, "1.5") as gql:
        payload = await submit(gql, tokens.mesa, credits="2")
        assert codes_and_fields(payload) == [("INVALID_VALUE", field("credits"))]
        assert (await submitted(gql, tokens.mesa, credits="1.5"))["credits"] == "1.5"


@pytest.mark.parametrize(
    "grade, code",
    [
        (8, "GRADE_BELOW_NINE"),
        (0, "GRADE_BELOW_NINE"),
        (-9, "GRADE_BELOW_NINE"),
        (13, "INVALID_VALUE"),
    ],
)
async def test_grades_outside_nine_to_twelve_are_refused(gql, app, tokens, grade, code):
    await assert_refused(gql, app, tokens.mesa, code, field("gradeLevel"), gradeLevel=grade)


@pytest.mark.parametrize("grade", [9, 12])
async def test_grades_nine_and_twelve_are_accepted(gql, tokens, grade):
    assert (await submitted(gql, tokens.mesa, gradeLevel=grade))["gradeLevel"] == grade


@pytest.mark.parametrize(
    "justification", ["", "   ", "\n\t ", "x" * 4001, "  " + "x" * 4001 + "  "]
)
async def test_a_blank_or_too_long_justification_is_invalid(gql, app, tokens, justification):
    await assert_refused(
        gql, app, tokens.mesa, "INVALID_VALUE", field("justification"), justification=justification
    )


async def test_a_justification_of_4000_characters_after_trimming_is_accepted(gql, tokens):
    text = "x" * 4000
    request = await submitted(gql, tokens.mesa, justification=f"   {text}   ")
    assert request["justification"] == text


async def test_several_input_problems_are_reported_together(gql, app, tokens):
    before = await stored_counts(app)
    payload = await submit(
        gql, tokens.mesa, credits="0", gradeLevel=8, justification=" ", reason="RETIRED_SUID"
    )
    assert payload["changeRequest"] is None
    assert sorted(codes_and_fields(payload)) == sorted(
        [
            ("INVALID_VALUE", field("credits")),
            ("GRADE_BELOW_NINE", field("gradeLevel")),
            ("INVALID_VALUE", field("justification")),
            ("INVALID_VALUE", field("retiredSuid")),
        ]
    )
    assert await stored_counts(app) == before


# --- retired SUIDs ----------------------------------------------------------------------

DIEGO, DIEGO_RETIRED = DIEGO, DIEGO_RETIRED


@pytest.mark.parametrize("retired", [None, "", "  "])
async def test_reason_retired_suid_needs_the_retired_suid(gql, app, tokens, retired):
    await assert_refused(
        gql,
        app,
        tokens.mesa,
        "INVALID_VALUE",
        field("retiredSuid"),
        suid=DIEGO,
        reason="RETIRED_SUID",
        retiredSuid=retired,
    )


async def test_the_retired_suid_must_differ_from_the_suid(gql, app, tokens):
    await assert_refused(
        gql,
        app,
        tokens.mesa,
        "INVALID_VALUE",
        field("retiredSuid"),
        suid=DIEGO,
        reason="RETIRED_SUID",
        retiredSuid=DIEGO,
    )


async def test_a_retired_suid_without_any_record_is_refused(gql, app, tokens):
    await assert_refused(
        gql,
        app,
        tokens.mesa,
        "RETIRED_SUID_HAS_NO_RECORD",
        field("retiredSuid"),
        suid=DIEGO,
        reason="RETIRED_SUID",
        retiredSuid=PRIYA,
    )


async def test_a_retired_suid_with_a_record_elsewhere_is_accepted(gql, tokens):
    """Diego's retired SUID holds an FY2025 record at Tucson High, another LEA and year."""
    request = await submitted(
        gql, tokens.mesa, suid=DIEGO, reason="RETIRED_SUID", retiredSuid=DIEGO_RETIRED, credits="1"
    )
    assert (request["reason"], request["retiredSuid"]) == ("RETIRED_SUID", DIEGO_RETIRED)


async def test_a_retired_suid_with_another_reason_is_invalid(gql, app, tokens):
    await assert_refused(
        gql,
        app,
        tokens.mesa,
        "INVALID_VALUE",
        field("retiredSuid"),
        suid=DIEGO,
        retiredSuid=DIEGO_RETIRED,
    )


# --- duplicates -------------------------------------------------------------------------


async def test_a_second_open_request_for_the_same_course_is_a_duplicate(gql, app, tokens):
    await submitted(gql, tokens.mesa)
    await assert_refused(
        gql,
        app,
        tokens.mesa,
        "DUPLICATE_REQUEST",
        field("courseNumber"),
        credits="0.25",
        justification="Another transcript.",
    )
    # Another user of the LEA gets the same answer: the rule is about the student's course.
    await assert_refused(gql, app, MESA_2, "DUPLICATE_REQUEST", field("courseNumber"))


async def test_other_courses_of_the_same_student_are_not_duplicates(gql, tokens):
    first = await submitted(gql, tokens.mesa)
    second = await submitted(gql, tokens.mesa, courseNumber=C2)
    assert first["id"] != second["id"]
    assert (first["course"]["courseNumber"], second["course"]["courseNumber"]) == (C1, C2)


async def test_a_request_waiting_for_more_information_is_still_open(gql, app, tokens):
    first = await submitted(gql, tokens.mesa)
    await acted(
        gql, REQUEST_MORE_INFORMATION, tokens.reviewer, id=first["id"], comment="Which school?"
    )
    await assert_refused(gql, app, tokens.mesa, "DUPLICATE_REQUEST", field("courseNumber"))


@pytest.mark.parametrize(
    "close, token, extra",
    [
        (REJECT, "reviewer", {"reason": "INADEQUATE_JUSTIFICATION", "comment": "No proof."}),
        (WITHDRAW, "mesa", {}),
        (APPROVE, "reviewer", {}),
    ],
)
async def test_a_closed_request_allows_a_new_one(gql, tokens, close, token, extra):
    first = await submitted(gql, tokens.mesa)
    await acted(gql, close, getattr(tokens, token), id=first["id"], **extra)
    second = await submitted(gql, tokens.mesa)
    assert second["id"] != first["id"]


# --- idempotency ------------------------------------------------------------------------


async def test_a_retried_submission_with_the_same_key_returns_the_first_request(gql, app, tokens):
    before = await stored_counts(app)
    first = await submitted(gql, tokens.mesa, idempotencyKey="retry-1")
    again = await submitted(gql, tokens.mesa, idempotencyKey="retry-1")
    assert again["id"] == first["id"]
    assert again == first
    after = await stored_counts(app)
    assert (after.requests, after.events) == (before.requests + 1, before.events + 1)


async def test_the_same_key_returns_the_first_request_even_once_it_is_closed(gql, tokens):
    first = await submitted(gql, tokens.mesa, idempotencyKey="retry-2")
    await acted(gql, WITHDRAW, tokens.mesa, id=first["id"])
    again = await submitted(gql, tokens.mesa, idempotencyKey="retry-2")
    assert (again["id"], again["status"]) == (first["id"], "WITHDRAWN")


async def test_a_retry_by_a_user_who_no_longer_acts_for_the_lea_is_forbidden(gql, tokens):
    """The key finds the first request, but the user's token no longer names its LEA: the
    request must not be shown to them."""
    await submitted(gql, tokens.mesa, idempotencyKey="retry-moved")
    moved = make_token(Role.LEA_USER, "lea-mesa", "Mesa Coordinator", (TUCSON,))

    payload = await submit(gql, moved, idempotencyKey="retry-moved")

    assert codes_and_fields(payload) == [("FORBIDDEN", ["input", "schoolEntityId"])]
    assert payload["changeRequest"] is None


@pytest.mark.parametrize(
    "change",
    [
        {"credits": "0.75"},
        {"courseNumber": C2},
        {"gradeLevel": 11},
        {"justification": "Other words."},
    ],
)
async def test_the_same_key_with_another_input_is_invalid(gql, app, tokens, change):
    await submitted(gql, tokens.mesa, idempotencyKey="retry-3")
    await assert_refused(
        gql,
        app,
        tokens.mesa,
        "INVALID_VALUE",
        field("idempotencyKey"),
        idempotencyKey="retry-3",
        **change,
    )


async def test_idempotency_keys_belong_to_one_user(gql, app, tokens):
    first = await submitted(gql, tokens.mesa, idempotencyKey="shared-key")
    other = await submitted(gql, MESA_2, idempotencyKey="shared-key", courseNumber=C2)
    assert other["id"] != first["id"]
    assert other["submittedBy"]["id"] == "lea-mesa-2"
    assert (await stored_counts(app)).requests == 2


def _miss_once(monkeypatch, repository, method: str, missed):
    """Make `repository.method` answer `missed` once, as if a racing first attempt had not
    been stored yet when the retry looked."""
    real = getattr(repository, method)
    calls = []

    async def racing(*args, **kwargs):
        calls.append(args)
        return missed if len(calls) == 1 else await real(*args, **kwargs)

    monkeypatch.setattr(repository, method, racing)
    return calls


async def test_a_retry_racing_its_first_attempt_returns_the_first_request(
    gql, app, tokens, monkeypatch
):
    """The retry checked its key before the first attempt was stored, then found that
    attempt's open request for the same course: it is the first request, not a duplicate."""
    first = await submitted(gql, tokens.mesa, idempotencyKey="race-1")
    before = await stored_counts(app)
    requests = app.state.services.store.requests
    calls = _miss_once(monkeypatch, requests, "by_idempotency", None)
    again = await submitted(gql, tokens.mesa, idempotencyKey="race-1")
    assert len(calls) == 2
    assert again["id"] == first["id"]
    assert await stored_counts(app) == before


async def test_a_retry_refused_by_both_unique_indexes_returns_the_first_request(
    gql, app, tokens, monkeypatch
):
    """Both checks ran before the first attempt was stored, so the insert hits the unique
    indexes on the open request and on the key at once."""
    first = await submitted(gql, tokens.mesa, idempotencyKey="race-2")
    before = await stored_counts(app)
    requests = app.state.services.store.requests
    _miss_once(monkeypatch, requests, "by_idempotency", None)
    _miss_once(monkeypatch, requests, "open_exists", False)
    again = await submitted(gql, tokens.mesa, idempotencyKey="race-2")
    assert again["id"] == first["id"]
    assert await stored_counts(app) == before


async def test_a_racing_duplicate_without_a_key_is_still_a_duplicate(gql, app, tokens, monkeypatch):
    await submitted(gql, tokens.mesa)
    _miss_once(monkeypatch, app.state.services.store.requests, "open_exists", False)
    await assert_refused(gql, app, tokens.mesa, "DUPLICATE_REQUEST", field("courseNumber"))


async def test_an_idempotency_key_over_200_characters_is_invalid(gql, app, tokens):
    await assert_refused(
        gql, app, tokens.mesa, "INVALID_VALUE", field("idempotencyKey"), idempotencyKey="k" * 201
    )


# --- the fiscal year --------------------------------------------------------------------


async def _participant_year(gql, token) -> int:
    return (await gql.data(FISCAL_YEAR_STATUS, None, token))["fiscalYearStatus"][
        "participantFiscalYear"
    ]


async def test_an_open_request_moves_to_the_next_year_when_the_admin_opens_it(gql, app, tokens):
    """Requests modify the most recent P/C fiscal year: the open request now targets FY2027
    (its submission year is kept); the stored year moves only when it is approved."""
    request = await submitted(gql, tokens.mesa)
    assert request["fiscalYear"] == 2026
    dates = await gql.data(
        SET_FISCAL_YEAR_DATES,
        {"input": {"fiscalYear": 2027, "preliminaryRecordsCreatedOn": "2026-11-01"}},
        tokens.admin,
    )
    assert dates["setFiscalYearDates"]["userErrors"] == []
    assert await _participant_year(gql, tokens.mesa) == 2027
    assert (await fetch(gql, tokens.reviewer, request["id"]))["fiscalYear"] == 2027
    assert (await fetch(gql, tokens.reviewer, request["id"]))["submittedForFiscalYear"] == 2026
    stored = await app.state.services.store.db.change_requests.find_one({})
    assert stored["fiscalYear"] == 2026
    # New submissions look in FY2027 now, where the sample data has no records.
    await assert_refused(
        gql, app, tokens.mesa, "NO_PARTICIPANT_RECORD", field("suid"), courseNumber=C2
    )


async def test_an_open_request_follows_the_participant_year_past_preliminary_day(
    gql, tokens, clock
):
    request = await submitted(gql, tokens.mesa)
    clock.now = datetime(2027, 1, 15, 19, 0, tzinfo=UTC)  # FY2027 preliminary day
    assert await _participant_year(gql, tokens.mesa) == 2027
    found = await fetch(gql, tokens.mesa, request["id"])
    assert (found["fiscalYear"], found["submittedForFiscalYear"]) == (2027, 2026)


async def test_a_submission_uses_the_participant_year_of_its_day(gql, tokens, clock):
    """On 2025-09-01 FY2026's preliminary records did not exist yet: the year is FY2025,
    where Ana Ruiz has a record at Red Mountain (and Mateo has none)."""
    clock.now = datetime(2025, 9, 1, 19, 0, tzinfo=UTC)
    request = await submitted(gql, tokens.mesa, suid=ANA)
    assert request["fiscalYear"] == 2025
    payload = await submit(gql, tokens.mesa)
    assert codes_and_fields(payload) == [("NO_PARTICIPANT_RECORD", field("suid"))]


async def test_a_school_of_the_users_second_school_is_accepted(gql, tokens):
    """Mesa has several schools: Mountain View works as Red Mountain does."""
    request = await submitted(
        gql,
        tokens.mesa,
        suid=HANNAH,
        schoolEntityId=MOUNTAIN_VIEW,
        programNumber=NURSING,
        courseNumber=N1,
    )
    assert request["school"]["entityId"] == MOUNTAIN_VIEW

"""Pure unit tests of the submission input checks (validation.py) and of the transition
table and its checks (transitions.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from domain.change_requests.model import (
    Actor,
    ChangeRequest,
    EventKind,
    InsertCreditsReason,
    RejectionReason,
    RequestEvent,
    RequestStatus,
)
from domain.change_requests.transitions import TABLE, Action, check_role, check_state
from domain.change_requests.validation import (
    ReviewInput,
    SubmissionInput,
    credits_problem,
    grade_problem,
    review_problems,
    submission_problems,
    text_problem,
)
from domain.errors import DomainError, ErrorCode
from domain.models import Role, Viewer
from tests.evidence_files import MemoryUpload, pdf_bytes
from tests.sample import DIEGO_RETIRED, KAYLA, MATEO

MAX = Decimal(3)
NOW = datetime(2026, 11, 28, 19, 0, tzinfo=UTC)


def problem(error: DomainError | None) -> tuple[str, str | None] | None:
    return None if error is None else (error.code, error.field)


# --- credits --------------------------------------------------------------------------------


@pytest.mark.policy("P13")
@pytest.mark.parametrize("credits", ["0.01", "0.1", "0.5", "1", "1.00", "2.75", "3", "3.000"])
def test_credits_that_are_positive_with_two_decimals_up_to_the_maximum_pass(credits):
    assert credits_problem(Decimal(credits), MAX) is None


@pytest.mark.policy("P12", "P13")
@pytest.mark.parametrize(
    "credits",
    ["0", "-0", "0.00", "-0.01", "-3", "0.001", "0.125", "1.005", "3.01", "3.001", "4", "1E+3"],
)
def test_other_credits_are_invalid(credits):
    assert problem(credits_problem(Decimal(credits), MAX)) == (
        ErrorCode.INVALID_VALUE,
        "credits",
    )


@pytest.mark.policy("P12")
def test_the_maximum_is_a_parameter():
    assert credits_problem(Decimal("4.5"), Decimal(5)) is None
    assert credits_problem(Decimal("1.5"), Decimal(1)) is not None


def test_credits_messages_say_what_is_wrong():
    assert "more than 0" in credits_problem(Decimal(0), MAX).message
    assert "At most 3" in credits_problem(Decimal(4), MAX).message
    assert "two decimal places" in credits_problem(Decimal("0.125"), MAX).message


# --- free text ----------------------------------------------------------------------------


@pytest.mark.policy("P42")
@pytest.mark.parametrize("text", [None, "", " ", "\t\n "])
def test_required_text_must_not_be_blank(text):
    found = text_problem("comment", text, required=True, what="A comment")
    assert problem(found) == (ErrorCode.INVALID_VALUE, "comment")
    assert "required" in found.message


@pytest.mark.parametrize("text", [None, "", "   "])
def test_optional_text_may_be_blank(text):
    assert text_problem("comment", text, required=False, what="A comment") is None


@pytest.mark.policy("P42")
@pytest.mark.parametrize("required", [True, False])
def test_text_is_at_most_4000_characters_after_trimming(required):
    assert text_problem("x", " " * 10 + "a" * 4000 + "\n", required=required, what="X") is None
    too_long = text_problem("x", "a" * 4001, required=required, what="X")
    assert problem(too_long) == (ErrorCode.INVALID_VALUE, "x")
    assert "4000" in too_long.message


# --- grade ----------------------------------------------------------------------------------


@pytest.mark.policy("P19")
@pytest.mark.parametrize("grade", [9, 10, 11, 12])
def test_grades_nine_to_twelve_pass(grade):
    assert grade_problem(grade) is None


@pytest.mark.policy("P19")
@pytest.mark.parametrize(
    "grade, code",
    [
        (8, ErrorCode.GRADE_BELOW_NINE),
        (1, ErrorCode.GRADE_BELOW_NINE),
        (0, ErrorCode.GRADE_BELOW_NINE),
        (-1, ErrorCode.GRADE_BELOW_NINE),
        (13, ErrorCode.INVALID_VALUE),
        (99, ErrorCode.INVALID_VALUE),
    ],
)
def test_other_grades_are_refused(grade, code):
    assert problem(grade_problem(grade)) == (code, "grade_level")


# --- the whole submission -----------------------------------------------------------------

VALID = SubmissionInput(
    suid=MATEO,
    school_entity_id=79012,
    program_number="12.0500",
    course_number="12050010",
    credits=Decimal("0.5"),
    grade_level=10,
    reason=InsertCreditsReason.OUT_OF_STATE_TRANSFER,
    retired_suid=None,
    justification="Transcript from Nevada.",
)


def problems_of(data: SubmissionInput) -> list[tuple]:
    return sorted(problem(p) for p in submission_problems(data, MAX))


def test_a_valid_submission_has_no_problems():
    assert submission_problems(VALID, MAX) == []


def test_every_problem_is_reported_at_once():
    data = replace(
        VALID,
        suid=" ",
        credits=Decimal("0.001"),
        grade_level=7,
        justification="",
        reason=InsertCreditsReason.RETIRED_SUID,
        idempotency_key="k" * 201,
    )
    assert problems_of(data) == sorted(
        [
            (ErrorCode.INVALID_VALUE, "suid"),
            (ErrorCode.INVALID_VALUE, "credits"),
            (ErrorCode.GRADE_BELOW_NINE, "grade_level"),
            (ErrorCode.INVALID_VALUE, "justification"),
            (ErrorCode.INVALID_VALUE, "retired_suid"),
            (ErrorCode.INVALID_VALUE, "idempotency_key"),
        ]
    )


@pytest.mark.policy("P41")
def test_too_many_evidence_files_are_reported_with_the_other_problems():
    """At most 5 files per action: a sixth is one of the problems a submission reports at
    once, beside the others, before anything is stored."""
    six = [MemoryUpload("a.pdf", pdf_bytes())] * 6
    data = replace(VALID, grade_level=8, evidence=six)
    assert problems_of(data) == sorted(
        [(ErrorCode.GRADE_BELOW_NINE, "grade_level"), (ErrorCode.INVALID_VALUE, "evidence")]
    )
    assert problems_of(replace(VALID, evidence=six[:5])) == []


@pytest.mark.policy("P37")
@pytest.mark.parametrize("retired", [None, "", "  ", MATEO, f" {MATEO} "])
def test_reason_retired_suid_needs_another_suid(retired):
    data = replace(VALID, reason=InsertCreditsReason.RETIRED_SUID, retired_suid=retired)
    assert problems_of(data) == [(ErrorCode.INVALID_VALUE, "retired_suid")]


@pytest.mark.policy("P37")
def test_reason_retired_suid_with_another_suid_passes_the_input_checks():
    data = replace(VALID, reason=InsertCreditsReason.RETIRED_SUID, retired_suid=DIEGO_RETIRED)
    assert submission_problems(data, MAX) == []


@pytest.mark.policy("P37")
@pytest.mark.parametrize(
    "reason", [r for r in InsertCreditsReason if r is not InsertCreditsReason.RETIRED_SUID]
)
def test_a_retired_suid_belongs_only_to_reason_retired_suid(reason):
    data = replace(VALID, reason=reason, retired_suid=DIEGO_RETIRED)
    assert problems_of(data) == [(ErrorCode.INVALID_VALUE, "retired_suid")]


@pytest.mark.parametrize(
    "key, ok", [(None, True), ("k", True), ("k" * 200, True), ("", False), ("k" * 201, False)]
)
def test_idempotency_keys_are_1_to_200_characters(key, ok):
    data = replace(VALID, idempotency_key=key)
    assert (submission_problems(data, MAX) == []) is ok


def test_the_fingerprint_ignores_the_key_and_equal_spellings_of_the_same_input():
    same = replace(
        VALID,
        credits=Decimal("0.50"),
        justification="  Transcript from Nevada. ",
        idempotency_key="another",
    )
    assert same.fingerprint() == VALID.fingerprint()


@pytest.mark.parametrize(
    "change",
    [
        {"suid": KAYLA},
        {"school_entity_id": 79013},
        {"program_number": "51.3900"},
        {"course_number": "12050020"},
        {"credits": Decimal("0.75")},
        {"grade_level": 11},
        {"reason": InsertCreditsReason.OTHER},
        {"justification": "Something else."},
        {"reason": InsertCreditsReason.RETIRED_SUID, "retired_suid": DIEGO_RETIRED},
    ],
)
def test_the_fingerprint_tells_every_field_apart(change):
    assert replace(VALID, **change).fingerprint() != VALID.fingerprint()


# --- the transition table -------------------------------------------------------------------

P, M = RequestStatus.PENDING_REVIEW, RequestStatus.MORE_INFORMATION_REQUESTED
STAFF_ROLES, LEA_ROLES = {Role.REVIEWER, Role.ADMIN}, {Role.LEA_USER}

DOMAIN_TABLE = {  # domain.md's table, written out
    Action.APPROVE: ({P}, RequestStatus.APPROVED, EventKind.APPROVED, STAFF_ROLES),
    Action.REJECT: ({P, M}, RequestStatus.REJECTED, EventKind.REJECTED, STAFF_ROLES),
    Action.REQUEST_MORE_INFORMATION: ({P}, M, EventKind.MORE_INFORMATION_REQUESTED, STAFF_ROLES),
    Action.PROVIDE_INFORMATION: ({M}, P, EventKind.INFORMATION_PROVIDED, LEA_ROLES),
    Action.WITHDRAW: ({P, M}, RequestStatus.WITHDRAWN, EventKind.WITHDRAWN, LEA_ROLES),
}


@pytest.mark.policy("P15", "P39")
def test_the_table_is_domain_md_s():
    assert {
        action: (set(t.sources), t.target, t.event, set(t.roles)) for action, t in TABLE.items()
    } == DOMAIN_TABLE


# domain.md: reject (reason + comment), request more information (comment), provide
# information (comment, ...); approve and withdraw take an optional comment.
COMMENT_REQUIRED = {
    Action.APPROVE: False,
    Action.REJECT: True,
    Action.REQUEST_MORE_INFORMATION: True,
    Action.PROVIDE_INFORMATION: True,
    Action.WITHDRAW: False,
}


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("comment", [None, "  \n "])
def test_the_table_says_which_actions_need_a_comment(action, comment):
    data = ReviewInput(
        action=action, request_id="r", comment=comment, rejection_reason=RejectionReason.OTHER
    )
    found = [problem(p) for p in review_problems(TABLE[action], data, Decimal(3))]
    required = [(ErrorCode.INVALID_VALUE, "comment")]
    assert found == (required if COMMENT_REQUIRED[action] else [])


@pytest.mark.policy("P48")
def test_a_rejection_needs_its_reason():
    data = ReviewInput(action=Action.REJECT, request_id="r", comment="No transcript.")
    found = [problem(p) for p in review_problems(TABLE[Action.REJECT], data, Decimal(3))]
    assert found == [(ErrorCode.INVALID_VALUE, "reason")]


def _request(status=P, version=1, lea=4235, applying=False) -> ChangeRequest:
    actor = Actor(id="lea-mesa", name="Mesa Coordinator", role=Role.LEA_USER)
    event = RequestEvent(
        id="r:2",
        kind=EventKind.APPROVED,
        at=NOW,
        actor=actor,
        from_status=P,
        to_status=RequestStatus.APPROVED,
    )
    return ChangeRequest(
        id="0123456789abcdef01234567",
        status=status,
        version=version,
        suid=MATEO,
        school_entity_id=79012,
        lea_entity_id=lea,
        fiscal_year=2026,
        program_number="12.0500",
        course_number="12050010",
        credits=Decimal("0.5"),
        grade_level=10,
        reason=InsertCreditsReason.OTHER,
        justification="j",
        submitted_by=actor,
        submitted_at=NOW,
        updated_at=NOW,
        applying=event if applying else None,
    )


def viewer(role: Role, *leas: int) -> Viewer:
    return Viewer(id="v", name="V", role=role, lea_ids=frozenset(leas))


@pytest.mark.policy("P15", "P39")
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(Role))
def test_only_the_roles_of_the_who_column_may_act(action, role):
    user = viewer(role, 4235)
    if role in DOMAIN_TABLE[action][3]:
        assert check_role(action, user, _request()) is TABLE[action]
    else:
        with pytest.raises(DomainError) as refused:
            check_role(action, user, _request())
        assert refused.value.code is ErrorCode.FORBIDDEN


@pytest.mark.parametrize("action", [Action.PROVIDE_INFORMATION, Action.WITHDRAW])
def test_lea_users_act_only_on_their_leas_requests(action):
    assert check_role(action, viewer(Role.LEA_USER, 4406, 4235), _request(lea=4235))
    with pytest.raises(DomainError) as refused:
        check_role(action, viewer(Role.LEA_USER, 4406), _request(lea=4235))
    assert refused.value.code is ErrorCode.FORBIDDEN


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("status", list(RequestStatus))
def test_only_the_statuses_of_the_from_column_allow_an_action(action, status):
    transition = TABLE[action]
    if status in DOMAIN_TABLE[action][0]:
        check_state(transition, _request(status), None)
    else:
        with pytest.raises(DomainError) as refused:
            check_state(transition, _request(status), None)
        assert refused.value.code is ErrorCode.INVALID_TRANSITION


@pytest.mark.parametrize("action", list(Action))
def test_a_request_being_approved_allows_nothing(action):
    status = next(iter(DOMAIN_TABLE[action][0]))
    with pytest.raises(DomainError) as refused:
        check_state(TABLE[action], _request(status, applying=True), None)
    assert refused.value.code is ErrorCode.INVALID_TRANSITION
    assert "being approved" in refused.value.message


def test_the_expected_version_must_match():
    transition = TABLE[Action.APPROVE]
    check_state(transition, _request(version=3), 3)
    for stale in (2, 4, 0):
        with pytest.raises(DomainError) as refused:
            check_state(transition, _request(version=3), stale)
        assert problem(refused.value) == (ErrorCode.STALE_VERSION, "expected_version")


def test_a_wrong_status_is_reported_before_a_stale_version():
    with pytest.raises(DomainError) as refused:
        check_state(TABLE[Action.APPROVE], _request(RequestStatus.REJECTED, version=3), 1)
    assert refused.value.code is ErrorCode.INVALID_TRANSITION

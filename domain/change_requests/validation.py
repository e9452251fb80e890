"""Checks of an action's own input, before anything is looked up: pure functions that
return every problem at once, so that a form can show them all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..errors import DomainError, ErrorCode, invalid
from ..evidence.rules import EvidenceLimits, UploadedFile, files_problem
from ..models import format_credits
from .model import InsertCreditsReason, RejectionReason, RequestStatus
from .transitions import Action, Transition

MAX_TEXT = 4000
LOWEST_GRADE, HIGHEST_GRADE = 9, 12


def credits_problem(credits: Decimal, maximum: Decimal) -> DomainError | None:
    """Credits must be a plain decimal (the API gives NaN for any other text), positive,
    with at most two decimal places, and not exceed `maximum`."""
    if not credits.is_finite():
        return invalid(
            "credits", 'Credits are a plain decimal such as "0.5": digits and at most one point.'
        )
    if credits <= 0:
        return invalid("credits", "Credits must be more than 0.")
    if credits > maximum:
        return invalid("credits", f"At most {maximum} credits may be inserted by one request.")
    if credits != credits.quantize(Decimal("0.01")):
        return invalid("credits", "Credits may have at most two decimal places.")
    return None


def text_problem(field: str, text: str | None, *, required: bool, what: str) -> DomainError | None:
    """Free text is 1 to 4,000 characters after trimming (or absent, when not required)."""
    trimmed = (text or "").strip()
    if not trimmed:
        return invalid(field, f"{what} is required.") if required else None
    if len(trimmed) > MAX_TEXT:
        return invalid(field, f"{what} may be at most {MAX_TEXT} characters.")
    return None


def clean_text(text: str | None) -> str | None:
    """Free text as stored: trimmed, and absent when blank."""
    return (text or "").strip() or None


def grade_problem(grade: int) -> DomainError | None:
    if grade < LOWEST_GRADE:
        return DomainError(
            ErrorCode.GRADE_BELOW_NINE,
            "Credits awarded before ninth grade may not be inserted.",
            "grade_level",
        )
    if grade > HIGHEST_GRADE:
        return invalid("grade_level", "The grade level must be 9 to 12.")
    return None


@dataclass(frozen=True)
class SubmissionInput:
    suid: str
    school_entity_id: int
    program_number: str
    course_number: str
    credits: Decimal
    grade_level: int
    reason: InsertCreditsReason
    retired_suid: str | None
    justification: str
    idempotency_key: str | None = None
    # Read and stored only once every other rule holds; not part of the fingerprint.
    evidence: Sequence[UploadedFile] | None = None

    def fingerprint(self) -> str:
        """What makes two submissions the same, for idempotency."""
        return "|".join(
            [
                self.suid,
                str(self.school_entity_id),
                self.program_number,
                self.course_number,
                format_credits(self.credits),
                str(self.grade_level),
                str(self.reason),
                self.retired_suid or "",
                self.justification.strip(),
            ]
        )


@dataclass(frozen=True)
class ReviewInput:
    """One review action on a request, with what that action may carry: a rejection's reason;
    the credits, justification and files of provided information."""

    action: Action
    request_id: str
    expected_version: int | None = None
    comment: str | None = None
    rejection_reason: RejectionReason | None = None
    credits: Decimal | None = None
    justification: str | None = None
    evidence: Sequence[UploadedFile] | None = None


def request_problems(data: SubmissionInput, max_credits: Decimal) -> list[DomainError]:
    """What is wrong with the request itself: SUID, credits, grade and retired SUID."""
    problems = [
        invalid("suid", "The SUID is required.") if not data.suid.strip() else None,
        credits_problem(data.credits, max_credits),
        grade_problem(data.grade_level),
        _retired_suid_problem(data),
    ]
    return [p for p in problems if p is not None]


def submission_problems(
    data: SubmissionInput, max_credits: Decimal, limits: EvidenceLimits = EvidenceLimits()
) -> list[DomainError]:
    """The request's problems, and those of what a submission adds: the justification, the
    files and the idempotency key."""
    problems = [
        *request_problems(data, max_credits),
        text_problem("justification", data.justification, required=True, what="A justification"),
        files_problem(data.evidence, limits),
    ]
    if data.idempotency_key is not None and not 1 <= len(data.idempotency_key) <= 200:
        problems.append(invalid("idempotency_key", "An idempotency key is 1 to 200 characters."))
    return [p for p in problems if p is not None]


def review_problems(
    transition: Transition,
    data: ReviewInput,
    max_credits: Decimal,
    limits: EvidenceLimits = EvidenceLimits(),
) -> list[DomainError]:
    """The comment the action requires (or allows), and what else the input carries."""
    problems = [
        text_problem(
            "comment", data.comment, required=transition.comment_required, what="A comment"
        ),
        files_problem(data.evidence, limits),
    ]
    if transition.target is RequestStatus.REJECTED and data.rejection_reason is None:
        problems.append(invalid("reason", "A rejection needs a reason."))
    if data.credits is not None:
        problems.append(credits_problem(data.credits, max_credits))
    if data.justification is not None:
        problems.append(
            text_problem("justification", data.justification, required=True, what="A justification")
        )
    return [p for p in problems if p is not None]


def _retired_suid_problem(data: SubmissionInput) -> DomainError | None:
    if data.reason is not InsertCreditsReason.RETIRED_SUID:
        if data.retired_suid:
            return invalid("retired_suid", "A retired SUID is only given with reason RETIRED_SUID.")
        return None
    if not data.retired_suid or not data.retired_suid.strip():
        return invalid("retired_suid", "Reason RETIRED_SUID needs the retired SUID.")
    if data.retired_suid.strip() == data.suid.strip():
        return invalid("retired_suid", "The retired SUID must differ from the student's SUID.")
    return None

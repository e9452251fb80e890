"""Checks of a request's own input, before anything is looked up: pure functions that
return every problem at once, so that a form can show them all."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..errors import DomainError, ErrorCode
from ..evidence import UploadedFile, files_problem
from ..models import format_credits
from .model import InsertCreditsReason

MAX_TEXT = 4000
LOWEST_GRADE, HIGHEST_GRADE = 9, 12
INPUT = "input"


def invalid(field: str, message: str) -> DomainError:
    return DomainError(ErrorCode.INVALID_VALUE, message, (INPUT, field))


def credits_problem(credits: Decimal, maximum: Decimal) -> DomainError | None:
    """Credits must be positive, have at most two decimal places and not exceed `maximum`."""
    if credits <= 0:
        return invalid("credits", "Credits must be more than 0.")
    if credits > maximum:
        return invalid("credits", f"At most {maximum} credits may be inserted by one request.")
    if credits != credits.quantize(Decimal("0.01")):
        return invalid("credits", "Credits may have at most two decimal places.")
    return None


# Newlines and tabs are text; other control characters (NUL, escapes) and the bidi controls
# that make text read differently from how it is stored (Trojan Source) are not.
ALLOWED_CONTROLS = frozenset("\n\r\t")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters and symbols that render as blank space.
BLANK_LOOKALIKES = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _visible(character: str) -> bool:
    """A letter, digit, punctuation mark or symbol that shows: not space, not a mark alone,
    not a format or control character."""
    return unicodedata.category(character)[0] in "LNPS" and character not in BLANK_LOOKALIKES


def text_problem(field: str, text: str | None, *, required: bool, what: str) -> DomainError | None:
    """Free text is 1 to 4,000 characters after trimming (or absent, when not required), has
    a visible character, and holds no control character but newline and tab."""
    trimmed = (text or "").strip()
    if not trimmed:
        return invalid(field, f"{what} is required.") if required else None
    if len(trimmed) > MAX_TEXT:
        return invalid(field, f"{what} may be at most {MAX_TEXT} characters.")
    if any(
        c in BIDI_CONTROLS or (unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS)
        for c in trimmed
    ):
        return invalid(
            field,
            f"{what} may not contain control characters or bidirectional overrides "
            "(newlines and tabs are fine).",
        )
    if not any(_visible(c) for c in trimmed):
        return invalid(field, f"{what} must contain at least one visible character.")
    return None


def grade_problem(grade: int) -> DomainError | None:
    if grade < LOWEST_GRADE:
        return DomainError(
            ErrorCode.GRADE_BELOW_NINE,
            "Credits awarded before ninth grade may not be inserted.",
            (INPUT, "gradeLevel"),
        )
    if grade > HIGHEST_GRADE:
        return invalid("gradeLevel", "The grade level must be 9 to 12.")
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


def submission_problems(data: SubmissionInput, max_credits: Decimal) -> list[DomainError]:
    problems = [
        credits_problem(data.credits, max_credits),
        grade_problem(data.grade_level),
        text_problem("justification", data.justification, required=True, what="A justification"),
        _retired_suid_problem(data),
        files_problem(data.evidence),
    ]
    if not data.suid.strip():
        problems.append(invalid("suid", "The SUID is required."))
    if data.idempotency_key is not None and not 1 <= len(data.idempotency_key) <= 200:
        problems.append(invalid("idempotencyKey", "An idempotency key is 1 to 200 characters."))
    return [p for p in problems if p is not None]


def _retired_suid_problem(data: SubmissionInput) -> DomainError | None:
    if data.reason is not InsertCreditsReason.RETIRED_SUID:
        if data.retired_suid:
            return invalid("retiredSuid", "A retired SUID is only given with reason RETIRED_SUID.")
        return None
    if not data.retired_suid or not data.retired_suid.strip():
        return invalid("retiredSuid", "Reason RETIRED_SUID needs the retired SUID.")
    if data.retired_suid.strip() == data.suid.strip():
        return invalid("retiredSuid", "The retired SUID must differ from the student's SUID.")
    return None

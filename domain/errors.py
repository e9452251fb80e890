"""Refusals the domain reports; the API maps them to `userErrors` or top-level errors.

A refusal names the input field at fault by its domain name in snake_case, dotted for nested
or repeated parts ("credits", "evidence.1"); the API turns that into its own path.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum


class ErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_VALUE = "INVALID_VALUE"
    NO_PARTICIPANT_RECORD = "NO_PARTICIPANT_RECORD"
    PROGRAM_NOT_APPROVED = "PROGRAM_NOT_APPROVED"
    PROGRAM_NOT_ON_RECORD = "PROGRAM_NOT_ON_RECORD"
    COURSE_NOT_IN_PROGRAM = "COURSE_NOT_IN_PROGRAM"
    GRADE_BELOW_NINE = "GRADE_BELOW_NINE"
    STUDENT_EXITED = "STUDENT_EXITED"
    RETIRED_SUID_HAS_NO_RECORD = "RETIRED_SUID_HAS_NO_RECORD"
    DUPLICATE_REQUEST = "DUPLICATE_REQUEST"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    STALE_VERSION = "STALE_VERSION"
    ATTACHMENT_TOO_LARGE = "ATTACHMENT_TOO_LARGE"
    ATTACHMENT_TYPE_NOT_ALLOWED = "ATTACHMENT_TYPE_NOT_ALLOWED"


class DomainError(Exception):
    """A refusal with a code, a message for people and the input field at fault."""

    def __init__(self, code: ErrorCode, message: str, field: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class NotFound(DomainError):
    def __init__(self, what: str, field: str | None = None):
        super().__init__(ErrorCode.NOT_FOUND, f"{what} was not found.", field)


class Forbidden(DomainError):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(ErrorCode.FORBIDDEN, message, field)


class InputProblems(DomainError):
    """Several problems with the input at once; `problems` lists them all."""

    def __init__(self, problems: Sequence[DomainError]):
        first = problems[0]
        super().__init__(first.code, first.message, first.field)
        self.problems = list(problems)


def invalid(field: str, message: str) -> DomainError:
    return DomainError(ErrorCode.INVALID_VALUE, message, field)

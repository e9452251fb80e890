"""The change request and its events, as the domain keeps them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import model_validator

from ..models import Credits, Model, RecordKey, Role, Viewer


class RequestStatus(StrEnum):
    PENDING_REVIEW = "PENDING_REVIEW"
    MORE_INFORMATION_REQUESTED = "MORE_INFORMATION_REQUESTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"


OPEN_STATUSES = (RequestStatus.PENDING_REVIEW, RequestStatus.MORE_INFORMATION_REQUESTED)


class EventKind(StrEnum):
    SUBMITTED = "SUBMITTED"
    MORE_INFORMATION_REQUESTED = "MORE_INFORMATION_REQUESTED"
    INFORMATION_PROVIDED = "INFORMATION_PROVIDED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"


class InsertCreditsReason(StrEnum):
    OUT_OF_STATE_TRANSFER = "OUT_OF_STATE_TRANSFER"
    IN_STATE_TRANSFER_UNREPORTED = "IN_STATE_TRANSFER_UNREPORTED"
    RETIRED_SUID = "RETIRED_SUID"
    OTHER = "OTHER"


class RejectionReason(StrEnum):
    NOT_NECESSARY = "NOT_NECESSARY"
    ALTERNATIVE_METHOD_AVAILABLE = "ALTERNATIVE_METHOD_AVAILABLE"
    INADEQUATE_JUSTIFICATION = "INADEQUATE_JUSTIFICATION"
    MISREPORTED_ENROLLMENT = "MISREPORTED_ENROLLMENT"
    OTHER = "OTHER"


class Actor(Model):
    id: str
    name: str
    role: Role

    @classmethod
    def of(cls, viewer: Viewer) -> Actor:
        return cls(id=viewer.id, name=viewer.name, role=viewer.role)


class RequestEvent(Model):
    """One action on a request. `id` is "<request id>:<version after the action>", so that a
    retried or recovered action names the same event."""

    id: str
    kind: EventKind
    at: datetime
    actor: Actor
    comment: str | None = None
    from_status: RequestStatus | None = None
    to_status: RequestStatus
    # Provided information: which of the request's fields it changed ("credits",
    # "justification"), so that the reviewer is told (CHANGED_SINCE_LAST_REVIEW).
    changed: tuple[str, ...] = ()


class Attachment(Model):
    id: str
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime


class ChangeRequest(Model):
    id: str
    status: RequestStatus
    version: int
    suid: str
    school_entity_id: int
    lea_entity_id: int
    # The fiscal year of the record the credits go into: the participant fiscal year, which
    # may have moved on since submission (approval then moves the request with it).
    fiscal_year: int
    # The participant fiscal year at submission.
    submitted_for_fiscal_year: int
    program_number: str
    course_number: str
    credits: Credits
    grade_level: int
    reason: InsertCreditsReason
    retired_suid: str | None = None
    justification: str
    evidence: tuple[Attachment, ...] = ()
    rejection_reason: RejectionReason | None = None
    history: tuple[RequestEvent, ...] = ()
    submitted_by: Actor
    # Where the submitter's notifications go: the token's email claim at submission.
    submitter_email: str | None = None
    submitted_at: datetime
    updated_at: datetime
    # Internal: set while an approval is being applied to the record (see approval.py).
    applying: RequestEvent | None = None
    # Internal: how many events of `history` are in the event log (see events.py).
    events_logged: int = 0

    @model_validator(mode="before")
    @classmethod
    def _submitted_for_its_own_year(cls, data: Any) -> Any:
        """Requests stored before the field existed were submitted for their own year."""
        if isinstance(data, dict) and not (
            "submittedForFiscalYear" in data or "submitted_for_fiscal_year" in data
        ):
            year = data.get("fiscalYear", data.get("fiscal_year"))
            return {**data, "submittedForFiscalYear": year}
        return data

    @property
    def record_key(self) -> RecordKey:
        """The natural key of the record the credits go into."""
        return (self.suid, self.school_entity_id, self.fiscal_year, self.program_number)

    @property
    def open_key(self) -> str:
        """Student, school, program and course: at most one open request has it."""
        return open_key(self.suid, self.school_entity_id, self.program_number, self.course_number)


def open_key(suid: str, school: int, program: str, course: str) -> str:
    return f"{suid}|{school}|{program}|{course}"


@dataclass(frozen=True)
class RequestChanges:
    """What a transition changes besides status, version, history and evidence."""

    status: RequestStatus
    rejection_reason: RejectionReason | None = None
    credits: Decimal | None = None
    justification: str | None = None


class RequestOrder(StrEnum):
    """A list's order: by submission time (then id). Reviewers work a queue oldest first."""

    NEWEST_FIRST = "NEWEST_FIRST"
    OLDEST_FIRST = "OLDEST_FIRST"


@dataclass(frozen=True)
class RequestFilter:
    """Which requests a list shows; empty fields do not narrow it."""

    statuses: tuple[RequestStatus, ...] = ()
    school_entity_id: int | None = None
    lea_entity_id: int | None = None
    suid: str | None = None
    fiscal_year: int | None = None
    submitted_after: datetime | None = None
    submitted_before: datetime | None = None

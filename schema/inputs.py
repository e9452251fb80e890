"""Input types of the contract."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry.file_uploads import Upload

from .enums import ChangeRequestEventKind, ChangeRequestStatus, InsertCreditsReason, RejectionReason


@strawberry.input
class ChangeRequestFilter:
    status: list[ChangeRequestStatus] | None = None
    school_entity_id: int | None = None
    lea_entity_id: int | None = None
    suid: str | None = None
    fiscal_year: int | None = None
    submitted_after: datetime | None = None
    submitted_before: datetime | None = None


@strawberry.input
class ChangeRequestEventFilter:
    kinds: list[ChangeRequestEventKind] | None = None
    school_entity_id: int | None = None
    lea_entity_id: int | None = None


@strawberry.input
class SubmitInsertCreditsRequestInput:
    suid: str
    school_entity_id: int
    program_number: str
    course_number: str
    credits: Decimal
    grade_level: int
    reason: InsertCreditsReason
    retired_suid: str | None = strawberry.field(
        default=None, description="Required when reason is RETIRED_SUID."
    )
    justification: str = strawberry.field(
        description="Why the credit was not recorded, and what proves it was earned."
    )
    evidence: list[Upload] | None = strawberry.field(
        default=None, description="Proof such as a transcript: PDF, PNG or JPEG."
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="Resending a submission with the same key returns the first request "
        "instead of creating another.",
    )
    client_mutation_id: str | None = None


@strawberry.input(
    description="What an LEA user would submit, to see its effect and problems before submitting."
)
class PreviewInsertCreditsRequestInput:
    suid: str
    school_entity_id: int
    program_number: str
    course_number: str
    credits: Decimal
    grade_level: int
    reason: InsertCreditsReason
    retired_suid: str | None = None


@strawberry.input
class ApproveChangeRequestInput:
    id: strawberry.ID
    expected_version: int | None = None
    comment: str | None = None
    client_mutation_id: str | None = None


@strawberry.input
class RejectChangeRequestInput:
    id: strawberry.ID
    expected_version: int | None = None
    reason: RejectionReason
    comment: str
    client_mutation_id: str | None = None


@strawberry.input
class RequestMoreInformationInput:
    id: strawberry.ID
    expected_version: int | None = None
    comment: str
    client_mutation_id: str | None = None


@strawberry.input
class ProvideInformationInput:
    id: strawberry.ID
    expected_version: int | None = None
    comment: str
    evidence: list[Upload] | None = None
    credits: Decimal | None = strawberry.field(
        default=None, description="Replaces the requested credit amount, if given."
    )
    justification: str | None = strawberry.field(
        default=None, description="Replaces the justification, if given."
    )
    client_mutation_id: str | None = None


@strawberry.input
class WithdrawChangeRequestInput:
    id: strawberry.ID
    expected_version: int | None = None
    comment: str | None = None
    client_mutation_id: str | None = None


@strawberry.input
class SetFiscalYearDatesInput:
    """Omitted dates keep their value; a null date clears it."""

    fiscal_year: int
    preliminary_records_created_on: date | None = strawberry.UNSET
    final_records_created_on: date | None = strawberry.UNSET

"""Input types of the contract."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry.file_uploads import Upload

from .enums import ChangeRequestEventKind, ChangeRequestStatus, InsertCreditsReason, RejectionReason

# Descriptions that several inputs share.
SUID = "The student's state student identifier (SUID)."
SCHOOL = "The school of the student's P/C record: one of the viewer's LEAs' schools."
PROGRAM = 'The approved program of the record, e.g. "12.0500".'
COURSE = "The course of the program the credits go into."
CREDITS = (
    'The credits to insert, a decimal string such as "0.5": positive, at most two decimal places '
    "and at most the configured maximum."
)
GRADE = "Grade in which the credit was awarded (9 to 12)."
REASON = "Why the credit is missing from the record."
RETIRED_SUID = "Required when reason is RETIRED_SUID."
REQUEST_ID = "The change request's global id."
EXPECTED_VERSION = (
    "The version the user's screen shows; when given and the request has changed since, the "
    "action is refused with STALE_VERSION."
)
CLIENT_MUTATION_ID = "Any text; the payload returns it as given."


@strawberry.input(
    description="Narrows changeRequests; every condition given must hold. Naming a school or "
    "LEA that is not the viewer's is FORBIDDEN."
)
class ChangeRequestFilter:
    status: list[ChangeRequestStatus] | None = strawberry.field(
        default=None, description="Only requests in one of these statuses; null or empty for all."
    )
    school_entity_id: int | None = strawberry.field(
        default=None, description="Only requests for this school."
    )
    lea_entity_id: int | None = strawberry.field(
        default=None, description="Only requests for schools of this LEA."
    )
    suid: str | None = strawberry.field(default=None, description="Only requests for this student.")
    fiscal_year: int | None = strawberry.field(
        default=None,
        description="Only requests for this fiscal year's records (2027 = July 2026 to June "
        "2027): the year submitted for, or the year an approved request's credits went into.",
    )
    submitted_after: datetime | None = strawberry.field(
        default=None, description="Only requests submitted later than this time."
    )
    submitted_before: datetime | None = strawberry.field(
        default=None, description="Only requests submitted earlier than this time."
    )


@strawberry.input(
    description="Narrows changeRequestEvents; every condition given must hold. Naming a school "
    "or LEA that is not the viewer's is FORBIDDEN."
)
class ChangeRequestEventFilter:
    kinds: list[ChangeRequestEventKind] | None = strawberry.field(
        default=None, description="Only events of these kinds; null or empty for all."
    )
    school_entity_id: int | None = strawberry.field(
        default=None, description="Only events of requests for this school."
    )
    lea_entity_id: int | None = strawberry.field(
        default=None, description="Only events of requests for schools of this LEA."
    )


@strawberry.input(
    description="An LEA user's request to insert credits into one course of a student's P/C "
    "record in the participant fiscal year."
)
class SubmitInsertCreditsRequestInput:
    suid: str = strawberry.field(description=SUID)
    school_entity_id: int = strawberry.field(description=SCHOOL)
    program_number: str = strawberry.field(description=PROGRAM)
    course_number: str = strawberry.field(description=COURSE)
    credits: Decimal = strawberry.field(description=CREDITS)
    grade_level: int = strawberry.field(description=GRADE)
    reason: InsertCreditsReason = strawberry.field(description=REASON)
    retired_suid: str | None = strawberry.field(default=None, description=RETIRED_SUID)
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
    client_mutation_id: str | None = strawberry.field(default=None, description=CLIENT_MUTATION_ID)


@strawberry.input(
    description="What an LEA user would submit, to see its effect and problems before submitting."
)
class PreviewInsertCreditsRequestInput:
    suid: str = strawberry.field(description=SUID)
    school_entity_id: int = strawberry.field(description=SCHOOL)
    program_number: str = strawberry.field(description=PROGRAM)
    course_number: str = strawberry.field(description=COURSE)
    credits: Decimal = strawberry.field(description=CREDITS)
    grade_level: int = strawberry.field(description=GRADE)
    reason: InsertCreditsReason = strawberry.field(description=REASON)
    retired_suid: str | None = strawberry.field(default=None, description=RETIRED_SUID)


@strawberry.input(description="A reviewer's approval of a request pending review.")
class ApproveChangeRequestInput:
    id: strawberry.ID = strawberry.field(description=REQUEST_ID)
    expected_version: int | None = strawberry.field(default=None, description=EXPECTED_VERSION)
    comment: str | None = strawberry.field(
        default=None, description="A note for the LEA and the history; optional."
    )
    client_mutation_id: str | None = strawberry.field(default=None, description=CLIENT_MUTATION_ID)


@strawberry.input(description="A reviewer's rejection of an open request.")
class RejectChangeRequestInput:
    id: strawberry.ID = strawberry.field(description=REQUEST_ID)
    expected_version: int | None = strawberry.field(default=None, description=EXPECTED_VERSION)
    reason: RejectionReason = strawberry.field(description="Why the request is rejected.")
    comment: str = strawberry.field(
        description="The explanation for the LEA (required, visible text)."
    )
    client_mutation_id: str | None = strawberry.field(default=None, description=CLIENT_MUTATION_ID)


@strawberry.input(description="A reviewer's question to the LEA about a request pending review.")
class RequestMoreInformationInput:
    id: strawberry.ID = strawberry.field(description=REQUEST_ID)
    expected_version: int | None = strawberry.field(default=None, description=EXPECTED_VERSION)
    comment: str = strawberry.field(
        description="What the LEA is asked to provide (required, visible text)."
    )
    client_mutation_id: str | None = strawberry.field(default=None, description=CLIENT_MUTATION_ID)


@strawberry.input(
    description="The LEA's answer to a reviewer's question; the request goes back to review."
)
class ProvideInformationInput:
    id: strawberry.ID = strawberry.field(description=REQUEST_ID)
    expected_version: int | None = strawberry.field(default=None, description=EXPECTED_VERSION)
    comment: str = strawberry.field(description="The answer for the reviewer (required).")
    evidence: list[Upload] | None = strawberry.field(
        default=None,
        description="More proof, added to the request's evidence: PDF, PNG or JPEG.",
    )
    credits: Decimal | None = strawberry.field(
        default=None, description="Replaces the requested credit amount, if given."
    )
    justification: str | None = strawberry.field(
        default=None, description="Replaces the justification, if given."
    )
    client_mutation_id: str | None = strawberry.field(default=None, description=CLIENT_MUTATION_ID)


@strawberry.input(description="The LEA's withdrawal of its own open request.")
class WithdrawChangeRequestInput:
    id: strawberry.ID = strawberry.field(description=REQUEST_ID)
    expected_version: int | None = strawberry.field(default=None, description=EXPECTED_VERSION)
    comment: str | None = strawberry.field(
        default=None, description="Why the LEA withdraws it; optional."
    )
    client_mutation_id: str | None = strawberry.field(default=None, description=CLIENT_MUTATION_ID)


@strawberry.input(
    description="An admin's setting of one fiscal year's P/C record creation dates. Omitted "
    "dates keep their value; a null date clears it."
)
class SetFiscalYearDatesInput:
    fiscal_year: int = strawberry.field(
        description="The fiscal year, named by the year it ends (2027 = July 2026 to June 2027); "
        "2000 to 2100."
    )
    preliminary_records_created_on: date | None = strawberry.field(
        default=strawberry.UNSET,
        description="The day preliminary P/C records were created (ISO 8601 date).",
    )
    final_records_created_on: date | None = strawberry.field(
        default=strawberry.UNSET,
        description="The day final P/C records were created (ISO 8601 date); not before the "
        "preliminary one.",
    )

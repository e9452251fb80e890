"""The contract's enums, backed by the domain's own enums; the descriptions of their values
live here (the domain knows nothing of GraphQL)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

import strawberry

from domain import models
from domain.change_requests import assessment, model
from domain.errors import ErrorCode

E = TypeVar("E", bound=type[Enum])


def described_enum(cls: E, name: str, description: str, values: Mapping[str, str]) -> E:
    """`cls` as the GraphQL enum `name`, each value described; a value without a description
    (one added to the domain enum later) fails at import rather than reaching GraphiQL bare."""
    missing = [member.name for member in cls if member.name not in values]
    if missing:
        raise ValueError(f"{name}: no description for {', '.join(missing)}")
    wrapped = strawberry.enum(cls, name=name, description=description)
    for value in wrapped.__strawberry_definition__.values:
        value.description = values[value.name]
    return wrapped


Role = described_enum(
    models.Role,
    "Role",
    "What a signed-in user may see and do, from their token's role claim.",
    {
        "LEA_USER": "District, charter or CTED staff acting for the LEAs named in their token.",
        "REVIEWER": "ADE CTE Data and Accountability staff who review change requests.",
        "ADMIN": "ADE staff who manage the fiscal calendar; may also review.",
    },
)
LeaKind = described_enum(
    models.LeaKind,
    "LeaKind",
    "The kind of local education agency (LEA).",
    {
        "DISTRICT": "A school district.",
        "CHARTER": "A charter holder.",
        "CTED": "A Career Technical Education District.",
    },
)
CourseKind = described_enum(
    models.CourseKind,
    "CourseKind",
    "How a course of an approved program is delivered; by default only STANDARD courses count "
    "toward concentrator status.",
    {
        "STANDARD": "A course taught in the program's classes.",
        "INTERNSHIP": "An internship: work-based learning at a workplace.",
        "COOPERATIVE_EDUCATION": "Cooperative education: work-based learning in a job tied to "
        "the program.",
    },
)
ExitReason = described_enum(
    models.ExitReason,
    "ExitReason",
    "Why a student left secondary education.",
    {
        "GRADUATED": "The student graduated.",
        "DROPPED_OUT": "The student dropped out.",
        "OTHER": "Any other reason for leaving.",
    },
)
ChangeRequestStatus = described_enum(
    model.RequestStatus,
    "ChangeRequestStatus",
    "Where a change request stands. PENDING_REVIEW and MORE_INFORMATION_REQUESTED are open; "
    "the other three are final.",
    {
        "PENDING_REVIEW": "Submitted (or answered) and waiting for an ADE reviewer's decision.",
        "MORE_INFORMATION_REQUESTED": "A reviewer asked the LEA a question; waiting for the "
        "LEA's provideInformation (or withdrawal).",
        "APPROVED": "Approved: the credits have been inserted into the P/C record.",
        "REJECTED": "Rejected by a reviewer, with a rejectionReason; nothing was inserted.",
        "WITHDRAWN": "Withdrawn by the LEA before a decision; nothing was inserted.",
    },
)
ChangeRequestEventKind = described_enum(
    model.EventKind,
    "ChangeRequestEventKind",
    "What happened to a change request in one event of its history.",
    {
        "SUBMITTED": "An LEA user submitted the request.",
        "MORE_INFORMATION_REQUESTED": "A reviewer asked the LEA for more information.",
        "INFORMATION_PROVIDED": "The LEA answered, possibly changing credits, justification or "
        "evidence; the request is back in review.",
        "APPROVED": "A reviewer approved; the credits were inserted.",
        "REJECTED": "A reviewer rejected the request.",
        "WITHDRAWN": "The LEA withdrew the request.",
    },
)
InsertCreditsReason = described_enum(
    model.InsertCreditsReason,
    "InsertCreditsReason",
    "Why the credit is missing from the student's P/C record.",
    {
        "OUT_OF_STATE_TRANSFER": "Transcribed CTE credits from out of state.",
        "IN_STATE_TRANSFER_UNREPORTED": "Credits earned at another Arizona school that did not "
        "report them.",
        "RETIRED_SUID": "Credits reported under a retired SUID that was replaced by this "
        "student's SUID; retiredSuid names it.",
        "OTHER": "Any other reason, explained in the justification.",
    },
)
ChangeRequestOrder = described_enum(
    model.RequestOrder,
    "ChangeRequestOrder",
    "The order of a page of change requests: by submission time, then id; a cursor continues "
    "the order it came from.",
    {
        "NEWEST_FIRST": "The most recently submitted first.",
        "OLDEST_FIRST": "The longest waiting first: a reviewer's queue.",
    },
)
RejectionReason = described_enum(
    model.RejectionReason,
    "RejectionReason",
    "Why a reviewer rejected a change request.",
    {
        "NOT_NECESSARY": "The record is already concentrator or completer; the credit changes "
        "nothing.",
        "ALTERNATIVE_METHOD_AVAILABLE": "The credit adjustment window or another method must "
        "be used instead.",
        "INADEQUATE_JUSTIFICATION": "The justification or evidence does not show that the "
        "credit was earned.",
        "MISREPORTED_ENROLLMENT": "The request tries to remedy misreported enrollment data.",
        "OTHER": "Any other reason, explained in the reviewer's comment.",
    },
)
AdvisoryCode = described_enum(
    assessment.AdvisoryCode,
    "AdvisoryCode",
    "The kind of fact an advisory points out to the reviewer.",
    {
        "ALREADY_CONCENTRATOR_OR_COMPLETER": "The record is already concentrator or completer "
        "and the insert improves no flag.",
        "ALTERNATIVE_METHOD_MAY_BE_AVAILABLE": "The credit adjustment window of the record's "
        "fiscal year is open; the LEA may be able to use it instead.",
        "NO_EVIDENCE_ATTACHED": "No evidence file is attached to the request.",
        "NO_STATUS_CHANGE": "The insert changes none of the record's flags.",
        "FISCAL_YEAR_NO_LONGER_CURRENT": "The participant fiscal year has moved on since "
        "submission; an approval puts the credits into the current year's record.",
        "PROGRAM_NO_LONGER_APPROVED": "The program has been taken off the Approved Program "
        "list since submission; approval will be refused.",
        "STUDENT_LEFT": "The student has left secondary education (date in the message).",
        "PRIOR_INSERTION": "Credit has already been inserted into this course of this student "
        "by an approved request (any year).",
        "UNUSUAL_COURSE_TOTAL": "The course's total after the insert would exceed the "
        "configured usual maximum for one course.",
        "RETIRED_SUID_STILL_ACTIVE": "The retired SUID still has a P/C record in the "
        "participant fiscal year.",
        "CHANGED_SINCE_LAST_REVIEW": "The LEA changed the credits or justification after the "
        "last review action.",
    },
)
UserErrorCode = described_enum(
    ErrorCode,
    "UserErrorCode",
    "Why a mutation (or a preview) refused its input; the message says more for people.",
    {
        "NOT_FOUND": "The object named does not exist or the viewer may not see it.",
        "FORBIDDEN": "The viewer's role or LEAs do not allow this (for instance another "
        "LEA's school, or a review action by an LEA user).",
        "INVALID_VALUE": "A value is malformed or out of range (field names it): for instance "
        "credits that are not positive or have more than two decimal places, or an empty "
        "justification.",
        "NO_PARTICIPANT_RECORD": "The student has no P/C record at the school in the "
        "participant fiscal year.",
        "PROGRAM_NOT_APPROVED": "The program is not on the Approved Program list.",
        "PROGRAM_NOT_ON_RECORD": "None of the student's P/C records at the school is for this "
        "program.",
        "COURSE_NOT_IN_PROGRAM": "The course is not one of the program's courses.",
        "GRADE_BELOW_NINE": "Credits awarded before ninth grade may not be inserted.",
        "STUDENT_EXITED": "The student left secondary education before the participant fiscal "
        "year.",
        "RETIRED_SUID_HAS_NO_RECORD": "The retired SUID has no P/C record in the request's "
        "program.",
        "DUPLICATE_REQUEST": "An open request for the same student, school, program and course "
        "exists.",
        "INVALID_TRANSITION": "The request's status does not allow this action.",
        "STALE_VERSION": "expectedVersion does not match: someone changed the request first.",
        "ATTACHMENT_TOO_LARGE": "An evidence file is larger than the size limit (10 MiB unless "
        "configured otherwise).",
        "ATTACHMENT_TYPE_NOT_ALLOWED": "An evidence file is not a PDF, PNG or JPEG (judged by "
        "its content).",
    },
)


@strawberry.enum(description="The kind of change a request asks for.")
class ChangeRequestKind(Enum):
    INSERT_CREDITS = strawberry.enum_value(
        "INSERT_CREDITS",
        description="Insert missing CTE credits into a course of a P/C record.",
    )

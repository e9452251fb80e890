"""Object types of the contract, built from domain models; relations load through the
request's DataLoaders so that a page of objects costs one query per kind, not per object.

A relation field is a plain function: it returns its value at once when what it reads is
loaded (a page's root resolver prefetches it, resolvers/prefetch.py), else an awaitable of it
that the executor awaits (schema/maybe.py). Its annotation names the GraphQL type."""

from __future__ import annotations

import asyncio
import inspect
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from domain import fiscal, models
from domain.calendar_cache import Calendar
from domain.change_requests import assessment
from domain.change_requests import model as requests
from domain.prefetch import shown_retired_records

from .context import Loaders
from .enums import (
    AdvisoryCode,
    ChangeRequestEventKind,
    ChangeRequestKind,
    ChangeRequestStatus,
    CourseKind,
    ExitReason,
    InsertCreditsReason,
    LeaKind,
    RejectionReason,
    Role,
    UserErrorCode,
)
from .ids import to_global_id
from .maybe import Maybe, every, loaded, then

if TYPE_CHECKING:
    from .notifications import NotificationPreferences


@strawberry.interface(description="An object with a global id, which Query.node reads it by.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Opaque global id; pass it to Query.node to read the object again."
    )


@strawberry.type(description="A user as recorded on what they did: who submitted or acted.")
class Actor:
    id: strawberry.ID = strawberry.field(description="The user's id (their token's subject).")
    name: str = strawberry.field(description="The user's name, as their token gave it.")
    role: Role = strawberry.field(description="The user's role when they acted.")

    @classmethod
    def of(cls, actor: requests.Actor | models.Viewer) -> Actor:
        return cls(id=strawberry.ID(actor.id), name=actor.name, role=actor.role)


@strawberry.type(description="A local education agency: a school district, charter holder or CTED.")
class Lea:
    entity_id: int = strawberry.field(description="ADE's entity id of the LEA, e.g. 4235.")
    name: str = strawberry.field(description='The LEA\'s name, e.g. "Mesa Unified District".')
    kind: LeaKind = strawberry.field(description="Whether it is a district, charter or CTED.")

    @strawberry.field(description="The LEA's schools that the viewer may act on, by name.")
    async def schools(self, info: Info) -> list[School]:
        lookups = info.context.services.lookups
        found = await lookups.schools_of_lea(info.context.viewer, self.entity_id)
        return [School.of(school) for school in found]

    @classmethod
    def of(cls, lea: models.Lea) -> Lea:
        return cls(entity_id=lea.entity_id, name=lea.name, kind=lea.kind)


@strawberry.type(description="The signed-in user, from their token.")
class Viewer:
    id: strawberry.ID = strawberry.field(
        description="The user's id (their token's subject), as Actor.id shows it on what they do."
    )
    name: str = strawberry.field(description="The user's name, as their token gives it.")
    role: Role = strawberry.field(description="What the user may see and do.")
    email: str | None = strawberry.field(
        description="The token's email claim, where this user's notifications go; null when "
        "the token has none."
    )
    viewer: strawberry.Private[models.Viewer]

    @strawberry.field(description="The LEAs this user acts for; empty for ADE staff.")
    async def leas(self, info: Info) -> list[Lea]:
        found = await info.context.loaders.lea.load_many(sorted(self.viewer.lea_ids))
        return [Lea.of(lea) for lea in found if lea is not None]

    @strawberry.field(
        description="This user's email notification settings; null when the token has no email."
    )
    async def notification_preferences(
        self, info: Info
    ) -> Annotated[NotificationPreferences, strawberry.lazy("schema.notifications")] | None:
        from .notifications import NotificationPreferences  # that module builds on this one

        settings = await info.context.services.notification_preferences.of(self.viewer)
        email = self.viewer.email
        return NotificationPreferences.of(email, settings) if email and settings else None

    @classmethod
    def of(cls, viewer: models.Viewer) -> Viewer:
        return cls(
            id=strawberry.ID(viewer.id),
            name=viewer.name,
            role=viewer.role,
            email=viewer.email,
            viewer=viewer,
        )


@strawberry.type(description="A school of an LEA; P/C records and change requests belong to one.")
class School:
    entity_id: int = strawberry.field(
        description="ADE's entity id of the school, as participantRecords(schoolEntityId:) "
        "takes it."
    )
    ctds: str = strawberry.field(description="The nine-digit County-Type-District-Site code.")
    name: str = strawberry.field(description="The school's name.")
    lea_entity_id: strawberry.Private[int]
    granted: strawberry.Private[bool] = False

    @strawberry.field(description="The LEA the school belongs to.")
    def lea(self, info: Info) -> Lea:
        return then(loaded(_loaders(info, self.granted).lea, self.lea_entity_id), Lea.of)

    @classmethod
    def of(cls, school: models.School, granted: bool = False) -> School:
        return cls(
            entity_id=school.entity_id,
            ctds=school.ctds,
            name=school.name,
            lea_entity_id=school.lea_entity_id,
            granted=granted,
        )


def _loaders(info: Info, granted: bool) -> Loaders:
    """The viewer's loaders, or for objects reached through a request's grant (domain/
    access.py) loaders that read beyond the viewer's scope."""
    return info.context.loaders.granted() if granted else info.context.loaders


@strawberry.type(description="A student, identified by their state student identifier (SUID).")
class Student:
    suid: str = strawberry.field(description="The state student identifier (SUID).")
    first_name: str = strawberry.field(description="The student's first name, as enrolled.")
    last_name: str = strawberry.field(description="The student's last name, as enrolled.")
    exited_on: date | None = strawberry.field(
        description="The day the student left secondary education (ISO 8601 date); null while "
        "they have not."
    )
    exit_reason: ExitReason | None = strawberry.field(
        description="Why the student left; null while they have not."
    )

    @classmethod
    def of(cls, student: models.Student) -> Student:
        return cls(
            suid=student.suid,
            first_name=student.first_name,
            last_name=student.last_name,
            exited_on=student.exited_on,
            exit_reason=student.exit_reason,
        )


@strawberry.type(description="A course of an approved program.")
class Course:
    course_number: str = strawberry.field(description='The course\'s number, e.g. "12050010".')
    name: str = strawberry.field(description='The course\'s name, e.g. "Culinary Arts I".')
    kind: CourseKind = strawberry.field(description="How the course is delivered.")
    required: bool = strawberry.field(
        description="Part of the program's required coherent sequence: a completer has 1 credit "
        "or more in every required course."
    )
    counts_toward_concentrator: bool = strawberry.field(
        description="Whether a credit in this course counts toward concentrator status (from "
        "the Approved Program list)."
    )

    @classmethod
    def of(cls, course: models.Course) -> Course:
        return cls(
            course_number=course.course_number,
            name=course.name,
            kind=course.kind,
            required=course.required,
            counts_toward_concentrator=course.counts_toward_concentrator,
        )


@strawberry.type(description="A program on the Arizona CTE Approved Program list.")
class Program:
    program_number: str = strawberry.field(description='CIP-based program number, e.g. "12.0500".')
    name: str = strawberry.field(description='The program\'s name, e.g. "Culinary Arts".')
    courses: list[Course] = strawberry.field(
        description="The program's courses; empty for a program no longer on the list."
    )
    on_approved_list: bool = strawberry.field(
        description="False once the program is taken off the Approved Program list; its "
        "records and requests still show it."
    )

    @classmethod
    def of(cls, program: models.Program) -> Program:
        return cls(
            program_number=program.program_number,
            name=program.name,
            courses=[Course.of(c) for c in program.courses],
            on_approved_list=program.on_approved_list,
        )


@strawberry.type(
    description="Where the fiscal calendar stands today (Arizona time). A fiscal year is named "
    "by the year it ends: 2027 is July 1, 2026 to June 30, 2027."
)
class FiscalYearStatus:
    enrollment_fiscal_year: int = strawberry.field(
        description="The enrollment fiscal year containing today (FY2027 = July 1, 2026 to "
        "June 30, 2027)."
    )
    participant_fiscal_year: int = strawberry.field(
        description="The fiscal year whose P/C records change requests search and modify: the "
        "enrollment fiscal year once its preliminary records exist, the one before until then."
    )
    preliminary_records_created_on: date | None = strawberry.field(
        description="Preliminary P/C record creation date of the participant fiscal year; null "
        "when not set."
    )
    final_records_created_on: date | None = strawberry.field(
        description="Final P/C record creation date of the participant fiscal year; null until "
        "final records exist."
    )
    credit_adjustment_window_open: bool = strawberry.field(
        description="True between preliminary and final record creation of the participant "
        "fiscal year: the credit adjustment window, an alternative to change requests."
    )
    has_participant_records: bool = strawberry.field(
        description="False while no fiscal year up to the enrollment one has preliminary P/C "
        "records (participantFiscalYear then names the year before the enrollment one): "
        "lookups find nothing and submissions are refused with NO_PARTICIPANT_RECORD."
    )

    @classmethod
    def of(cls, status: fiscal.FiscalYearStatus) -> FiscalYearStatus:
        participant = status.participant_fiscal_year
        return cls(
            enrollment_fiscal_year=status.enrollment_fiscal_year,
            participant_fiscal_year=participant or status.enrollment_fiscal_year - 1,
            preliminary_records_created_on=status.preliminary_records_created_on,
            final_records_created_on=status.final_records_created_on,
            credit_adjustment_window_open=status.credit_adjustment_window_open,
            has_participant_records=participant is not None,
        )


@strawberry.type(description="The P/C record creation dates of one fiscal year, set by admins.")
class FiscalYearDates:
    fiscal_year: int = strawberry.field(
        description="The fiscal year, named by the year it ends (2027 = July 2026 to June 2027)."
    )
    preliminary_records_created_on: date | None = strawberry.field(
        description="The day preliminary P/C records were created (ISO 8601 date); null when "
        "not set."
    )
    final_records_created_on: date | None = strawberry.field(
        description="The day final P/C records were created (ISO 8601 date); null when not set."
    )

    @classmethod
    def of(cls, dates: models.FiscalYearDates) -> FiscalYearDates:
        return cls(
            fiscal_year=dates.fiscal_year,
            preliminary_records_created_on=dates.preliminary_records_created_on,
            final_records_created_on=dates.final_records_created_on,
        )


@strawberry.type(
    description="A P/C record's flags, computed from its courses' total credits (reported plus "
    "inserted)."
)
class StatusFlags:
    participant: bool = strawberry.field(
        description="One course of the program at 1 credit or more."
    )
    concentrator: bool = strawberry.field(
        description="Two distinct courses that count toward concentrator status at 1 credit or "
        "more each."
    )
    completer: bool = strawberry.field(
        description="A concentrator with every required course of the program at 1 credit or more."
    )
    placement_survey_eligible: bool = strawberry.field(
        description="A concentrator who left secondary education during the record's fiscal "
        "year, on or before today: the student is on the placement survey list."
    )

    @classmethod
    def of(cls, flags: models.StatusFlags) -> StatusFlags:
        return cls(
            participant=flags.participant,
            concentrator=flags.concentrator,
            completer=flags.completer,
            placement_survey_eligible=flags.placement_survey_eligible,
        )


@strawberry.type(description="Credit that one approved change request inserted into a course.")
class CreditInsertion:
    change_request_id: strawberry.ID = strawberry.field(
        description="The global id of the change request that inserted it."
    )
    credits: Decimal = strawberry.field(description='The credits inserted, e.g. "0.5".')
    approved_at: datetime = strawberry.field(description="When the request was approved.")


@strawberry.type(
    description="One course's credit in a P/C record: what enrollment reported plus what "
    "approved change requests inserted."
)
class CourseCredit:
    course: Course = strawberry.field(
        description="The course; one its program no longer lists keeps its number and name "
        "and counts toward nothing."
    )
    reported_credits: Decimal = strawberry.field(
        description="Credit aggregated from student-level enrollment."
    )
    inserted_credits: Decimal = strawberry.field(
        description="Credit added by approved change requests."
    )
    total_credits: Decimal = strawberry.field(
        description="reportedCredits plus insertedCredits: what the flags are computed from."
    )
    insertions: list[CreditInsertion] = strawberry.field(
        description="Each approved insertion into this course of this record; empty when none."
    )

    @classmethod
    def of(cls, credit: models.CourseCredit, program: models.Program | None) -> CourseCredit:
        course = program.course(credit.course_number) if program else None
        return cls(
            course=Course.of(course) if course else _unlisted_course(credit),
            reported_credits=credit.reported_credits,
            inserted_credits=credit.inserted_credits,
            total_credits=credit.total_credits,
            insertions=[
                CreditInsertion(
                    change_request_id=strawberry.ID(
                        to_global_id("ChangeRequest", i.change_request_id)
                    ),
                    credits=i.credits,
                    approved_at=i.approved_at,
                )
                for i in credit.insertions
            ],
        )


def _unlisted_course(credit: models.CourseCredit | str) -> Course:
    """A course that its program no longer lists (the program list changed since), as the
    record last knew it; it counts toward nothing now."""
    if isinstance(credit, str):
        credit = models.CourseCredit(course_number=credit, reported_credits=Decimal(0))
    return Course(
        course_number=credit.course_number,
        name=credit.name or credit.course_number,
        kind=credit.kind or CourseKind.STANDARD,
        required=False,
        counts_toward_concentrator=False,
    )


def _program(info: Info, program_number: str) -> Maybe[Program]:
    """The program of a record or request; one taken off the Approved Program list since is
    shown by its number alone, so that its records and requests stay readable."""

    def shown(program: models.Program | None) -> Program:
        if program is None:
            return Program(
                program_number=program_number,
                name=program_number,
                courses=[],
                on_approved_list=False,
            )
        return Program.of(program)

    return then(loaded(info.context.loaders.program, program_number), shown)


@strawberry.type(
    description="A Participant/Concentrator record: one student, one school, one fiscal year, "
    "one program."
)
class ParticipantRecord(Node):
    id: strawberry.ID = strawberry.field(
        description="Opaque global id; pass it to Query.node to read the record again."
    )
    fiscal_year: int = strawberry.field(
        description="The record's fiscal year, named by the year it ends (2026 = July 2025 to "
        "June 2026)."
    )
    version: int = strawberry.field(
        description="Increases by one whenever the record's credits change."
    )
    updated_at: datetime = strawberry.field(description="When the record last changed.")
    record: strawberry.Private[models.ParticipantRecord]
    # Reached through a request's grant (its retired-SUID records), not the viewer's scope.
    granted: strawberry.Private[bool] = False

    @classmethod
    def of(cls, record: models.ParticipantRecord, granted: bool = False) -> ParticipantRecord:
        return cls(
            id=strawberry.ID(to_global_id("ParticipantRecord", record.id)),
            fiscal_year=record.fiscal_year,
            version=record.version,
            updated_at=record.updated_at,
            record=record,
            granted=granted,
        )

    @strawberry.field(description="The student the record is about.")
    def student(self, info: Info) -> Student:
        return then(loaded(_loaders(info, self.granted).student, self.record.suid), Student.of)

    @strawberry.field(description="The school the record is at.")
    def school(self, info: Info) -> School:
        school = loaded(_loaders(info, self.granted).school, self.record.school_entity_id)
        return then(school, lambda found: School.of(found, self.granted))

    @strawberry.field(
        description="The program the record is for; one taken off the Approved Program list "
        "since shows its number alone."
    )
    def program(self, info: Info) -> Program:
        return _program(info, self.record.program_number)

    @strawberry.field(
        description="Each course the record holds credit in, reported or inserted, with its total."
    )
    def courses(self, info: Info) -> list[CourseCredit]:
        program = loaded(info.context.loaders.program, self.record.program_number)
        return then(program, lambda found: [CourseCredit.of(c, found) for c in self.record.courses])

    @strawberry.field(description="The sum of the courses' total credits.")
    def total_credits(self) -> Decimal:
        return self.record.total_credits

    @strawberry.field(
        description="The record's flags, recomputed in the same write whenever its credits change."
    )
    def status(self) -> StatusFlags:
        return StatusFlags.of(self.record.status)


@strawberry.type(description="Where a page sits in its list, for asking for the next one.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="True when items follow this page.")
    end_cursor: str | None = strawberry.field(
        description="The cursor of this page's last item; pass it as `after` for the next page."
    )
    has_previous_page: bool = strawberry.field(
        description="True when items come before this page (an after cursor was given)."
    )
    start_cursor: str | None = strawberry.field(description="The cursor of this page's first item.")


@strawberry.type(description="A P/C record and its cursor.")
class ParticipantRecordEdge:
    cursor: str = strawberry.field(
        description="Opaque; pass it as `after` to get the records after this one."
    )
    node: ParticipantRecord = strawberry.field(description="The record.")


@strawberry.type(description="A page of P/C records.")
class ParticipantRecordConnection:
    edges: list[ParticipantRecordEdge] = strawberry.field(
        description="The page's records; empty past the end."
    )
    page_info: PageInfo = strawberry.field(description="Whether more records follow, and where.")
    total_count: int = strawberry.field(
        description="How many records match in all, across every page."
    )


@strawberry.type(description="A fact the reviewer should weigh; never blocks a decision by itself.")
class Advisory:
    code: AdvisoryCode = strawberry.field(description="What kind of fact it is.")
    message: str = strawberry.field(
        description="The fact for people, with its specifics (dates, fiscal years, request ids)."
    )

    @classmethod
    def of(cls, advisory: assessment.Advisory) -> Advisory:
        return cls(code=advisory.code, message=advisory.message)


@strawberry.type(description="What a request's credits do to the record's flags.")
class StatusImpact:
    before: StatusFlags = strawberry.field(description="Flags of the target record now.")
    after: StatusFlags = strawberry.field(
        description="Flags the record would have with this request's credits added."
    )
    changes_status: bool = strawberry.field(
        description="True when at least one flag differs between before and after."
    )

    @classmethod
    def of(cls, impact: assessment.StatusImpact) -> StatusImpact:
        return cls(
            before=StatusFlags.of(impact.before),
            after=StatusFlags.of(impact.after),
            changes_status=impact.changes_status,
        )


@strawberry.type(
    description="An evidence file, such as a transcript, attached to a change request."
)
class Attachment:
    id: strawberry.ID = strawberry.field(
        description="Opaque id of the file; downloadUrl is built from it."
    )
    filename: str = strawberry.field(description="The file's name as it was uploaded.")
    content_type: str = strawberry.field(
        description="The file's media type (application/pdf, image/png or image/jpeg), detected "
        "from its content, not taken from the client."
    )
    size: int = strawberry.field(description="The file's size in bytes.")
    sha256: str = strawberry.field(
        description="SHA-256 of the file's content, in hexadecimal, for checking a download."
    )
    download_url: str = strawberry.field(
        description="Relative URL; fetch it with the same Authorization header."
    )
    uploaded_at: datetime = strawberry.field(description="When the file was uploaded.")

    @classmethod
    def of(cls, attachment: requests.Attachment) -> Attachment:
        return cls(
            id=strawberry.ID(attachment.id),
            filename=attachment.filename,
            content_type=attachment.content_type,
            size=attachment.size,
            sha256=attachment.sha256,
            download_url=f"/attachments/{attachment.id}",
            uploaded_at=attachment.uploaded_at,
        )


@strawberry.type(
    description="One step in a change request's history: who did what and when, and the status "
    "it moved the request to."
)
class ChangeRequestEvent:
    id: strawberry.ID = strawberry.field(
        description="The event's id; pass it as changeRequestEvents(after:) to resume after it."
    )
    kind: ChangeRequestEventKind = strawberry.field(description="What happened.")
    at: datetime = strawberry.field(description="When it happened.")
    actor: Actor = strawberry.field(description="Who did it.")
    comment: str | None = strawberry.field(
        description="The comment the action carried (a reviewer's question or reason, the LEA's "
        "answer); null when none was given."
    )
    from_status: ChangeRequestStatus | None = strawberry.field(
        description="The status before the event; null for SUBMITTED."
    )
    to_status: ChangeRequestStatus = strawberry.field(description="The status after the event.")
    request: strawberry.Private[requests.ChangeRequest]

    @strawberry.field(description="The change request the event belongs to.")
    def change_request(self) -> Annotated[ChangeRequest, strawberry.lazy("schema.types")]:
        return ChangeRequest.of(self.request)

    @classmethod
    def of(cls, event: requests.RequestEvent, request: requests.ChangeRequest):
        return cls(
            id=strawberry.ID(event.id),
            kind=event.kind,
            at=event.at,
            actor=Actor.of(event.actor),
            comment=event.comment,
            from_status=event.from_status,
            to_status=event.to_status,
            request=request,
        )


@strawberry.type(
    description="An LEA's request to insert missing CTE credits into one course of a student's "
    "P/C record, and ADE's review of it. LEA users see only their LEAs' requests."
)
class ChangeRequest(Node):
    id: strawberry.ID = strawberry.field(
        description="Opaque global id; pass it to changeRequest(id:), Query.node and the review "
        "mutations."
    )
    kind: ChangeRequestKind = strawberry.field(description="What the request asks for.")
    status: ChangeRequestStatus = strawberry.field(description="Where the request stands.")
    version: int = strawberry.field(
        description="Increases by one on every change; pass it back as expectedVersion."
    )
    submitted_for_fiscal_year: int = strawberry.field(
        description="The participant fiscal year when the request was submitted."
    )
    credits: Decimal = strawberry.field(
        description='The credits to insert, a decimal string such as "0.5": positive, at most '
        "two decimal places."
    )
    grade_level: int = strawberry.field(
        description="Grade in which the credit was awarded (9 to 12)."
    )
    reason: InsertCreditsReason = strawberry.field(
        description="Why the credit is missing from the record."
    )
    retired_suid: str | None = strawberry.field(
        description="The retired SUID the credits were reported under; null when none was named "
        "(it is required with reason RETIRED_SUID)."
    )
    justification: str = strawberry.field(
        description="Why the credit was not recorded, and what proves it was earned, as the LEA "
        "last wrote it."
    )
    rejection_reason: RejectionReason | None = strawberry.field(
        description="Why a reviewer rejected it; null unless status is REJECTED."
    )
    submitted_at: datetime = strawberry.field(description="When the LEA submitted it.")
    updated_at: datetime = strawberry.field(description="When it last changed (its latest event).")
    request: strawberry.Private[requests.ChangeRequest]
    # `impact` and `advisories` come from one assessment, computed once per object.
    assessment_memo: strawberry.Private[Maybe[assessment.Assessment] | None] = None

    @classmethod
    def of(cls, request: requests.ChangeRequest) -> ChangeRequest:
        return cls(
            id=strawberry.ID(to_global_id("ChangeRequest", request.id)),
            kind=ChangeRequestKind.INSERT_CREDITS,
            status=request.status,
            version=request.version,
            submitted_for_fiscal_year=request.submitted_for_fiscal_year,
            credits=request.credits,
            grade_level=request.grade_level,
            reason=request.reason,
            retired_suid=request.retired_suid,
            justification=request.justification,
            rejection_reason=request.rejection_reason,
            submitted_at=request.submitted_at,
            updated_at=request.updated_at,
            request=request,
        )

    @strawberry.field(
        description="The fiscal year of the record the credits go into: the participant "
        "fiscal year, which may have moved on since submission."
    )
    def fiscal_year(self, info: Info) -> int:
        return _target_fiscal_year(info, self.request)

    @strawberry.field(description="The student whose record gets the credits.")
    def student(self, info: Info) -> Student:
        return then(loaded(info.context.loaders.student, self.request.suid), Student.of)

    @strawberry.field(description="The school of the record.")
    def school(self, info: Info) -> School:
        return then(loaded(info.context.loaders.school, self.request.school_entity_id), School.of)

    @strawberry.field(
        description="The program of the record; one taken off the Approved Program list since "
        "shows its number alone."
    )
    def program(self, info: Info) -> Program:
        return _program(info, self.request.program_number)

    @strawberry.field(description="The course the credits go into.")
    def course(self, info: Info) -> Course:
        number = self.request.course_number

        def shown(program: models.Program | None) -> Course:
            course = program.course(number) if program else None
            return Course.of(course) if course else _unlisted_course(number)

        return then(loaded(info.context.loaders.program, self.request.program_number), shown)

    @strawberry.field(
        description="P/C records held under the retired SUID in the request's program, at any "
        "school, for the reviewer to compare (the submitting LEA sees them too)."
    )
    def retired_suid_records(self, info: Info) -> list[ParticipantRecord]:
        return then(
            _retired_records(info, self.request),
            lambda records: [ParticipantRecord.of(record, granted=True) for record in records],
        )

    @strawberry.field(
        description="The files attached at submission and with provided information; empty "
        "when none."
    )
    def evidence(self) -> list[Attachment]:
        return [Attachment.of(a) for a in self.request.evidence]

    @strawberry.field(
        description="The record the credits go into; null when the student has no record at "
        "the school in that program and fiscal year (an approval would be refused)."
    )
    def record(self, info: Info) -> ParticipantRecord | None:
        return then(
            _target_record(info, self.request),
            lambda record: ParticipantRecord.of(record) if record else None,
        )

    @strawberry.field(
        description="What the credits do to the record's flags, computed against the record "
        "as it is now."
    )
    def impact(self, info: Info) -> StatusImpact:
        return then(self._assessment(info), lambda assessed: StatusImpact.of(assessed.impact))

    @strawberry.field(
        description="Facts the reviewer should weigh, computed now; they never block a decision."
    )
    def advisories(self, info: Info) -> list[Advisory]:
        return then(
            self._assessment(info), lambda assessed: [Advisory.of(a) for a in assessed.advisories]
        )

    def _assessment(self, info: Info) -> Maybe[assessment.Assessment]:
        """Computed at once when what it reads is loaded; else one computation that both
        fields await."""
        if self.assessment_memo is None:
            assessed = _assess(info, self.request)
            self.assessment_memo = (
                asyncio.ensure_future(assessed) if inspect.isawaitable(assessed) else assessed
            )
        return self.assessment_memo

    @strawberry.field(description="Every event of the request, oldest first.")
    def history(self) -> list[ChangeRequestEvent]:
        return [ChangeRequestEvent.of(e, self.request) for e in self.request.history]

    @strawberry.field(description="The LEA user who submitted the request.")
    def submitted_by(self) -> Actor:
        return Actor.of(self.request.submitted_by)


def _target_fiscal_year(info: Info, request: requests.ChangeRequest) -> Maybe[int]:
    loaders = info.context.loaders

    def year(calendar: Calendar) -> int:
        participant = fiscal.participant_fiscal_year(loaders.today, calendar)
        return assessment.target_fiscal_year(request, participant)

    return then(loaders.calendar(), year)


def _target_record(
    info: Info, request: requests.ChangeRequest
) -> Maybe[models.ParticipantRecord | None]:
    """The record the credits go into (for an open request, the participant fiscal year's),
    among the student's records."""
    suid, school, _, program = request.record_key
    of_student = loaded(info.context.loaders.records_of_suid, suid)

    def find(found: tuple[int, list[models.ParticipantRecord]]) -> models.ParticipantRecord | None:
        year, records = found
        return next((r for r in records if r.key == (suid, school, year, program)), None)

    return then(every(_target_fiscal_year(info, request), of_student), find)


def _retired_records(
    info: Info, request: requests.ChangeRequest
) -> Maybe[list[models.ParticipantRecord]]:
    retired = request.retired_suid
    if not retired:
        return []
    records = loaded(info.context.loaders.retired_records, retired)
    return then(records, lambda found: shown_retired_records(request, {retired: found}))


def _assess(info: Info, request: requests.ChangeRequest) -> Maybe[assessment.Assessment]:
    loaders = info.context.loaders
    facts = every(
        _target_record(info, request),
        loaded(loaders.program, request.program_number),
        loaded(loaders.student, request.suid),
        loaders.calendar(),
        loaded(loaders.records_of_suid, request.suid),
        _retired_records(info, request),
    )

    def assess(found: tuple) -> assessment.Assessment:
        record, program, student, calendar, student_records, retired_records = found
        return assessment.assess(
            request,
            assessment.Facts(
                record=record,
                program=program,
                student=student,
                calendar=calendar,
                today=loaders.today,
                student_records=student_records,
                retired_records=retired_records,
                usual_course_total=info.context.services.rules.usual_course_total,
            ),
        )

    return then(facts, assess)


@strawberry.type(description="A change request and its cursor.")
class ChangeRequestEdge:
    cursor: str = strawberry.field(
        description="Opaque; pass it as `after` to get the requests after this one."
    )
    node: ChangeRequest = strawberry.field(description="The change request.")


@strawberry.type(description="A page of change requests, newest first.")
class ChangeRequestConnection:
    edges: list[ChangeRequestEdge] = strawberry.field(
        description="The page's requests; empty past the end."
    )
    page_info: PageInfo = strawberry.field(description="Whether more requests follow, and where.")
    total_count: int = strawberry.field(
        description="How many requests match the filter in all, across every page."
    )


@strawberry.type(
    description="A problem with the input or the action, reported to the user; the action had "
    "no effect."
)
class UserError:
    code: UserErrorCode = strawberry.field(description="What kind of problem it is.")
    message: str = strawberry.field(
        description="The problem in words for people, to show next to the field at fault."
    )
    field: list[str] | None = strawberry.field(
        description='Path to the input field at fault, e.g. ["input", "gradeLevel"].'
    )


@strawberry.type(description="The outcome a submission would have now; nothing is stored.")
class InsertCreditsPreview:
    record: ParticipantRecord | None = strawberry.field(
        description="The record the credits would go into; null when there is none."
    )
    impact: StatusImpact | None = strawberry.field(
        description="What the credits would do to the record's flags; null when the input has "
        "problems."
    )
    advisories: list[Advisory] = strawberry.field(
        description="The advisories a reviewer would see; empty when the input has problems."
    )
    user_errors: list[UserError] = strawberry.field(
        description="The refusals the submission would get (justification and evidence aside)."
    )


@strawberry.type(
    description="The result of a change request mutation: the request, or why nothing happened."
)
class ChangeRequestPayload:
    change_request: ChangeRequest | None = strawberry.field(
        description="The request after the action; null when the action was refused."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why the action was refused, with nothing changed; empty on success."
    )
    client_mutation_id: str | None = strawberry.field(
        default=None, description="The input's clientMutationId, returned as given."
    )


@strawberry.type(description="The result of setFiscalYearDates.")
class FiscalYearDatesPayload:
    fiscal_year_dates: FiscalYearDates | None = strawberry.field(
        description="The year's dates after the change; null when it was refused."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing changed: FORBIDDEN for anyone but an admin, INVALID_VALUE for "
        "a year outside 2000 to 2100 or dates out of order; empty on success."
    )

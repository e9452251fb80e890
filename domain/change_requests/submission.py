"""Submitting an INSERT_CREDITS request: every rule of domain.md's "Submitting a request",
checked in its order, and nothing stored unless all hold."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ..access import EVERYTHING, Scope, scope_of
from ..calendar import FiscalCalendar
from ..clock import Clock
from ..errors import DomainError, ErrorCode, Forbidden, InputProblems, invalid
from ..evidence.files import EvidenceStore
from ..fiscal import fiscal_year_start
from ..lookups import Lookups
from ..models import ParticipantRecord, Program, Role, School, Student, Viewer
from ..repository import Store
from ..repository.requests import DuplicateIdempotencyKey, DuplicateOpenRequest, new_request_id
from .assessment import USUAL_COURSE_TOTAL, Assessment, Facts, assess
from .events import EventLog
from .model import (
    Actor,
    Attachment,
    ChangeRequest,
    EventKind,
    RequestEvent,
    RequestStatus,
    open_key,
)
from .validation import SubmissionInput, request_problems, submission_problems


@dataclass(frozen=True)
class Checked:
    """What the rules that need stored data found: where the request goes."""

    school: School
    fiscal_year: int
    record: ParticipantRecord
    program: Program
    student: Student | None


@dataclass(frozen=True)
class Preview:
    """What a submission of some input would get now: its record, its assessment (impact and
    advisories), or the refusals (then no assessment)."""

    record: ParticipantRecord | None
    assessment: Assessment | None
    problems: list[DomainError]


class Submissions:
    def __init__(
        self,
        store: Store,
        lookups: Lookups,
        calendar: FiscalCalendar,
        clock: Clock,
        max_credits: Decimal,
        evidence: EvidenceStore,
        events: EventLog,
        usual_course_total: Decimal = USUAL_COURSE_TOTAL,
    ):
        self._store = store
        self._lookups = lookups
        self._calendar = calendar
        self._clock = clock
        self._max_credits = max_credits
        self._evidence = evidence
        self._events = events
        self._usual_course_total = usual_course_total

    async def submit(self, viewer: Viewer, data: SubmissionInput) -> ChangeRequest:
        """Validate every rule of domain.md and store a PENDING_REVIEW request, or raise."""
        if viewer.role is not Role.LEA_USER:
            raise Forbidden("Only LEA users submit change requests.")
        data = _trimmed(data)
        idempotency = f"{viewer.id}\x1f{data.idempotency_key}" if data.idempotency_key else None
        if idempotency is not None:
            earlier = await self._earlier_submission(viewer, idempotency, data)
            if earlier is not None:
                return earlier
        problems = submission_problems(data, self._max_credits, self._evidence.limits)
        if problems:
            raise InputProblems(problems)
        checked = await self._check_against_records(scope_of(viewer), data)
        try:
            request = await self._store_request(viewer, data, checked, idempotency)
        except DuplicateOpenRequest:
            # A retry racing its first attempt finds that attempt's open request: return it.
            earlier = (
                await self._earlier_submission(viewer, idempotency, data) if idempotency else None
            )
            if earlier is None:
                raise _duplicate() from None
            return earlier
        except DuplicateIdempotencyKey:
            assert idempotency is not None
            found = await self._earlier_submission(viewer, idempotency, data)
            assert found is not None, "the unique index saw the key, so a request holds it"
            return found
        await self._events.log(request)
        return request

    async def preview(self, viewer: Viewer, data: SubmissionInput) -> Preview:
        """The checks of `submit` (but the justification, files and idempotency key), the
        record the credits would go into, and the impact and advisories; nothing is stored."""
        if viewer.role is not Role.LEA_USER:
            return Preview(None, None, [Forbidden("Only LEA users submit change requests.")])
        data = _trimmed(data)
        if problems := request_problems(data, self._max_credits):
            return Preview(None, None, problems)
        scope = scope_of(viewer)
        try:
            checked = await self._check_against_records(scope, data)
            if await self._store.requests.open_exists(EVERYTHING, _open_key(data)):
                raise _duplicate()
        except DomainError as refusal:
            return Preview(None, None, [refusal])
        request = self._new_request(viewer, data, checked, ())
        facts = Facts(
            record=checked.record,
            program=checked.program,
            student=checked.student,
            calendar=await self._calendar.all(),
            today=self._calendar.today(),
            student_records=await self._store.records.of_students(scope, [data.suid]),
            retired_records=await self._retired_records(data),
            usual_course_total=self._usual_course_total,
        )
        return Preview(checked.record, assess(request, facts), [])

    async def _retired_records(self, data: SubmissionInput) -> list[ParticipantRecord]:
        """The retired SUID's records in the program, statewide: the policy's own check."""
        if not data.retired_suid:
            return []
        records = await self._store.records.of_students(EVERYTHING, [data.retired_suid])
        return [r for r in records if r.program_number == data.program_number]

    async def _store_request(
        self, viewer: Viewer, data: SubmissionInput, checked: Checked, idempotency: str | None
    ) -> ChangeRequest:
        """Store the request and its files (evidence last: files are read and stored only once
        everything else holds); raises DuplicateOpenRequest or DuplicateIdempotencyKey."""
        # Open requests are unique across every LEA: the check reads everything.
        if await self._store.requests.open_exists(EVERYTHING, _open_key(data)):
            raise DuplicateOpenRequest()
        async with self._evidence.holding(data.evidence) as files:
            request = self._new_request(viewer, data, checked, files.attachments)
            await self._store.requests.insert(
                request, idempotency=idempotency, fingerprint=data.fingerprint()
            )
            await files.keep()
        return request

    async def _earlier_submission(
        self, viewer: Viewer, idempotency: str, data: SubmissionInput
    ) -> ChangeRequest | None:
        # The key is the user's own: it is looked up everywhere, then the scope decides.
        found = await self._store.requests.by_idempotency(EVERYTHING, idempotency)
        if found is None:
            return None
        request, fingerprint = found
        if fingerprint != data.fingerprint():
            raise invalid(
                "idempotency_key", "This idempotency key was used for another submission."
            )
        if not scope_of(viewer).covers(request.lea_entity_id):  # no longer acts for that LEA
            raise Forbidden(
                f"School {request.school_entity_id} is not one of your LEAs' schools.",
                "school_entity_id",
            )
        return request

    async def _check_against_records(self, scope: Scope, data: SubmissionInput) -> Checked:
        """The rules that need stored data, in the order of domain.md; the first failure wins."""
        school = await self._lookups.school_in(scope, data.school_entity_id, "school_entity_id")
        assert school is not None, "an LEA user's scope refuses an unknown school"
        fiscal_year = await self._calendar.participant_fiscal_year()
        if fiscal_year is None:
            raise DomainError(
                ErrorCode.NO_PARTICIPANT_RECORD,
                "No fiscal year has preliminary P/C records yet, so there is none to change.",
                "suid",
            )
        records = await self._store.records.at_school(
            scope, data.suid, school.entity_id, fiscal_year
        )
        if not records:
            raise DomainError(
                ErrorCode.NO_PARTICIPANT_RECORD,
                f"The student has no P/C record at this school in FY{fiscal_year}.",
                "suid",
            )
        student = (await self._store.reference.students(scope, [data.suid])).get(data.suid)
        if exit_problem := exited_before(student, fiscal_year):
            raise exit_problem
        programs = await self._store.reference.programs([data.program_number])
        check_program(programs.get(data.program_number), records, data)
        if data.retired_suid and not await self._retired_records(data):
            raise DomainError(
                ErrorCode.RETIRED_SUID_HAS_NO_RECORD,
                f"The retired SUID holds no P/C record in program {data.program_number}.",
                "retired_suid",
            )
        program = programs[data.program_number]
        record = next(r for r in records if r.program_number == data.program_number)
        return Checked(school, fiscal_year, record, program, student)

    def _new_request(
        self,
        viewer: Viewer,
        data: SubmissionInput,
        checked: Checked,
        evidence: tuple[Attachment, ...],
    ) -> ChangeRequest:
        now = self._clock()
        request_id = new_request_id()
        event = RequestEvent(
            id=f"{request_id}:1",
            kind=EventKind.SUBMITTED,
            at=now,
            actor=Actor.of(viewer),
            from_status=None,
            to_status=RequestStatus.PENDING_REVIEW,
        )
        return ChangeRequest(
            id=request_id,
            status=RequestStatus.PENDING_REVIEW,
            version=1,
            suid=data.suid,
            school_entity_id=checked.school.entity_id,
            lea_entity_id=checked.school.lea_entity_id,
            fiscal_year=checked.fiscal_year,
            submitted_for_fiscal_year=checked.fiscal_year,
            program_number=data.program_number,
            course_number=data.course_number,
            credits=data.credits,
            grade_level=data.grade_level,
            reason=data.reason,
            retired_suid=data.retired_suid or None,
            justification=data.justification.strip(),
            evidence=evidence,
            history=(event,),
            submitted_by=Actor.of(viewer),
            submitter_email=viewer.email,
            submitted_at=now,
            updated_at=now,
        )


def check_program(
    program: Program | None, records: list[ParticipantRecord], data: SubmissionInput
) -> None:
    """The program is approved and on one of the records; the course belongs to it."""
    if program is None or not program.on_approved_list:
        raise DomainError(
            ErrorCode.PROGRAM_NOT_APPROVED,
            f"Program {data.program_number} is not on the Approved Program list.",
            "program_number",
        )
    if all(r.program_number != data.program_number for r in records):
        raise DomainError(
            ErrorCode.PROGRAM_NOT_ON_RECORD,
            f"None of the student's records at this school is for program {data.program_number}.",
            "program_number",
        )
    if program.course(data.course_number) is None:
        raise DomainError(
            ErrorCode.COURSE_NOT_IN_PROGRAM,
            f"Course {data.course_number} is not in program {data.program_number}.",
            "course_number",
        )


def exited_before(student: Student | None, fiscal_year: int) -> DomainError | None:
    """STUDENT_EXITED when the student left secondary education before the fiscal year began
    (leaving during it still allows credits: see docs/domain.md's interpretations)."""
    if student and student.exited_on and student.exited_on < fiscal_year_start(fiscal_year):
        return DomainError(
            ErrorCode.STUDENT_EXITED,
            f"The student left secondary education on {student.exited_on}, before "
            f"FY{fiscal_year} began.",
            "suid",
        )
    return None


def _trimmed(data: SubmissionInput) -> SubmissionInput:
    retired = data.retired_suid.strip() if data.retired_suid else None
    return replace(data, suid=data.suid.strip(), retired_suid=retired)


def _open_key(data: SubmissionInput) -> str:
    return open_key(data.suid, data.school_entity_id, data.program_number, data.course_number)


def _duplicate() -> DomainError:
    return DomainError(
        ErrorCode.DUPLICATE_REQUEST,
        "An open request for the same student, school, program and course exists.",
        "course_number",
    )

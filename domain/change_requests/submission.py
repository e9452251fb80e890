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
from ..models import ParticipantRecord, Program, Role, School, Viewer
from ..repository import Store
from ..repository.requests import DuplicateIdempotencyKey, DuplicateOpenRequest, new_request_id
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
from .validation import SubmissionInput, submission_problems


@dataclass(frozen=True)
class Checked:
    """What the rules that need stored data found: where the request goes."""

    school: School
    fiscal_year: int


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
    ):
        self._store = store
        self._lookups = lookups
        self._calendar = calendar
        self._clock = clock
        self._max_credits = max_credits
        self._evidence = evidence
        self._events = events

    async def submit(self, viewer: Viewer, data: SubmissionInput) -> ChangeRequest:
        """Validate every rule of domain.md and store a PENDING_REVIEW request, or raise."""
        if viewer.role is not Role.LEA_USER:
            raise Forbidden("Only LEA users submit change requests.")
        data = replace(
            data,
            suid=data.suid.strip(),
            retired_suid=data.retired_suid.strip() if data.retired_suid else None,
        )
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
        if student and student.exited_on and student.exited_on < fiscal_year_start(fiscal_year):
            raise DomainError(
                ErrorCode.STUDENT_EXITED,
                f"The student left secondary education on {student.exited_on}, before "
                f"FY{fiscal_year} began.",
                "suid",
            )
        programs = await self._store.reference.programs([data.program_number])
        check_program(programs.get(data.program_number), records, data)
        # The retired SUID may hold records at any LEA's school: the policy checks statewide.
        if data.retired_suid and not await self._store.records.of_students(
            EVERYTHING, [data.retired_suid]
        ):
            raise DomainError(
                ErrorCode.RETIRED_SUID_HAS_NO_RECORD,
                "The retired SUID holds no P/C record.",
                "retired_suid",
            )
        return Checked(school, fiscal_year)

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
    if program is None:
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


def _open_key(data: SubmissionInput) -> str:
    return open_key(data.suid, data.school_entity_id, data.program_number, data.course_number)


def _duplicate() -> DomainError:
    return DomainError(
        ErrorCode.DUPLICATE_REQUEST,
        "An open request for the same student, school, program and course exists.",
        "course_number",
    )

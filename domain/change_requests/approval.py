"""Approval, applied exactly once on MongoDB without transactions.

1. A conditional update claims the pending request (`applying` holds the approval event);
   a second approver, or a rejecter, finds it claimed and gets INVALID_TRANSITION.
2. The credits go into the record under a version check, with `appliedRequestIds: {$ne: id}`
   in the filter and the id added in the same write (with the flags): at most once.
3. The request becomes APPROVED (filter: the same claim), then its event is logged.
A crash between the writes leaves a claimed request; `recover` (at start and periodically)
repeats steps 2 and 3, which are idempotent, so the credits land once and the request ends
APPROVED.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from ..access import EVERYTHING
from ..calendar import FiscalCalendar
from ..clock import Clock
from ..errors import DomainError, ErrorCode, NotFound
from ..models import CourseCredit, ParticipantRecord, Program, Student, Viewer
from ..observe import observer
from ..record_updates import update_courses
from ..repository import Store
from ..status import add_credits
from .assessment import target_fiscal_year
from .events import EventLog
from .model import Actor, ChangeRequest, EventKind, RequestEvent, RequestStatus
from .submission import exited_before
from .transitions import TABLE, Action, check_state

# Approval is the service's own work on a request the approver was allowed to act on (or,
# in recovery, one an approver claimed): its reads take every LEA's data.
SCOPE = EVERYTHING


@dataclass(frozen=True)
class Target:
    """Where the credits go. Program and student are None only for a record that holds the
    request's credits already (nothing is left to compute)."""

    record: ParticipantRecord
    program: Program | None
    student: Student | None
    # The fiscal years of the student's other records in the program (placement survey).
    other_years: frozenset[int] = frozenset()

    def applied(self, request: ChangeRequest) -> bool:
        return request.id in self.record.applied_request_ids


class Approvals:
    def __init__(self, store: Store, calendar: FiscalCalendar, clock: Clock, events: EventLog):
        self._store = store
        self._calendar = calendar
        self._clock = clock
        self._events = events

    async def approve(
        self,
        viewer: Viewer,
        request: ChangeRequest,
        expected_version: int | None,
        comment: str | None,
    ) -> ChangeRequest:
        """Claim the request for approval into the participant fiscal year's record (which
        may have moved on since submission: the request moves with it), then complete it."""
        while True:
            year = target_fiscal_year(request, await self._calendar.participant_fiscal_year())
            target = await self._target(request, year)
            event = RequestEvent(
                id=f"{request.id}:{request.version + 1}",
                kind=EventKind.APPROVED,
                at=self._clock(),
                actor=Actor.of(viewer),
                comment=comment,
                from_status=RequestStatus.PENDING_REVIEW,
                to_status=RequestStatus.APPROVED,
            )
            claimed = await self._store.requests.claim_approval(request, event, year)
            if claimed is not None:
                observer().approval_claimed()
                return await self._complete(claimed, event, target)
            request = await self._read(request.id)
            check_state(TABLE[Action.APPROVE], request, expected_version)

    async def _read(self, request_id: str) -> ChangeRequest:
        request = await self._store.requests.get(SCOPE, request_id)
        if request is None:
            raise NotFound("The change request", "id")
        return request

    async def _target(self, request: ChangeRequest, fiscal_year: int) -> Target:
        """Re-check what can have changed since submission: the record of `fiscal_year` is
        there, the program is still on the Approved Program list and still has the course,
        and the student is not recorded as having left before that year began. A record that
        holds the request's credits already (a crash came after writing them) is not
        re-checked: the approval has landed, only finishing it is left."""
        reference = self._store.reference
        program = (await reference.programs([request.program_number])).get(request.program_number)
        records = await self._store.records.at_school(
            SCOPE, request.suid, request.school_entity_id, fiscal_year
        )
        record = next((r for r in records if r.program_number == request.program_number), None)
        student = (await reference.students(SCOPE, [request.suid])).get(request.suid)
        if record is not None and request.id in record.applied_request_ids:
            return Target(record, program, student)
        if program is None or not program.on_approved_list:
            raise DomainError(
                ErrorCode.PROGRAM_NOT_APPROVED,
                f"Program {request.program_number} is no longer on the Approved Program list.",
            )
        if program.course(request.course_number) is None:
            raise DomainError(
                ErrorCode.COURSE_NOT_IN_PROGRAM,
                f"Course {request.course_number} is no longer in program {request.program_number}.",
            )
        if exit_problem := exited_before(student, fiscal_year):
            raise exit_problem
        if record is None or student is None:
            raise _record_gone(fiscal_year)
        siblings = await self._store.records.of_students(SCOPE, [request.suid])
        other_years = frozenset(
            r.fiscal_year
            for r in siblings
            if r.program_number == request.program_number and r.id != record.id
        )
        return Target(record, program, student, other_years)

    async def _complete(
        self, request: ChangeRequest, event: RequestEvent, target: Target
    ) -> ChangeRequest:
        """Steps 2 and 3; safe to repeat."""
        if not target.applied(request):
            await self._apply(request, event, target)
        approved = await self._store.requests.finish_approval(request.id, event)
        if approved is None:  # finished by a concurrent recovery
            return await self._read(request.id)
        await self._events.log(approved)
        observer().approval_applied()
        return approved

    async def _apply(self, request: ChangeRequest, event: RequestEvent, target: Target) -> None:
        """Step 2: the credits into the record, at most once."""
        assert target.program is not None and target.student is not None

        def insert(current: ParticipantRecord) -> tuple[CourseCredit, ...]:
            return add_credits(
                current.courses, request.course_number, request.credits, request.id, event.at
            )

        try:
            await update_courses(
                self._store,
                target.record,
                insert,
                program=target.program,
                student=target.student,
                now=event.at,
                applying=request.id,
                other_years=target.other_years,
            )
        except NotFound:
            await self._store.requests.release_approval(request.id, event)
            raise _record_gone() from None

    async def recover(self, min_age: timedelta = timedelta(0)) -> int:
        """Finish approvals claimed at least `min_age` ago and log events a crash left
        unlogged; returns how many requests it touched."""
        moment = self._clock() - min_age
        touched = 0
        for request in await self._store.requests.claimed_before(SCOPE, moment):
            claim = request.applying
            assert claim is not None, "a claimed request holds its claim"
            try:
                target = await self._target(request, request.fiscal_year)
                await self._complete(request, claim, target)
            except DomainError:
                await self._store.requests.release_approval(request.id, claim)
            touched += 1
        for request in await self._store.requests.with_unlogged_events(SCOPE, moment):
            await self._events.log(request)
            touched += 1
        observer().approvals_recovered(touched)
        return touched


def _record_gone(fiscal_year: int | None = None) -> DomainError:
    where = f" in FY{fiscal_year}" if fiscal_year is not None else ""
    return DomainError(
        ErrorCode.NO_PARTICIPANT_RECORD,
        f"The student has no P/C record{where} at this school in this program.",
    )

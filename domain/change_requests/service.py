"""The change request service: submission, the review actions, and the queries, with the
visibility rules of domain.md. Approval's exactly-once application lives in approval.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from ..calendar import FiscalCalendar
from ..clock import Clock
from ..errors import DomainError, ErrorCode, Forbidden, NotFound
from ..evidence import EvidenceStore, UploadedFile, files_problem
from ..fiscal import fiscal_year_start
from ..lookups import Lookups
from ..models import ParticipantRecord, Program, Role, School, Student, Viewer, format_credits
from ..paging import Page, page_size
from ..repository import Store
from ..repository.requests import DuplicateIdempotencyKey, DuplicateOpenRequest, new_request_id
from .approval import Approvals
from .events import EventLog
from .model import Actor, ChangeRequest, EventKind, RejectionReason, RequestEvent, RequestStatus
from .transitions import Action, check_role, check_state
from .validation import (
    SubmissionInput,
    credits_problem,
    invalid,
    submission_problems,
    text_problem,
)

INPUT = "input"


class InputProblems(DomainError):
    """Several problems with the input at once; `problems` lists them all."""

    def __init__(self, problems: Sequence[DomainError]):
        first = problems[0]
        super().__init__(first.code, first.message, first.field)
        self.problems = list(problems)


@dataclass(frozen=True)
class RequestFilter:
    statuses: tuple[RequestStatus, ...] = ()
    school_entity_id: int | None = None
    lea_entity_id: int | None = None
    suid: str | None = None
    fiscal_year: int | None = None
    submitted_after: datetime | None = None
    submitted_before: datetime | None = None


def open_key(suid: str, school: int, program: str, course: str) -> str:
    return f"{suid}|{school}|{program}|{course}"


class ChangeRequests:
    def __init__(
        self,
        store: Store,
        lookups: Lookups,
        calendar: FiscalCalendar,
        clock: Clock,
        max_credits: Decimal,
        evidence: EvidenceStore,
    ):
        self._store = store
        self._lookups = lookups
        self._evidence = evidence
        self._calendar = calendar
        self._clock = clock
        self._max_credits = max_credits
        self.events = EventLog(store)
        self.approvals = Approvals(store, clock, self.events)

    # --- submission -----------------------------------------------------------------------

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
        problems = submission_problems(data, self._max_credits)
        if problems:
            raise InputProblems(problems)
        school, fiscal_year = await self._check_against_records(viewer, data)
        key = open_key(data.suid, data.school_entity_id, data.program_number, data.course_number)
        try:
            if await self._store.requests.open_exists(key):
                raise DuplicateOpenRequest()
            # Evidence last: files are read and stored only once everything else holds.
            async with self._evidence.holding(data.evidence) as files:
                request = self._new_request(viewer, data, school, fiscal_year, files.attachments)
                await self._store.requests.insert(
                    request, open_key=key, idempotency=idempotency, fingerprint=data.fingerprint()
                )
                await files.keep()
        except DuplicateOpenRequest:
            # A retry racing its first attempt finds that attempt's open request: return it.
            earlier = (
                await self._earlier_submission(viewer, idempotency, data) if idempotency else None
            )
            if earlier is None:
                raise _duplicate() from None
            return earlier
        except DuplicateIdempotencyKey:
            return await self._earlier_submission(viewer, idempotency, data)
        await self.events.log(request)
        return request

    async def _earlier_submission(self, viewer: Viewer, idempotency: str, data: SubmissionInput):
        found = await self._store.requests.by_idempotency(idempotency)
        if found is None:
            return None
        request, fingerprint = found
        if fingerprint != data.fingerprint():
            raise invalid("idempotencyKey", "This idempotency key was used for another submission.")
        if not may_see(viewer, request):  # the user no longer acts for the request's LEA
            raise Forbidden(
                f"School {request.school_entity_id} is not one of your LEAs' schools.",
                (INPUT, "schoolEntityId"),
            )
        return request

    async def _check_against_records(self, viewer: Viewer, data: SubmissionInput):
        """The rules that need stored data, in the order of domain.md; the first failure wins."""
        reference = self._store.reference
        school = await self._lookups.school_for(
            viewer, data.school_entity_id, (INPUT, "schoolEntityId")
        )
        fiscal_year = await self._calendar.participant_fiscal_year()
        records = await self._store.records.at_school(data.suid, school.entity_id, fiscal_year)
        if not records:
            raise DomainError(
                ErrorCode.NO_PARTICIPANT_RECORD,
                f"The student has no P/C record at this school in FY{fiscal_year}.",
                (INPUT, "suid"),
            )
        student = await reference.one(Student, data.suid)
        if student and student.exited_on and student.exited_on < fiscal_year_start(fiscal_year):
            raise DomainError(
                ErrorCode.STUDENT_EXITED,
                f"The student left secondary education on {student.exited_on}, before "
                f"FY{fiscal_year} began.",
                (INPUT, "suid"),
            )
        program = await reference.one(Program, data.program_number)
        check_program(program, records, data.program_number, data.course_number)
        if data.retired_suid and not await self._store.records.of_students([data.retired_suid]):
            raise DomainError(
                ErrorCode.RETIRED_SUID_HAS_NO_RECORD,
                "The retired SUID holds no P/C record.",
                (INPUT, "retiredSuid"),
            )
        return school, fiscal_year

    def _new_request(
        self, viewer, data: SubmissionInput, school: School, fiscal_year: int, evidence
    ):
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
            school_entity_id=school.entity_id,
            lea_entity_id=school.lea_entity_id,
            fiscal_year=fiscal_year,
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

    # --- review actions -------------------------------------------------------------------

    async def approve(self, viewer, request_id, expected_version, comment) -> ChangeRequest:
        request = await self._actionable(
            viewer,
            request_id,
            Action.APPROVE,
            expected_version,
            [text_problem("comment", comment, required=False, what="A comment")],
        )
        return await self.approvals.approve(viewer, request, expected_version, _clean(comment))

    async def reject(
        self, viewer, request_id, expected_version, reason: RejectionReason, comment: str
    ) -> ChangeRequest:
        problem = text_problem("comment", comment, required=True, what="A comment")
        request = await self._actionable(
            viewer, request_id, Action.REJECT, expected_version, [problem]
        )
        return await self._move(
            viewer,
            request,
            Action.REJECT,
            expected_version,
            comment,
            {"rejectionReason": str(reason)},
            close=True,
        )

    async def request_more_information(self, viewer, request_id, expected_version, comment):
        problem = text_problem("comment", comment, required=True, what="A comment")
        request = await self._actionable(
            viewer, request_id, Action.REQUEST_MORE_INFORMATION, expected_version, [problem]
        )
        return await self._move(
            viewer, request, Action.REQUEST_MORE_INFORMATION, expected_version, comment, {}
        )

    async def provide_information(
        self,
        viewer,
        request_id,
        expected_version,
        comment,
        credits: Decimal | None,
        justification: str | None,
        evidence: Sequence[UploadedFile] | None = None,
    ):
        problems = [
            text_problem("comment", comment, required=True, what="A comment"),
            files_problem(evidence),
        ]
        if credits is not None:
            problems.append(credits_problem(credits, self._max_credits))
        if justification is not None:
            problems.append(
                text_problem("justification", justification, required=True, what="A justification")
            )
        request = await self._actionable(
            viewer, request_id, Action.PROVIDE_INFORMATION, expected_version, problems
        )
        changes: dict[str, Any] = {}
        if credits is not None:
            changes["credits"] = format_credits(credits)
        if justification is not None:
            changes["justification"] = justification.strip()
        async with self._evidence.holding(evidence) as files:
            moved = await self._write(
                viewer,
                request,
                Action.PROVIDE_INFORMATION,
                expected_version,
                comment,
                changes,
                evidence=files.attachments,
            )
            await (
                files.keep()
            )  # the request lists the files now: they must outlive any later failure
        await self.events.log(moved)
        return moved

    async def withdraw(self, viewer, request_id, expected_version, comment):
        problem = text_problem("comment", comment, required=False, what="A comment")
        request = await self._actionable(
            viewer, request_id, Action.WITHDRAW, expected_version, [problem]
        )
        return await self._move(
            viewer, request, Action.WITHDRAW, expected_version, comment, {}, close=True
        )

    async def _actionable(self, viewer, request_id, action, expected_version, problems):
        """The request, if the viewer may see it, may take the action, gave valid input, and
        the request's status and version allow it. Raises the first refusal otherwise."""
        request = await self.get(viewer, request_id)
        if request is None:
            raise NotFound("The change request", (INPUT, "id"))
        transition = check_role(action, viewer, request)
        problems = [p for p in problems if p is not None]
        if problems:
            raise InputProblems(problems)
        check_state(transition, action, request, expected_version)
        return request

    async def _move(
        self, viewer, request, action, expected_version, comment, changes, *, close=False
    ):
        """Write one transition and log its event."""
        moved = await self._write(
            viewer, request, action, expected_version, comment, changes, close=close
        )
        await self.events.log(moved)
        return moved

    async def _write(
        self,
        viewer,
        request,
        action,
        expected_version,
        comment,
        changes,
        *,
        close=False,
        evidence=(),
    ):
        """Write one transition. If someone changed the request first, re-check against what
        they wrote: the refusal then says why, or (without an expected version) we retry."""
        transition = check_role(action, viewer, request)
        changes = {**changes, "status": str(transition.target)}
        sources = [str(s) for s in transition.sources]
        while True:
            event = RequestEvent(
                id=f"{request.id}:{request.version + 1}",
                kind=transition.event,
                at=self._clock(),
                actor=Actor.of(viewer),
                comment=_clean(comment),
                from_status=request.status,
                to_status=transition.target,
            )
            moved = await self._store.requests.transition(
                request, sources, changes, event, close=close, evidence=evidence
            )
            if moved is not None:
                return moved
            request = await self._store.requests.get(request.id)
            check_state(transition, action, request, expected_version)

    # --- queries --------------------------------------------------------------------------

    async def get(self, viewer: Viewer, request_id: str) -> ChangeRequest | None:
        """The request, or None when it does not exist or the viewer may not see it."""
        request = await self._store.requests.get(request_id)
        return request if request is not None and may_see(viewer, request) else None

    async def page(
        self, viewer: Viewer, filters: RequestFilter, first: int, after: tuple[datetime, str] | None
    ) -> Page:
        query = await self._query(viewer, filters)
        limit = page_size(first)
        items = await self._store.requests.page(query, after, limit + 1)
        return Page(items[:limit], len(items) > limit, await self._store.requests.count(query))

    async def _query(self, viewer: Viewer, filters: RequestFilter) -> dict[str, Any]:
        query: dict[str, Any] = {}
        if filters.statuses:
            query["status"] = {"$in": [str(s) for s in filters.statuses]}
        for field, value in (
            ("schoolEntityId", filters.school_entity_id),
            ("leaEntityId", filters.lea_entity_id),
            ("suid", filters.suid),
            ("fiscalYear", filters.fiscal_year),
        ):
            if value is not None:
                query[field] = value
        window = {}
        if filters.submitted_after is not None:
            window["$gt"] = filters.submitted_after
        if filters.submitted_before is not None:
            window["$lt"] = filters.submitted_before
        if window:
            query["submittedAt"] = window
        if not viewer.is_staff:
            await self.restrict_to_leas(viewer, filters)
            query.setdefault("leaEntityId", {"$in": sorted(viewer.lea_ids)})
        return query

    async def restrict_to_leas(self, viewer: Viewer, filters: RequestFilter) -> None:
        """LEA users asking about another LEA or its school are refused."""
        if filters.lea_entity_id is not None and filters.lea_entity_id not in viewer.lea_ids:
            raise Forbidden(f"LEA {filters.lea_entity_id} is not one of your LEAs.")
        if filters.school_entity_id is not None:
            await self._lookups.school_for(viewer, filters.school_entity_id)


def may_see(viewer: Viewer, request: ChangeRequest) -> bool:
    return viewer.is_staff or request.lea_entity_id in viewer.lea_ids


def check_program(
    program: Program | None,
    records: list[ParticipantRecord],
    program_number: str,
    course_number: str,
) -> None:
    """The program is approved and on one of the records; the course belongs to it."""
    if program is None:
        raise DomainError(
            ErrorCode.PROGRAM_NOT_APPROVED,
            f"Program {program_number} is not on the Approved Program list.",
            (INPUT, "programNumber"),
        )
    if all(r.program_number != program_number for r in records):
        raise DomainError(
            ErrorCode.PROGRAM_NOT_ON_RECORD,
            f"None of the student's records at this school is for program {program_number}.",
            (INPUT, "programNumber"),
        )
    if program.course(course_number) is None:
        raise DomainError(
            ErrorCode.COURSE_NOT_IN_PROGRAM,
            f"Course {course_number} is not in program {program_number}.",
            (INPUT, "courseNumber"),
        )


def _duplicate() -> DomainError:
    return DomainError(
        ErrorCode.DUPLICATE_REQUEST,
        "An open request for the same student, school, program and course exists.",
        (INPUT, "courseNumber"),
    )


def _clean(comment: str | None) -> str | None:
    return comment.strip() or None if comment else None

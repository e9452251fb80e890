"""The review actions of domain.md's transition table, through one path: the table says who
may act, from which status, to which, and whether a comment is required."""

from __future__ import annotations

from decimal import Decimal

from ..access import scope_of
from ..clock import Clock
from ..errors import InputProblems, NotFound
from ..evidence.files import EvidenceStore
from ..models import Viewer
from ..repository import Store
from .approval import Approvals
from .events import EventLog
from .model import Actor, Attachment, ChangeRequest, RequestChanges, RequestEvent
from .queries import RequestQueries
from .transitions import Action, Transition, check_role, check_state
from .validation import ReviewInput, clean_text, review_problems


class Reviews:
    def __init__(
        self,
        store: Store,
        queries: RequestQueries,
        clock: Clock,
        max_credits: Decimal,
        evidence: EvidenceStore,
        events: EventLog,
        approvals: Approvals,
    ):
        self._store = store
        self._queries = queries
        self._clock = clock
        self._max_credits = max_credits
        self._evidence = evidence
        self._events = events
        self._approvals = approvals

    async def act(self, viewer: Viewer, data: ReviewInput) -> ChangeRequest:
        """Take the action if the viewer may see the request and act on it, the input is
        valid and the request's status and version allow it; raise the first refusal in
        that order otherwise. Approval goes through `Approvals` (exactly once)."""
        request = await self._queries.get(viewer, data.request_id)
        if request is None:
            raise NotFound("The change request", "id")
        transition = check_role(data.action, viewer, request)
        problems = review_problems(transition, data, self._max_credits, self._evidence.limits)
        if problems:
            raise InputProblems(problems)
        check_state(transition, request, data.expected_version)
        if data.action is Action.APPROVE:
            comment = clean_text(data.comment)
            return await self._approvals.approve(viewer, request, data.expected_version, comment)
        async with self._evidence.holding(data.evidence) as files:
            moved = await self._write(viewer, request, transition, data, files.attachments)
            await files.keep()  # the request lists the files now: they must outlive any failure
        await self._events.log(moved)
        return moved

    async def _write(
        self,
        viewer: Viewer,
        request: ChangeRequest,
        transition: Transition,
        data: ReviewInput,
        evidence: tuple[Attachment, ...],
    ) -> ChangeRequest:
        """Write one transition. If someone changed the request first, re-check against what
        they wrote: the refusal then says why, or (without an expected version) we retry."""
        changes = RequestChanges(
            status=transition.target,
            rejection_reason=data.rejection_reason,
            credits=data.credits,
            justification=clean_text(data.justification),
        )
        while True:
            event = RequestEvent(
                id=f"{request.id}:{request.version + 1}",
                kind=transition.event,
                at=self._clock(),
                actor=Actor.of(viewer),
                comment=clean_text(data.comment),
                from_status=request.status,
                to_status=transition.target,
                changed=changed_fields(request, changes),
            )
            moved = await self._store.requests.transition(
                request,
                transition.sources,
                changes,
                event,
                close=transition.closes,
                evidence=evidence,
            )
            if moved is not None:
                return moved
            fresh = await self._store.requests.get(scope_of(viewer), request.id)
            if fresh is None:
                raise NotFound("The change request", "id")
            request = fresh
            check_state(transition, request, data.expected_version)


def changed_fields(request: ChangeRequest, changes: RequestChanges) -> tuple[str, ...]:
    """Which of the request's credits and justification `changes` gives new values."""
    changed = []
    if changes.credits is not None and changes.credits != request.credits:
        changed.append("credits")
    if changes.justification is not None and changes.justification != request.justification:
        changed.append("justification")
    return tuple(changed)

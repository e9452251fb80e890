"""The transition table of domain.md: who may do what from which status, and which comment
each action needs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..access import scope_of
from ..errors import DomainError, ErrorCode, Forbidden
from ..models import Role, Viewer
from .model import ChangeRequest, EventKind, RequestStatus

STAFF = frozenset({Role.REVIEWER, Role.ADMIN})
LEA = frozenset({Role.LEA_USER})
PENDING = RequestStatus.PENDING_REVIEW
MORE_INFO = RequestStatus.MORE_INFORMATION_REQUESTED


class Action(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_MORE_INFORMATION = "request more information"
    PROVIDE_INFORMATION = "provide information"
    WITHDRAW = "withdraw"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[RequestStatus]
    target: RequestStatus
    event: EventKind
    roles: frozenset[Role]
    comment_required: bool
    # Done in the past tense, for refusals: "A request that is APPROVED cannot be rejected."
    done: str

    @property
    def closes(self) -> bool:
        """The request is no longer open afterwards (another one may then be submitted)."""
        return self.target not in (PENDING, MORE_INFO)


TABLE: dict[Action, Transition] = {
    Action.APPROVE: Transition(
        frozenset({PENDING}), RequestStatus.APPROVED, EventKind.APPROVED, STAFF, False, "approved"
    ),
    Action.REJECT: Transition(
        frozenset({PENDING, MORE_INFO}),
        RequestStatus.REJECTED,
        EventKind.REJECTED,
        STAFF,
        True,
        "rejected",
    ),
    Action.REQUEST_MORE_INFORMATION: Transition(
        frozenset({PENDING}),
        MORE_INFO,
        EventKind.MORE_INFORMATION_REQUESTED,
        STAFF,
        True,
        "sent back for more information",
    ),
    Action.PROVIDE_INFORMATION: Transition(
        frozenset({MORE_INFO}),
        PENDING,
        EventKind.INFORMATION_PROVIDED,
        LEA,
        True,
        "given more information",
    ),
    Action.WITHDRAW: Transition(
        frozenset({PENDING, MORE_INFO}),
        RequestStatus.WITHDRAWN,
        EventKind.WITHDRAWN,
        LEA,
        False,
        "withdrawn",
    ),
}


def check_role(action: Action, viewer: Viewer, request: ChangeRequest) -> Transition:
    """The transition if the viewer's role may take the action (LEA users only on requests
    within their scope, which the caller has read them within already)."""
    transition = TABLE[action]
    if viewer.role not in transition.roles:
        raise Forbidden(f"A {viewer.role} may not {action} a change request.")
    if viewer.role is Role.LEA_USER and not scope_of(viewer).covers(request.lea_entity_id):
        raise Forbidden(f"Only users of the request's LEA may {action} it.")
    return transition


def check_state(
    transition: Transition, request: ChangeRequest, expected_version: int | None
) -> None:
    """The request's status must allow the action (an approval in progress allows nothing),
    then a given expected version must match."""
    if request.status not in transition.sources or request.applying is not None:
        shown = "being approved" if request.applying is not None else str(request.status)
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"A request that is {shown} cannot be {transition.done}.",
        )
    if expected_version is not None and expected_version != request.version:
        raise DomainError(
            ErrorCode.STALE_VERSION,
            f"The request is at version {request.version}, not {expected_version}: "
            "someone changed it first. Reload it and try again.",
            "expected_version",
        )

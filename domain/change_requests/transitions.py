"""The transition table of domain.md: who may do what from which status."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

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


TABLE: dict[Action, Transition] = {
    Action.APPROVE: Transition(
        frozenset({PENDING}), RequestStatus.APPROVED, EventKind.APPROVED, STAFF
    ),
    Action.REJECT: Transition(
        frozenset({PENDING, MORE_INFO}), RequestStatus.REJECTED, EventKind.REJECTED, STAFF
    ),
    Action.REQUEST_MORE_INFORMATION: Transition(
        frozenset({PENDING}), MORE_INFO, EventKind.MORE_INFORMATION_REQUESTED, STAFF
    ),
    Action.PROVIDE_INFORMATION: Transition(
        frozenset({MORE_INFO}), PENDING, EventKind.INFORMATION_PROVIDED, LEA
    ),
    Action.WITHDRAW: Transition(
        frozenset({PENDING, MORE_INFO}), RequestStatus.WITHDRAWN, EventKind.WITHDRAWN, LEA
    ),
}


def check_role(action: Action, viewer: Viewer, request: ChangeRequest) -> Transition:
    """The transition if the viewer's role may take the action (LEA users only on their
    LEAs' requests, which the caller has already made sure they can see)."""
    transition = TABLE[action]
    if viewer.role not in transition.roles:
        raise Forbidden(f"A {viewer.role} may not {action} a change request.")
    if viewer.role is Role.LEA_USER and request.lea_entity_id not in viewer.lea_ids:
        raise Forbidden(f"Only users of the request's LEA may {action} it.")
    return transition


def check_state(
    transition: Transition, action: Action, request: ChangeRequest, expected_version: int | None
) -> None:
    """The request's status must allow the action (an approval in progress allows nothing),
    then a given expected version must match."""
    if request.status not in transition.sources or request.applying is not None:
        shown = "being approved" if request.applying is not None else str(request.status)
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"A request that is {shown} cannot be {_past(action)}.",
        )
    if expected_version is not None and expected_version != request.version:
        raise DomainError(
            ErrorCode.STALE_VERSION,
            f"The request is at version {request.version}, not {expected_version}: "
            "someone changed it first. Reload it and try again.",
            ("input", "expectedVersion"),
        )


def _past(action: Action) -> str:
    return {
        Action.APPROVE: "approved",
        Action.REJECT: "rejected",
        Action.REQUEST_MORE_INFORMATION: "sent back for more information",
        Action.PROVIDE_INFORMATION: "given more information",
        Action.WITHDRAW: "withdrawn",
    }[action]

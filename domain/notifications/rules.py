"""Who gets what: the notification kinds, which of them a user may turn off, and the
recipients of each logged event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..change_requests.model import EventKind
from ..events.logged import Delivery


class NotificationKind(StrEnum):
    MORE_INFORMATION_REQUESTED = "MORE_INFORMATION_REQUESTED"
    INFORMATION_PROVIDED = "INFORMATION_PROVIDED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    DAILY_DIGEST = "DAILY_DIGEST"


# What a user may turn off for themselves; every other kind is required (someone must act).
OPTIONAL = frozenset({NotificationKind.APPROVED, NotificationKind.DAILY_DIGEST})

# Events that notify the request's submitter.
TO_SUBMITTER = {
    EventKind.MORE_INFORMATION_REQUESTED: NotificationKind.MORE_INFORMATION_REQUESTED,
    EventKind.APPROVED: NotificationKind.APPROVED,
    EventKind.REJECTED: NotificationKind.REJECTED,
}


@dataclass(frozen=True)
class Addressed:
    """One notification of one event to one address."""

    kind: NotificationKind
    address: str


def normal_address(address: str) -> str:
    """Addresses compare without case or surrounding blanks (one claim, one preference)."""
    return address.strip().lower()


def recipients(delivery: Delivery, reviewers: Sequence[str]) -> list[Addressed]:
    """The notifications `delivery` calls for, before anyone's preferences: the submitter on
    a review decision or question, the reviewers when the LEA answered."""
    kind = delivery.event.kind
    if kind is EventKind.INFORMATION_PROVIDED:
        addresses = reviewer_addresses(reviewers)
        return [Addressed(NotificationKind.INFORMATION_PROVIDED, a) for a in addresses]
    email = delivery.request.submitter_email
    if kind in TO_SUBMITTER and email and email.strip():
        return [Addressed(TO_SUBMITTER[kind], normal_address(email))]
    return []


def reviewer_addresses(reviewers: Sequence[str]) -> list[str]:
    """The configured reviewer addresses, normalized, each once."""
    return sorted({normal_address(a) for a in reviewers if a.strip()})

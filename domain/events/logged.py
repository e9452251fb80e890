"""What the event log holds, as the domain reads it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..change_requests.model import ChangeRequest, RequestEvent


@dataclass(frozen=True)
class LoggedEvent:
    seq: int
    request_id: str
    event: RequestEvent


@dataclass(frozen=True)
class EventPage:
    """Events read from the log in `seq` order. `seqs` holds every seq read, unreadable
    entries and calendar changes included (they are logged and skipped, never retried), so
    that a reader's position moves past them. `calendar_seqs`: the entries saying that the
    fiscal calendar changed (no request's event: only the feed heeds them)."""

    events: list[LoggedEvent]
    seqs: list[int]
    calendar_seqs: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Delivery:
    """An event with its request as it is now: what a subscriber receives."""

    seq: int
    event: RequestEvent
    request: ChangeRequest

    @property
    def id(self) -> str:
        return self.event.id

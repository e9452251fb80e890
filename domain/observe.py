"""Hooks through which the domain reports what it did, for whoever watches (the server's
metrics), without knowing who that is: the domain imports no metrics library.

`observer()` is the process's observer; the default one ignores everything. The server
installs its own with `install`. Counts of database round trips are kept per operation in
a context variable: whoever runs an operation calls `count_round_trips()` first, and every
repository call made in that context (and in tasks it starts) adds to that count.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


class Observer:
    """What the domain reports. Every method does nothing here; override those you watch."""

    def approval_claimed(self) -> None:
        """An approval claimed its pending request (step 1 of approval.py)."""

    def approval_applied(self) -> None:
        """An approval's credits are in the record and the request is APPROVED."""

    def approvals_recovered(self, count: int) -> None:
        """A recovery pass finished `count` approvals or event log writes a crash had left."""

    def evidence_stored(self, size: int) -> None:
        """An evidence file of `size` bytes was stored."""


_observer = Observer()


def observer() -> Observer:
    return _observer


def install(chosen: Observer) -> None:
    """Make `chosen` the process's observer (the server's metrics)."""
    global _observer
    _observer = chosen


@dataclass
class TripCount:
    count: int = 0


_trips: ContextVar[TripCount | None] = ContextVar("ctecr_round_trips", default=None)


def count_round_trips() -> TripCount:
    """Start counting the round trips of the operation running in this context."""
    counter = TripCount()
    _trips.set(counter)
    return counter


def round_trip() -> None:
    """One database call, added to the current operation's count if one is counted."""
    counter = _trips.get()
    if counter is not None:
        counter.count += 1

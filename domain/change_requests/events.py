"""Writing transitions to the event log, once each.

A transition marks its request `eventLogPending` in the same write; the events the log lacks
(from `eventsLogged` on) are then appended (idempotent by event id), `eventsLogged` moves
forward and the mark is cleared. A crash in between leaves the mark and an `eventsLogged`
behind the history; recovery, or the request's next transition, appends what is missing: the
log gets each event once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..repository import Store
from .model import ChangeRequest

log = logging.getLogger("ctecr.events")


class EventLog:
    """`on_logged` is called, without waiting, once a call has appended a new event: this
    process's event feed then polls at once rather than at its next interval. It must not
    raise (EventFeed.wake does not)."""

    def __init__(self, store: Store, on_logged: Callable[[], None] = lambda: None):
        self._store = store
        self._on_logged = on_logged

    async def log(self, request: ChangeRequest) -> None:
        """Log every event of the request that is not in the log yet (normally the latest
        one; more after a crash between an earlier transition and its logging), then record
        how far the log goes and clear the pending mark."""
        try:
            pending = request.history[request.events_logged :]
            if any([await self._store.events.append(event, request) for event in pending]):
                self._on_logged()
            await self._store.requests.mark_events_logged(request)
        except Exception:  # the transition is written: its pending mark brings recovery here
            log.exception("event log write failed; recovery will append the missing events")

"""Writing transitions to the event log, once each.

A transition marks its request `eventLogPending` in the same write; the event is then
appended to the log (idempotent by event id) and the mark cleared. A crash in between leaves
the mark, and recovery appends the request's events again: the log gets each event once.
"""

from __future__ import annotations

from typing import Any

from ..repository import Store
from .model import ChangeRequest, RequestEvent


def log_document(event: RequestEvent, request: ChangeRequest) -> dict[str, Any]:
    return {
        "_id": event.id,
        "changeRequestId": request.id,
        "schoolEntityId": request.school_entity_id,
        "leaEntityId": request.lea_entity_id,
        "kind": str(event.kind),
        "at": event.at,
        "actor": event.actor.model_dump(by_alias=True),
        "comment": event.comment,
        "fromStatus": str(event.from_status) if event.from_status else None,
        "toStatus": str(event.to_status),
    }


class EventLog:
    def __init__(self, store: Store):
        self._store = store

    async def log(self, request: ChangeRequest) -> None:
        """Log the request's latest event, then clear its pending mark."""
        await self._store.events.append(log_document(request.history[-1], request))
        await self._store.requests.mark_events_logged(request)

    async def log_all(self, request: ChangeRequest) -> None:
        """Recovery: log every event of the request (those logged already are skipped)."""
        for event in request.history:
            await self._store.events.append(log_document(event, request))
        await self._store.requests.mark_events_logged(request)

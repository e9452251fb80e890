"""The event log: every change request transition, once, in a total order.

Each event's `_id` is "<request id>:<request version after the action>", so that writing it
again (a retry, a recovery) is a no-op. `seq` orders the log: it comes from a counter, so it
is unique and increasing in allocation order. Two writers can commit out of allocation order
for a moment, and a writer that dies after allocating leaves a gap; readers that follow the
log (subscriptions) allow for both. Each entry carries its request's school and LEA, so that
a scope applies to the log directly.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from pymongo import ASCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from ..access import Scope
from ..change_requests.model import ChangeRequest, RequestEvent
from ..events.logged import EventPage, LoggedEvent
from .documents import Database, from_document
from .round_trips import RoundTrips
from .scoping import scoped

COUNTER_ID = "events"
CALENDAR_CHANGED = "CALENDAR_CHANGED"
log = logging.getLogger("ctecr.events")


class EventRepository:
    def __init__(self, db: Database, round_trips: RoundTrips):
        self._events = db.events
        self._counters = db.counters
        self._trips = round_trips

    async def append(self, event: RequestEvent, request: ChangeRequest) -> bool:
        """Log `event` of `request` unless it is logged already; True if new."""
        self._trips.tick()
        if await self._events.find_one({"_id": event.id}, {"_id": 1}) is not None:
            return False
        return await self._insert(_document(event, request))

    async def append_calendar_change(self, fiscal_year: int, at: datetime) -> None:
        """Log that `fiscal_year`'s dates were set. Each call is an entry of its own: a
        repeated one only makes the other processes read the calendar once more."""
        document = {
            "_id": f"calendar:{uuid.uuid4().hex}",
            "kind": CALENDAR_CHANGED,
            "fiscalYear": fiscal_year,
            "at": at,
        }
        await self._insert(document)

    async def _insert(self, document: dict[str, Any]) -> bool:
        """Insert `document` with the next `seq`; False when its `_id` is logged already."""
        while True:
            seq = await self._next_seq()
            self._trips.tick()
            try:
                await self._events.insert_one({**document, "seq": seq})
                return True
            except DuplicateKeyError as error:
                if "seq" not in ((error.details or {}).get("keyPattern") or {}):
                    return False  # the same event, logged meanwhile by a retry or recovery
                # The counter is behind the log (say, restored from an older backup).
                await self._catch_up_counter()

    async def _next_seq(self) -> int:
        self._trips.tick()
        counter = await self._counters.find_one_and_update(
            {"_id": COUNTER_ID},
            {"$inc": {"seq": 1}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        return int(counter["seq"])

    async def _catch_up_counter(self) -> None:
        self._trips.tick()
        await self._counters.update_one(
            {"_id": COUNTER_ID}, {"$max": {"seq": await self.last_seq()}}, upsert=True
        )

    async def after(self, scope: Scope, seq: int, limit: int = 500) -> EventPage:
        """Logged events with a larger `seq`, oldest first."""
        self._trips.tick()
        query = scoped(scope, {"seq": {"$gt": seq}})
        cursor = self._events.find(query).sort("seq", ASCENDING).limit(limit)
        documents = [doc async for doc in cursor]
        calendar = [d["seq"] for d in documents if d.get("kind") == CALENDAR_CHANGED]
        requests = [d for d in documents if d.get("kind") != CALENDAR_CHANGED]
        return EventPage(_parse(requests), [d["seq"] for d in documents], calendar)

    async def get(self, scope: Scope, event_id: str) -> LoggedEvent | None:
        self._trips.tick()
        query = scoped(scope, {"_id": event_id, "kind": {"$ne": CALENDAR_CHANGED}})
        document = await self._events.find_one(query)
        found = _parse([document]) if document else []
        return found[0] if found else None

    async def inserts(self) -> AsyncIterator[None]:
        """Yield once per event inserted, through a change stream. Raises where the deployment
        has none (a standalone server, the embedded store): callers then poll instead."""
        pipeline = [{"$match": {"operationType": "insert"}}]
        async with self._events.watch(pipeline) as stream:
            async for _change in stream:
                yield

    async def last_seq(self) -> int:
        self._trips.tick()
        cursor = self._events.find({}, {"seq": 1}).sort("seq", -1).limit(1)
        last = [doc async for doc in cursor]
        return int(last[0]["seq"]) if last else 0


def _document(event: RequestEvent, request: ChangeRequest) -> dict[str, Any]:
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


def _parse(documents: list[dict[str, Any]]) -> list[LoggedEvent]:
    """The events of `documents`; a malformed one is logged and skipped."""
    parsed = []
    for document in documents:
        try:
            fields = {k: v for k, v in document.items() if k != "_id"}
            event = from_document(RequestEvent, {**fields, "id": document["_id"]})
            parsed.append(LoggedEvent(document["seq"], document["changeRequestId"], event))
        except (KeyError, ValidationError):
            log.exception("skipping malformed event log entry %r", document.get("_id"))
    return parsed

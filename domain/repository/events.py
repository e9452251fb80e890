"""The event log: every change request transition, once, in a total order.

Each event's `_id` is "<request id>:<request version after the action>", so that writing it
again (a retry, a recovery) is a no-op. `seq` orders the log: it comes from a counter, so it
is unique and increasing in allocation order. Two writers can commit out of allocation order
for a moment, and a writer that dies after allocating leaves a gap; readers that follow the
log (subscriptions) allow for both.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from pymongo import ASCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

if TYPE_CHECKING:
    from .store import RoundTrips

COUNTER_ID = "events"


class EventRepository:
    def __init__(self, db, round_trips: RoundTrips):
        self._events = db.events
        self._counters = db.counters
        self._trips = round_trips

    async def append(self, event: dict[str, Any]) -> bool:
        """Log `event` (a document with its `_id`) unless it is logged already; True if new."""
        self._trips.tick()
        if await self._events.find_one({"_id": event["_id"]}, {"_id": 1}) is not None:
            return False
        while True:
            seq = await self._next_seq()
            self._trips.tick()
            try:
                await self._events.insert_one({**event, "seq": seq})
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
        return counter["seq"]

    async def _catch_up_counter(self) -> None:
        self._trips.tick()
        await self._counters.update_one(
            {"_id": COUNTER_ID}, {"$max": {"seq": await self.last_seq()}}, upsert=True
        )

    async def after(self, seq: int, limit: int = 500) -> list[dict[str, Any]]:
        """Logged events with a larger `seq`, oldest first."""
        self._trips.tick()
        cursor = self._events.find({"seq": {"$gt": seq}}).sort("seq", ASCENDING).limit(limit)
        return [doc async for doc in cursor]

    async def get(self, event_id: str) -> dict[str, Any] | None:
        self._trips.tick()
        return await self._events.find_one({"_id": event_id})

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
        return last[0]["seq"] if last else 0

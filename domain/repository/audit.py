"""The access log's storage: one document per access, read newest first by keyset."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bson import ObjectId
from pymongo import ASCENDING, DESCENDING

from .documents import Database, Index
from .round_trips import RoundTrips

INDEXES: dict[str, list[Index]] = {
    "access_log": [
        ([("at", DESCENDING), ("_id", DESCENDING)], {}),
        ([("suid", ASCENDING), ("at", DESCENDING), ("_id", DESCENDING)], {}),
    ]
}


class AuditRepository:
    def __init__(self, db: Database, round_trips: RoundTrips):
        self._log = db.access_log
        self._trips = round_trips

    async def insert(self, entry: dict[str, Any]) -> None:
        self._trips.tick()
        await self._log.insert_one({k: v for k, v in entry.items() if v is not None})

    async def page(
        self,
        *,
        suid: str | None,
        actor_id: str | None,
        kinds: list[str],
        after: datetime | None,
        before: datetime | None,
        cursor: tuple[datetime, str] | None,
        limit: int,
    ) -> list[dict[str, Any]]:
        """Up to `limit` entries matching, newest first, after the keyset `cursor`."""
        conditions: list[dict[str, Any]] = []
        if suid is not None:
            conditions.append({"suid": suid})
        if actor_id is not None:
            conditions.append({"actorId": actor_id})
        if kinds:
            conditions.append({"kind": {"$in": kinds}})
        if after is not None:
            conditions.append({"at": {"$gt": after}})
        if before is not None:
            conditions.append({"at": {"$lt": before}})
        if cursor is not None:
            at, entry_id = cursor
            conditions.append(
                {"$or": [{"at": {"$lt": at}}, {"at": at, "_id": {"$lt": ObjectId(entry_id)}}]}
            )
        query = {"$and": conditions} if conditions else {}
        self._trips.tick()
        found = self._log.find(query).sort([("at", DESCENDING), ("_id", DESCENDING)]).limit(limit)
        return [document async for document in found]

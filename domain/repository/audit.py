"""The access log's storage: one document per access, read newest first by keyset."""

from __future__ import annotations

from typing import Any

from bson import ObjectId
from pymongo import ASCENDING, DESCENDING

from ..audit_entries import AccessEntry, AccessFilter, AccessKind
from ..models import Role
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

    @staticmethod
    def new_id() -> str:
        return str(ObjectId())

    async def insert(self, entry: AccessEntry) -> None:
        self._trips.tick()
        await self._log.insert_one(_document(entry))

    async def page(self, filters: AccessFilter, limit: int) -> list[AccessEntry]:
        """Up to `limit` entries matching, newest first, after the keyset `filters.cursor`.
        The log is read by admins only (see audit.py): it takes no scope."""
        conditions: list[dict[str, Any]] = []
        if filters.suid is not None:
            conditions.append({"suid": filters.suid})
        if filters.actor_id is not None:
            conditions.append({"actorId": filters.actor_id})
        if filters.kinds:
            conditions.append({"kind": {"$in": [str(k) for k in filters.kinds]}})
        if filters.after is not None:
            conditions.append({"at": {"$gt": filters.after}})
        if filters.before is not None:
            conditions.append({"at": {"$lt": filters.before}})
        if filters.cursor is not None:
            at, entry_id = filters.cursor
            conditions.append(
                {"$or": [{"at": {"$lt": at}}, {"at": at, "_id": {"$lt": ObjectId(entry_id)}}]}
            )
        query = {"$and": conditions} if conditions else {}
        self._trips.tick()
        found = self._log.find(query).sort([("at", DESCENDING), ("_id", DESCENDING)]).limit(limit)
        return [_entry(document) async for document in found]


def _document(entry: AccessEntry) -> dict[str, Any]:
    document = {
        "_id": ObjectId(entry.id),
        "at": entry.at,
        "actorId": entry.actor_id,
        "actorName": entry.actor_name,
        "actorRole": str(entry.actor_role),
        "kind": str(entry.kind),
        "suid": entry.suid,
        "schoolEntityId": entry.school_entity_id,
        "changeRequestId": entry.change_request_id,
        "attachmentId": entry.attachment_id,
    }
    return {k: v for k, v in document.items() if v is not None}


def _entry(document: dict[str, Any]) -> AccessEntry:
    return AccessEntry(
        id=str(document["_id"]),
        at=document["at"],
        actor_id=document["actorId"],
        actor_name=document["actorName"],
        actor_role=Role(document["actorRole"]),
        kind=AccessKind(document["kind"]),
        suid=document.get("suid"),
        school_entity_id=document.get("schoolEntityId"),
        change_request_id=document.get("changeRequestId"),
        attachment_id=document.get("attachmentId"),
    )

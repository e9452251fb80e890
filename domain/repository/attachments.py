"""Evidence files: metadata in `attachments`, content in `attachment_chunks`.

Each file is split into chunk documents of at most CHUNK_BYTES (as GridFS does, but in plain
collections: motor's GridFS bucket does not run on mongomock-motor). Files are written and read
one chunk at a time, so memory does not grow with file size.

A file belongs to the change request whose `evidence` lists its id; that embedded list is the
only link, written in the same single-document write as the request itself. A stored file no
request lists is an orphan (its request write failed or never happened): it cannot be
downloaded, and `unreferenced` finds it for clean-up.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bson import Binary, ObjectId
from pymongo import ASCENDING

from .documents import object_id

if TYPE_CHECKING:
    from .store import RoundTrips

# Below the 256 KiB GridFS default, leaving room for the document's other fields.
CHUNK_BYTES = 255 * 1024
# Chunks fetched per round trip when reading: bounds the memory of a download.
READ_BATCH = 4
REQUESTS_COLLECTION = "change_requests"
# The field of a change request document that lists its attachments' ids.
EVIDENCE_ID_FIELD = "evidence.id"

INDEXES = {
    "attachments": [([("uploadedAt", ASCENDING)], {})],
    "attachment_chunks": [([("attachmentId", ASCENDING), ("n", ASCENDING)], {"unique": True})],
}


class AttachmentRepository:
    def __init__(self, db, round_trips: "RoundTrips"):
        self._files = db.attachments
        self._chunks = db.attachment_chunks
        self._requests = db[REQUESTS_COLLECTION]
        self._trips = round_trips

    @staticmethod
    def new_id() -> str:
        return str(ObjectId())

    async def begin(self, attachment_id: str, metadata: dict[str, Any]) -> None:
        """Record a file about to be written, so that a crash mid-write leaves a trace that
        `unreferenced` can find."""
        self._trips.tick()
        await self._files.insert_one({"_id": ObjectId(attachment_id), **metadata})

    async def write_chunk(self, attachment_id: str, n: int, data: bytes) -> None:
        self._trips.tick()
        await self._chunks.insert_one(
            {"attachmentId": ObjectId(attachment_id), "n": n, "data": Binary(data)}
        )

    async def finish(self, attachment_id: str, *, size: int, sha256: str) -> None:
        self._trips.tick()
        await self._files.update_one(
            {"_id": ObjectId(attachment_id)}, {"$set": {"size": size, "sha256": sha256}}
        )

    async def delete(self, ids: Iterable[str]) -> None:
        """Remove the files and their chunks; unknown ids are ignored."""
        wanted = [oid for oid in map(object_id, ids) if oid is not None]
        if not wanted:
            return
        self._trips.tick()
        await self._chunks.delete_many({"attachmentId": {"$in": wanted}})
        self._trips.tick()
        await self._files.delete_many({"_id": {"$in": wanted}})

    async def owner(self, attachment_id: str) -> str | None:
        """The id of the change request listing the attachment, or None when none does."""
        self._trips.tick()
        found = await self._requests.find_one({EVIDENCE_ID_FIELD: attachment_id}, {"_id": 1})
        return str(found["_id"]) if found else None

    async def chunks(self, attachment_id: str) -> AsyncIterator[bytes]:
        """The file's content, chunk by chunk, in order."""
        oid = object_id(attachment_id)
        if oid is None:
            return
        self._trips.tick()
        cursor = (
            self._chunks.find({"attachmentId": oid}, {"data": 1, "_id": 0})
            .sort("n", ASCENDING)
            .batch_size(READ_BATCH)
        )
        async for chunk in cursor:
            yield bytes(chunk["data"])

    async def unreferenced(self, uploaded_before: datetime) -> list[str]:
        """Ids of files begun before the cutoff that no change request lists."""
        self._trips.tick()
        cursor = self._files.find({"uploadedAt": {"$lt": uploaded_before}}, {"_id": 1})
        candidates = [str(doc["_id"]) async for doc in cursor]
        if not candidates:
            return []
        self._trips.tick()
        cursor = self._requests.find(
            {EVIDENCE_ID_FIELD: {"$in": candidates}}, {"evidence.id": 1}
        )
        listed = {a["id"] async for doc in cursor for a in doc.get("evidence", [])}
        return [c for c in candidates if c not in listed]

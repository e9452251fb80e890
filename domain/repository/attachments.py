"""Evidence files: metadata in `attachments`, content in `attachment_chunks`.

Each file is split into chunk documents of at most CHUNK_BYTES (as GridFS does, but in plain
collections: motor's GridFS bucket does not run on mongomock-motor). Files are written and read
one chunk at a time, so memory does not grow with file size.

A file belongs to the change request whose `evidence` lists its id; that embedded list is the
only link, written in the same single-document write as the request itself. A stored file no
request lists is an orphan (its request write failed or never happened): it cannot be
downloaded, and `pending_before` finds it for clean-up.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import datetime

from bson import Binary, ObjectId
from pymongo import ASCENDING

from ..change_requests.model import Attachment
from .documents import Database, Index, object_id
from .round_trips import RoundTrips

# Below the 256 KiB GridFS default, leaving room for the document's other fields.
CHUNK_BYTES = 255 * 1024
# Chunks fetched per round trip when reading: bounds the memory of a download.
READ_BATCH = 4
INDEXES: dict[str, list[Index]] = {
    "attachments": [
        (
            [("uploadedAt", ASCENDING)],
            {"partialFilterExpression": {"pending": True}, "name": "pending_uploadedAt"},
        )
    ],
    "attachment_chunks": [([("attachmentId", ASCENDING), ("n", ASCENDING)], {"unique": True})],
}


class AttachmentRepository:
    def __init__(self, db: Database, round_trips: RoundTrips):
        self._files = db.attachments
        self._chunks = db.attachment_chunks
        self._trips = round_trips

    @staticmethod
    def new_id() -> str:
        return str(ObjectId())

    async def begin(
        self, attachment_id: str, *, filename: str, content_type: str, uploaded_at: datetime
    ) -> None:
        """Record a file about to be written, marked pending until a request lists it, so
        that a crash anywhere before leaves a trace that `pending_before` finds."""
        self._trips.tick()
        await self._files.insert_one(
            {
                "_id": ObjectId(attachment_id),
                "filename": filename,
                "contentType": content_type,
                "uploadedAt": uploaded_at,
                "pending": True,
            }
        )

    async def settle(self, ids: Iterable[str]) -> None:
        """A request lists these files now: they are no longer pending."""
        wanted = [oid for oid in map(object_id, ids) if oid is not None]
        if wanted:
            self._trips.tick()
            await self._files.update_many({"_id": {"$in": wanted}}, {"$unset": {"pending": ""}})

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

    async def chunks(self, attachment: Attachment) -> AsyncIterator[bytes]:
        """The content of a file, chunk by chunk, in order. It takes the `Attachment` that a
        scoped read of its request returned, not a bare id: whoever holds one may see it."""
        self._trips.tick()
        cursor = (
            self._chunks.find({"attachmentId": ObjectId(attachment.id)}, {"data": 1, "_id": 0})
            .sort("n", ASCENDING)
            .batch_size(READ_BATCH)
        )
        async for chunk in cursor:
            yield bytes(chunk["data"])

    async def pending_before(self, moment: datetime) -> list[str]:
        """Ids of files still pending that were begun before `moment`."""
        self._trips.tick()
        cursor = self._files.find({"pending": True, "uploadedAt": {"$lt": moment}}, {"_id": 1})
        return [str(doc["_id"]) async for doc in cursor]

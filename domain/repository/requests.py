"""Change requests, with their history embedded. Every change is one conditional update
(`_id`, `version`, allowed statuses), so that racing writers cannot both succeed."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from bson import ObjectId
from pymongo import DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from ..change_requests.model import Attachment, ChangeRequest, RequestEvent
from .documents import from_document, object_id, to_document

if TYPE_CHECKING:
    from .store import RoundTrips

NEWEST_FIRST = [("submittedAt", DESCENDING), ("_id", DESCENDING)]


class DuplicateOpenRequest(Exception):
    """The unique index on open requests refused the insert."""


class DuplicateIdempotencyKey(Exception):
    """The unique index on (user, idempotency key) refused the insert."""


class RequestRepository:
    def __init__(self, db, round_trips: RoundTrips):
        self._requests = db.change_requests
        self._trips = round_trips

    async def insert(
        self, request: ChangeRequest, *, open_key: str, idempotency: str | None, fingerprint: str
    ) -> None:
        """Store a new request. `open_key` (student, school, program, course) is unique among
        open requests; `idempotency` (user and key) is unique among all requests."""
        document = _document(request)
        document.update(openKey=open_key, fingerprint=fingerprint, eventLogPending=True)
        if idempotency is not None:
            document["idempotency"] = idempotency
        self._trips.tick()
        try:
            await self._requests.insert_one(document)
        except DuplicateKeyError as error:
            if "idempotency" in ((error.details or {}).get("keyPattern") or {}):
                raise DuplicateIdempotencyKey() from None
            raise DuplicateOpenRequest() from None

    async def by_ids(self, ids) -> dict[str, ChangeRequest]:
        wanted = [oid for oid in map(object_id, ids) if oid is not None]
        if not wanted:
            return {}
        self._trips.tick()
        cursor = self._requests.find({"_id": {"$in": wanted}})
        found = [_request(doc) async for doc in cursor]
        return {request.id: request for request in found}

    async def get(self, request_id: str) -> ChangeRequest | None:
        return (await self.by_ids([request_id])).get(request_id)

    async def by_idempotency(self, idempotency: str) -> tuple[ChangeRequest, str] | None:
        """The request stored under a user's idempotency key, with its input fingerprint."""
        self._trips.tick()
        document = await self._requests.find_one({"idempotency": idempotency})
        return (_request(document), document["fingerprint"]) if document else None

    async def listing_attachment(self, attachment_id: str) -> str | None:
        """The id of the request whose evidence lists the attachment, or None."""
        self._trips.tick()
        found = await self._requests.find_one({"evidence.id": attachment_id}, {"_id": 1})
        return str(found["_id"]) if found else None

    async def listed_attachments(self, attachment_ids: list[str]) -> set[str]:
        """Those of the attachment ids that some request's evidence lists."""
        if not attachment_ids:
            return set()
        self._trips.tick()
        cursor = self._requests.find({"evidence.id": {"$in": attachment_ids}}, {"evidence.id": 1})
        listed = {a["id"] async for doc in cursor for a in doc.get("evidence", [])}
        return listed & set(attachment_ids)

    async def open_exists(self, open_key: str) -> bool:
        self._trips.tick()
        return await self._requests.find_one({"openKey": open_key}, {"_id": 1}) is not None

    async def transition(
        self,
        request: ChangeRequest,
        statuses: list[str],
        changes: dict[str, Any],
        event: RequestEvent,
        *,
        close: bool = False,
        evidence: tuple[Attachment, ...] = (),
    ) -> ChangeRequest | None:
        """Apply `changes`, append `event` (and `evidence` files) if the stored request still
        has the version and one of `statuses` and no approval in progress; None when someone
        changed it first."""
        update: dict[str, Any] = {
            "$set": {
                **changes,
                "version": request.version + 1,
                "updatedAt": event.at,
                "eventLogPending": True,
            },
            "$push": {"history": to_document(event)},
        }
        if close:
            update["$unset"] = {"openKey": ""}
        if evidence:
            update["$push"]["evidence"] = {"$each": [to_document(a) for a in evidence]}
        query = {
            "_id": ObjectId(request.id),
            "version": request.version,
            "status": {"$in": statuses},
            "applying": None,
        }
        return await self._update(query, update)

    async def claim_approval(self, request: ChangeRequest, event: RequestEvent):
        """Mark a pending request as being approved (internal), if nobody else has."""
        query = {
            "_id": ObjectId(request.id),
            "version": request.version,
            "status": "PENDING_REVIEW",
            "applying": None,
        }
        return await self._update(query, {"$set": {"applying": to_document(event)}})

    async def finish_approval(self, request_id: str, event: RequestEvent):
        """Turn a claimed approval into APPROVED; None if it was finished already."""
        query = {"_id": ObjectId(request_id), "applying.id": event.id}
        update = {
            "$set": {
                "status": "APPROVED",
                "version": _version_of(event),
                "updatedAt": event.at,
                "eventLogPending": True,
            },
            "$push": {"history": to_document(event)},
            "$unset": {"applying": "", "openKey": ""},
        }
        return await self._update(query, update)

    async def release_approval(self, request_id: str, event: RequestEvent) -> None:
        """Give up a claimed approval that cannot be applied (its record is gone)."""
        self._trips.tick()
        await self._requests.update_one(
            {"_id": ObjectId(request_id), "applying.id": event.id}, {"$unset": {"applying": ""}}
        )

    async def _update(self, query, update) -> ChangeRequest | None:
        self._trips.tick()
        document = await self._requests.find_one_and_update(
            query, update, return_document=ReturnDocument.AFTER
        )
        return _request(document) if document else None

    async def claimed_before(self, moment: datetime) -> list[ChangeRequest]:
        """Requests whose approval was claimed before `moment` and not finished."""
        self._trips.tick()
        cursor = self._requests.find({"applying.at": {"$lte": moment}})
        return [_request(doc) async for doc in cursor]

    async def with_unlogged_events(self, moment: datetime) -> list[ChangeRequest]:
        self._trips.tick()
        cursor = self._requests.find({"eventLogPending": True, "updatedAt": {"$lte": moment}})
        return [_request(doc) async for doc in cursor]

    async def mark_events_logged(self, request: ChangeRequest) -> None:
        """The log holds the request's history up to its version; a newer transition (version
        moved on) keeps its own pending mark."""
        self._trips.tick()
        await self._requests.update_one(
            {"_id": ObjectId(request.id), "version": request.version},
            {"$max": {"eventsLogged": len(request.history)}, "$unset": {"eventLogPending": ""}},
        )

    async def page(self, query: dict[str, Any], after: tuple[datetime, str] | None, limit: int):
        """Up to `limit` requests matching `query`, newest first, after the keyset `after`."""
        if after is not None:
            at, last_id = after
            query = {
                "$and": [
                    query,
                    {
                        "$or": [
                            {"submittedAt": {"$lt": at}},
                            {"submittedAt": at, "_id": {"$lt": ObjectId(last_id)}},
                        ]
                    },
                ]
            }
        self._trips.tick()
        cursor = self._requests.find(query).sort(NEWEST_FIRST).limit(limit)
        return [_request(doc) async for doc in cursor]

    async def count(self, query: dict[str, Any]) -> int:
        self._trips.tick()
        return await self._requests.count_documents(query)


def _version_of(event: RequestEvent) -> int:
    return int(event.id.rsplit(":", 1)[1])


def _document(request: ChangeRequest) -> dict[str, Any]:
    document = to_document(request, exclude={"id"})
    document["_id"] = ObjectId(request.id)
    return document


def _request(document: dict[str, Any]) -> ChangeRequest:
    return from_document(ChangeRequest, document)


def new_request_id() -> str:
    return str(ObjectId())

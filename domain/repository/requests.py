"""Change requests, with their history embedded. Every change is one conditional update
(`_id`, `version`, allowed statuses), so that racing writers cannot both succeed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from bson import ObjectId
from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from ..access import Scope
from ..change_requests.model import (
    Attachment,
    ChangeRequest,
    RequestChanges,
    RequestEvent,
    RequestFilter,
    RequestOrder,
    RequestStatus,
)
from ..models import format_credits
from .documents import Database, from_document, object_id, to_document
from .round_trips import RoundTrips
from .scoping import scoped

NEWEST_FIRST = [("submittedAt", DESCENDING), ("_id", DESCENDING)]
OLDEST_FIRST = [("submittedAt", ASCENDING), ("_id", ASCENDING)]


class DuplicateOpenRequest(Exception):
    """The unique index on open requests refused the insert."""


class DuplicateIdempotencyKey(Exception):
    """The unique index on (user, idempotency key) refused the insert."""


class RequestRepository:
    def __init__(self, db: Database, round_trips: RoundTrips):
        self._requests = db.change_requests
        self._trips = round_trips

    async def insert(
        self, request: ChangeRequest, *, idempotency: str | None, fingerprint: str
    ) -> None:
        """Store a new request. Its open key (student, school, program, course) is unique
        among open requests; `idempotency` (user and key) is unique among all requests."""
        document = _document(request)
        document.update(openKey=request.open_key, fingerprint=fingerprint, eventLogPending=True)
        if idempotency is not None:
            document["idempotency"] = idempotency
        self._trips.tick()
        try:
            await self._requests.insert_one(document)
        except DuplicateKeyError as error:
            if "idempotency" in ((error.details or {}).get("keyPattern") or {}):
                raise DuplicateIdempotencyKey() from None
            raise DuplicateOpenRequest() from None

    async def _find(self, scope: Scope, query: dict[str, Any]) -> list[ChangeRequest]:
        self._trips.tick()
        return [_request(doc) async for doc in self._requests.find(scoped(scope, query))]

    async def by_ids(self, scope: Scope, ids: Iterable[str]) -> dict[str, ChangeRequest]:
        wanted = [oid for oid in map(object_id, ids) if oid is not None]
        if not wanted:
            return {}
        found = await self._find(scope, {"_id": {"$in": wanted}})
        return {request.id: request for request in found}

    async def get(self, scope: Scope, request_id: str) -> ChangeRequest | None:
        return (await self.by_ids(scope, [request_id])).get(request_id)

    async def by_idempotency(
        self, scope: Scope, idempotency: str
    ) -> tuple[ChangeRequest, str] | None:
        """The request stored under a user's idempotency key, with its input fingerprint."""
        self._trips.tick()
        document = await self._requests.find_one(scoped(scope, {"idempotency": idempotency}))
        return (_request(document), document["fingerprint"]) if document else None

    async def listing_attachment(
        self, scope: Scope, attachment_id: str
    ) -> tuple[ChangeRequest, Attachment] | None:
        """The request whose evidence lists the attachment, and its entry there."""
        self._trips.tick()
        document = await self._requests.find_one(scoped(scope, {"evidence.id": attachment_id}))
        if document is None:
            return None
        request = _request(document)
        return request, next(a for a in request.evidence if a.id == attachment_id)

    async def listed_attachments(self, scope: Scope, attachment_ids: list[str]) -> set[str]:
        """Those of the attachment ids that some request's evidence lists."""
        if not attachment_ids:
            return set()
        self._trips.tick()
        query = scoped(scope, {"evidence.id": {"$in": attachment_ids}})
        cursor = self._requests.find(query, {"evidence.id": 1})
        listed = {a["id"] async for doc in cursor for a in doc.get("evidence", [])}
        return listed & set(attachment_ids)

    async def open_exists(self, scope: Scope, open_key: str) -> bool:
        self._trips.tick()
        query = scoped(scope, {"openKey": open_key})
        return await self._requests.find_one(query, {"_id": 1}) is not None

    async def transition(
        self,
        request: ChangeRequest,
        statuses: Iterable[RequestStatus],
        changes: RequestChanges,
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
                **_changes(changes),
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
            "status": {"$in": [str(s) for s in statuses]},
            "applying": None,
        }
        return await self._update(query, update)

    async def claim_approval(
        self, request: ChangeRequest, event: RequestEvent, fiscal_year: int
    ) -> ChangeRequest | None:
        """Mark a pending request as being approved (internal) into the record of
        `fiscal_year`, if nobody else has."""
        query = {
            "_id": ObjectId(request.id),
            "version": request.version,
            "status": str(RequestStatus.PENDING_REVIEW),
            "applying": None,
        }
        claim = {"applying": to_document(event), "fiscalYear": fiscal_year}
        return await self._update(query, {"$set": claim})

    async def finish_approval(self, request_id: str, event: RequestEvent) -> ChangeRequest | None:
        """Turn a claimed approval into APPROVED; None if it was finished already."""
        query = {"_id": ObjectId(request_id), "applying.id": event.id}
        update = {
            "$set": {
                "status": str(RequestStatus.APPROVED),
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

    async def _update(self, query: dict[str, Any], update: dict[str, Any]) -> ChangeRequest | None:
        self._trips.tick()
        document = await self._requests.find_one_and_update(
            query, update, return_document=ReturnDocument.AFTER
        )
        return _request(document) if document else None

    async def claimed_before(self, scope: Scope, moment: datetime) -> list[ChangeRequest]:
        """Requests whose approval was claimed before `moment` and not finished."""
        return await self._find(scope, {"applying.at": {"$lte": moment}})

    async def with_unlogged_events(self, scope: Scope, moment: datetime) -> list[ChangeRequest]:
        return await self._find(scope, {"eventLogPending": True, "updatedAt": {"$lte": moment}})

    async def mark_events_logged(self, request: ChangeRequest) -> None:
        """The log holds the request's history up to its version; a newer transition (version
        moved on) keeps its own pending mark."""
        self._trips.tick()
        await self._requests.update_one(
            {"_id": ObjectId(request.id), "version": request.version},
            {"$max": {"eventsLogged": len(request.history)}, "$unset": {"eventLogPending": ""}},
        )

    async def page(
        self,
        scope: Scope,
        filters: RequestFilter,
        after: tuple[datetime, str] | None,
        limit: int,
        order: RequestOrder = RequestOrder.NEWEST_FIRST,
    ) -> list[ChangeRequest]:
        """Up to `limit` requests matching `filters` in `order`, after the keyset `after`."""
        query = _filter_query(filters)
        if after is not None:
            query = after_keyset(query, *after, order)
        sort = OLDEST_FIRST if order is RequestOrder.OLDEST_FIRST else NEWEST_FIRST
        self._trips.tick()
        cursor = self._requests.find(scoped(scope, query)).sort(sort).limit(limit)
        return [_request(doc) async for doc in cursor]

    async def count(self, scope: Scope, filters: RequestFilter) -> int:
        """How many requests match. No condition at all (staff, no filter) means every
        document of the collection: MongoDB's own count of it answers without reading them
        (`estimated_document_count`, exact but after an unclean shutdown: docs/operations.md).
        Any condition, an LEA user's scope or the open queue's statuses, is counted on the
        index that leads with it (README, "Paging and counts")."""
        query = scoped(scope, _filter_query(filters))
        self._trips.tick()
        if not query:
            return await self._requests.estimated_document_count()
        return await self._requests.count_documents(query)


def after_keyset(
    query: dict[str, Any],
    at: datetime,
    last_id: str,
    order: RequestOrder = RequestOrder.NEWEST_FIRST,
) -> dict[str, Any]:
    """`query` narrowed to the requests after (`at`, `last_id`) in `order`. The top-level
    bound on `submittedAt` at the cursor beside the `$or` gives the planner an index bound,
    so that a page reads from there on instead of every entry before it (README, "Paging and
    counts"); the `$or` then settles the ties at `at` by `_id`."""
    assert "$or" not in query, "the keyset's $or would replace it"
    oldest_first = order is RequestOrder.OLDEST_FIRST
    beyond, through = ("$gt", "$gte") if oldest_first else ("$lt", "$lte")
    bound = {**query.get("submittedAt", {}), through: at}
    keyset = [
        {"submittedAt": {beyond: at}},
        {"submittedAt": at, "_id": {beyond: ObjectId(last_id)}},
    ]
    return {**query, "submittedAt": bound, "$or": keyset}


def _filter_query(filters: RequestFilter) -> dict[str, Any]:
    query: dict[str, Any] = {}
    if filters.statuses:
        query["status"] = {"$in": [str(s) for s in filters.statuses]}
    equal = {
        "schoolEntityId": filters.school_entity_id,
        "leaEntityId": filters.lea_entity_id,
        "suid": filters.suid,
        "fiscalYear": filters.fiscal_year,
    }
    query.update({field: value for field, value in equal.items() if value is not None})
    window = {}
    if filters.submitted_after is not None:
        window["$gt"] = filters.submitted_after
    if filters.submitted_before is not None:
        window["$lt"] = filters.submitted_before
    if window:
        query["submittedAt"] = window
    return query


def _changes(changes: RequestChanges) -> dict[str, Any]:
    fields: dict[str, Any] = {"status": str(changes.status)}
    if changes.rejection_reason is not None:
        fields["rejectionReason"] = str(changes.rejection_reason)
    if changes.credits is not None:
        fields["credits"] = format_credits(changes.credits)
    if changes.justification is not None:
        fields["justification"] = changes.justification
    return fields


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

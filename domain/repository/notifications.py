"""Notification storage: the notifier's cursor in the event log, one claim per (event,
recipient), and each user's preferences.

A claim's `_id` is its key ("<event id>|<address>", or "digest:<date>|<address>"), so the
insert that takes it succeeds for one process only. Its `state` is `sending` (a process holds
it until `leaseUntil`), `retry` (a transient failure; due at `nextAttemptAt`), `sent` or
`failed` (a permanent failure, shown to admins).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from ..access import Scope
from .documents import Database, Index
from .round_trips import RoundTrips
from .scoping import scoped

CURSOR_ID = "notifier"
SENDING, RETRY, SENT, FAILED = "sending", "retry", "sent", "failed"
OPEN_STATUSES = ["PENDING_REVIEW", "MORE_INFORMATION_REQUESTED"]

INDEXES: dict[str, list[Index]] = {
    "notification_claims": [
        ([("state", ASCENDING), ("nextAttemptAt", ASCENDING)], {}),
        ([("state", ASCENDING), ("leaseUntil", ASCENDING)], {}),
        ([("state", ASCENDING), ("updatedAt", DESCENDING)], {}),
    ],
}


class NotificationRepository:
    def __init__(self, db: Database, round_trips: RoundTrips):
        self._cursors = db.notification_cursors
        self._claims = db.notification_claims
        self._preferences = db.notification_preferences
        self._requests = db.change_requests
        self._trips = round_trips

    # --- cursor -----------------------------------------------------------------------------

    async def cursor(self, start: int) -> int:
        """The notifier's place in the event log; `start` the first time there is none."""
        self._trips.tick()
        document = await self._cursors.find_one_and_update(
            {"_id": CURSOR_ID},
            {"$setOnInsert": {"seq": start}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        return int(document["seq"])

    async def advance(self, seq: int) -> None:
        """Move the cursor forward to `seq`; never back (another process may be ahead)."""
        self._trips.tick()
        await self._cursors.update_one({"_id": CURSOR_ID}, {"$max": {"seq": seq}}, upsert=True)

    # --- claims -----------------------------------------------------------------------------

    async def claim(self, key: str, fields: dict[str, Any], now: datetime, lease: datetime) -> bool:
        """Take the claim `key` for sending; False when it exists (taken by anyone, ever)."""
        document = {
            "_id": key,
            **fields,
            "state": SENDING,
            "attempts": 0,
            "leaseUntil": lease,
            "createdAt": now,
            "updatedAt": now,
        }
        self._trips.tick()
        try:
            await self._claims.insert_one(document)
        except DuplicateKeyError:
            return False
        return True

    async def take_due(self, now: datetime, lease: datetime) -> dict[str, Any] | None:
        """Take one claim that is due again: a retry whose time has come, or a send whose
        holder let its lease run out (it crashed). One process gets each."""
        self._trips.tick()
        return await self._claims.find_one_and_update(
            {
                "$or": [
                    {"state": RETRY, "nextAttemptAt": {"$lte": now}},
                    {"state": SENDING, "leaseUntil": {"$lte": now}},
                ]
            },
            {"$set": {"state": SENDING, "leaseUntil": lease, "updatedAt": now}},
            return_document=ReturnDocument.AFTER,
        )

    async def sent(self, key: str, now: datetime, subject: str) -> None:
        await self._finish(
            key, {"state": SENT, "sentAt": now, "updatedAt": now, "subject": subject}
        )

    async def retry(self, key: str, now: datetime, due: datetime, error: dict[str, Any]) -> None:
        update = {"state": RETRY, "nextAttemptAt": due, "updatedAt": now, "error": error}
        await self._finish(key, update)

    async def failed(self, key: str, now: datetime, error: dict[str, Any]) -> None:
        await self._finish(key, {"state": FAILED, "updatedAt": now, "error": error})

    async def _finish(self, key: str, changes: dict[str, Any]) -> None:
        """Record the outcome of one attempt (counted), releasing the lease."""
        self._trips.tick()
        await self._claims.update_one(
            {"_id": key, "state": SENDING},
            {"$set": changes, "$inc": {"attempts": 1}, "$unset": {"leaseUntil": ""}},
        )

    async def failures(self, limit: int) -> list[dict[str, Any]]:
        """Permanently failed notifications, newest first."""
        self._trips.tick()
        cursor = self._claims.find({"state": FAILED}).sort("updatedAt", DESCENDING).limit(limit)
        return [doc async for doc in cursor]

    # --- preferences --------------------------------------------------------------------------

    async def disabled(self, address: str) -> set[str]:
        """The notification kinds the owner of `address` turned off."""
        self._trips.tick()
        document = await self._preferences.find_one({"_id": address})
        return set(document.get("disabled", [])) if document else set()

    async def set_disabled(self, address: str, disabled: set[str], now: datetime) -> None:
        self._trips.tick()
        await self._preferences.update_one(
            {"_id": address},
            {"$set": {"disabled": sorted(disabled), "updatedAt": now}},
            upsert=True,
        )

    # --- the digest's reading -----------------------------------------------------------------

    async def open_requests(self, scope: Scope) -> list[dict[str, Any]]:
        """Each open request's LEA, status and submission time (nothing about the student)."""
        self._trips.tick()
        cursor = self._requests.find(
            scoped(scope, {"status": {"$in": OPEN_STATUSES}}),
            {"leaEntityId": 1, "status": 1, "submittedAt": 1},
        )
        return [doc async for doc in cursor]

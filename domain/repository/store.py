"""The connection: motor on a real MongoDB, mongomock-motor in memory; indexes made at start."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from motor.motor_asyncio import AsyncIOMotorClient
from pymongo import ASCENDING, DESCENDING

from .attachments import INDEXES as ATTACHMENT_INDEXES
from .attachments import AttachmentRepository
from .audit import INDEXES as AUDIT_INDEXES
from .audit import AuditRepository
from .calendar import CalendarRepository
from .documents import Database, Index
from .events import EventRepository
from .notifications import INDEXES as NOTIFICATION_INDEXES
from .notifications import NotificationRepository
from .records import RecordRepository
from .reference import ReferenceRepository
from .requests import RequestRepository
from .round_trips import RoundTrips

INDEXES: dict[str, list[Index]] = {
    **ATTACHMENT_INDEXES,
    **AUDIT_INDEXES,
    **NOTIFICATION_INDEXES,
    "programs": [([("programNumber", ASCENDING)], {"unique": True})],
    "leas": [([("entityId", ASCENDING)], {"unique": True})],
    "schools": [
        ([("entityId", ASCENDING)], {"unique": True}),
        ([("leaEntityId", ASCENDING)], {}),
    ],
    "students": [
        ([("suid", ASCENDING)], {"unique": True}),
        ([("exitedOn", ASCENDING)], {}),
    ],
    "fiscal_years": [([("fiscalYear", ASCENDING)], {"unique": True})],
    "records": [
        (
            [
                ("suid", ASCENDING),
                ("schoolEntityId", ASCENDING),
                ("fiscalYear", ASCENDING),
                ("programNumber", ASCENDING),
            ],
            {"unique": True},
        ),
        ([("programNumber", ASCENDING)], {}),
        ([("schoolEntityId", ASCENDING)], {}),
        *(
            (
                [
                    ("status.placementFiscalYear", ASCENDING),
                    (field, ASCENDING),
                    ("_id", ASCENDING),
                ],
                {},
            )
            for field in ("schoolEntityId", "leaEntityId")
        ),
    ],
    "events": [
        ([("seq", ASCENDING)], {"unique": True}),
        ([("leaEntityId", ASCENDING), ("seq", ASCENDING)], {}),
    ],
    "change_requests": [
        # Which request an evidence file belongs to (downloads, orphan clean-up).
        ([("evidence.id", ASCENDING)], {}),
        ([("openKey", ASCENDING)], {"unique": True, "sparse": True}),
        ([("idempotency", ASCENDING)], {"unique": True, "sparse": True}),
        ([("applying.at", ASCENDING)], {"sparse": True}),
        ([("eventLogPending", ASCENDING)], {"sparse": True}),
        ([("submittedAt", DESCENDING), ("_id", DESCENDING)], {}),
        *(
            ([(field, ASCENDING), ("submittedAt", DESCENDING), ("_id", DESCENDING)], {})
            for field in ("status", "schoolEntityId", "leaEntityId", "suid", "fiscalYear")
        ),
    ],
}


@dataclass
class Store:
    """The database and one repository per aggregate."""

    db: Database
    client: AsyncIOMotorClient[dict[str, Any]]
    round_trips: RoundTrips = field(default_factory=RoundTrips)

    def __post_init__(self) -> None:
        self.attachments = AttachmentRepository(self.db, self.round_trips)
        self.reference = ReferenceRepository(self.db, self.round_trips)
        self.records = RecordRepository(self.db, self.round_trips)
        self.calendar = CalendarRepository(self.db, self.round_trips)
        self.events = EventRepository(self.db, self.round_trips)
        self.requests = RequestRepository(self.db, self.round_trips)
        self.audit = AuditRepository(self.db, self.round_trips)
        self.notifications = NotificationRepository(self.db, self.round_trips)

    async def ensure_indexes(self) -> None:
        for collection, indexes in INDEXES.items():
            for keys, options in indexes:
                await self.db[collection].create_index(keys, **options)

    async def ping(self) -> bool:
        await self.db.command("ping")
        return True

    def close(self) -> None:
        self.client.close()


def open_store(uri: str | None, database: str) -> Store:
    """A real MongoDB when `uri` is given, else a fresh in-memory mock (the embedded store)."""
    client: AsyncIOMotorClient[dict[str, Any]]
    if uri:
        client = AsyncIOMotorClient(uri, tz_aware=True)
    else:
        from mongomock_motor import AsyncMongoMockClient

        client = AsyncMongoMockClient(tz_aware=True)  # the same interface, in memory
    return Store(db=client[database], client=client)

"""The connection: motor on a real MongoDB, mongomock-motor in memory; indexes made at start."""

from __future__ import annotations

from dataclasses import dataclass, field

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorDatabase
from pymongo import ASCENDING, DESCENDING

from .attachments import INDEXES as ATTACHMENT_INDEXES
from .attachments import AttachmentRepository
from .calendar import CalendarRepository
from .events import EventRepository
from .notifications import INDEXES as NOTIFICATION_INDEXES
from .notifications import NotificationRepository
from .records import RecordRepository
from .reference import ReferenceRepository
from .requests import RequestRepository


@dataclass
class RoundTrips:
    """Counts calls to the database, for tests and benchmarks of the data access pattern."""

    count: int = 0

    def tick(self) -> None:
        self.count += 1


INDEXES: dict[str, list[tuple[list[tuple[str, int]], dict]]] = {
    **ATTACHMENT_INDEXES,
    **NOTIFICATION_INDEXES,
    "programs": [([("programNumber", ASCENDING)], {"unique": True})],
    "leas": [([("entityId", ASCENDING)], {"unique": True})],
    "schools": [
        ([("entityId", ASCENDING)], {"unique": True}),
        ([("leaEntityId", ASCENDING)], {}),
    ],
    "students": [([("suid", ASCENDING)], {"unique": True})],
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
        (
            [
                ("status.placementSurveyEligible", ASCENDING),
                ("fiscalYear", ASCENDING),
                ("schoolEntityId", ASCENDING),
                ("_id", DESCENDING),
            ],
            {},
        ),
    ],
    "events": [([("seq", ASCENDING)], {"unique": True})],
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

    db: AsyncIOMotorDatabase
    client: object
    round_trips: RoundTrips = field(default_factory=RoundTrips)

    def __post_init__(self) -> None:
        self.attachments = AttachmentRepository(self.db, self.round_trips)
        self.reference = ReferenceRepository(self.db, self.round_trips)
        self.records = RecordRepository(self.db, self.round_trips)
        self.calendar = CalendarRepository(self.db, self.round_trips)
        self.events = EventRepository(self.db, self.round_trips)
        self.requests = RequestRepository(self.db, self.round_trips)
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
    if uri:
        client = AsyncIOMotorClient(uri, tz_aware=True)
    else:
        from mongomock_motor import AsyncMongoMockClient

        client = AsyncMongoMockClient(tz_aware=True)
    return Store(db=client[database], client=client)

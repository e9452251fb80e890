"""P/C records: one document per student x school x fiscal year x program, carrying the LEA
of its school so that a scope applies to it directly."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bson import ObjectId
from pymongo import ASCENDING

from ..access import Scope
from ..models import ParticipantRecord
from .documents import Database, from_document, object_id, to_document
from .round_trips import RoundTrips
from .scoping import scoped

LIST_YEAR = "status.placementFiscalYear"


class RecordRepository:
    def __init__(self, db: Database, round_trips: RoundTrips):
        self._records = db.records
        self._trips = round_trips

    async def _find(self, scope: Scope, query: dict[str, Any]) -> list[ParticipantRecord]:
        self._trips.tick()
        cursor = self._records.find(scoped(scope, query)).sort(
            [("programNumber", ASCENDING), ("_id", ASCENDING)]
        )
        return [from_document(ParticipantRecord, doc) async for doc in cursor]

    async def at_school(
        self, scope: Scope, suid: str, school_entity_id: int, fiscal_year: int
    ) -> list[ParticipantRecord]:
        """The student's records at one school in one fiscal year, by program number."""
        query = {"suid": suid, "schoolEntityId": school_entity_id, "fiscalYear": fiscal_year}
        return await self._find(scope, query)

    async def of_students(self, scope: Scope, suids: Iterable[str]) -> list[ParticipantRecord]:
        """Every record of these SUIDs, any school or year."""
        return await self._find(scope, {"suid": {"$in": list(dict.fromkeys(suids))}})

    async def of_programs(
        self, scope: Scope, program_numbers: Iterable[str]
    ) -> list[ParticipantRecord]:
        wanted = list(dict.fromkeys(program_numbers))
        return await self._find(scope, {"programNumber": {"$in": wanted}})

    async def of_schools(
        self, scope: Scope, school_entity_ids: Iterable[int]
    ) -> list[ParticipantRecord]:
        wanted = list(dict.fromkeys(school_entity_ids))
        return await self._find(scope, {"schoolEntityId": {"$in": wanted}})

    async def by_ids(self, scope: Scope, ids: Iterable[str]) -> dict[str, ParticipantRecord]:
        wanted = [oid for oid in map(object_id, ids) if oid is not None]
        if not wanted:
            return {}
        records = await self._find(scope, {"_id": {"$in": wanted}})
        return {record.id: record for record in records}

    async def insert(self, record: ParticipantRecord) -> None:
        self._trips.tick()
        await self._records.insert_one(_document(record))

    async def replace(
        self, record: ParticipantRecord, expected_version: int, *, applying: str | None = None
    ) -> bool:
        """Write `record` if the stored one still has `expected_version` (and, with `applying`,
        has not had that change request applied yet). False when someone wrote first."""
        query: dict[str, Any] = {"_id": ObjectId(record.id), "version": expected_version}
        if applying is not None:
            query["appliedRequestIds"] = {"$ne": applying}
        document = _document(record)
        del document["_id"]
        self._trips.tick()
        result = await self._records.update_one(query, {"$set": document})
        return result.matched_count == 1

    async def move_school(self, school_entity_id: int, lea_entity_id: int) -> None:
        """A school now belongs to another LEA: so do its records (each write raises the
        record's version, so that a concurrent read-compute-write retries)."""
        self._trips.tick()
        await self._records.update_many(
            {"schoolEntityId": school_entity_id, "leaEntityId": {"$ne": lea_entity_id}},
            {"$set": {"leaEntityId": lea_entity_id}, "$inc": {"version": 1}},
        )

    async def placement_page(
        self,
        scope: Scope,
        fiscal_year: int,
        school_entity_id: int | None,
        after: str | None,
        limit: int,
    ) -> list[ParticipantRecord]:
        """Placement-survey eligible records of a fiscal year (and school), by id, after the
        record id `after`."""
        query = _placement_query(fiscal_year, school_entity_id)
        after_id = object_id(after) if after else None
        if after_id is not None:
            query["_id"] = {"$gt": after_id}
        self._trips.tick()
        cursor = self._records.find(scoped(scope, query)).sort("_id", ASCENDING).limit(limit)
        return [from_document(ParticipantRecord, doc) async for doc in cursor]

    async def placement_count(
        self, scope: Scope, fiscal_year: int, school_entity_id: int | None
    ) -> int:
        """How many placement-survey eligible records a fiscal year (and school) has."""
        self._trips.tick()
        query = scoped(scope, _placement_query(fiscal_year, school_entity_id))
        return await self._records.count_documents(query)

    async def count(self, scope: Scope) -> int:
        self._trips.tick()
        return await self._records.count_documents(scoped(scope, {}))


def _placement_query(fiscal_year: int, school_entity_id: int | None) -> dict[str, Any]:
    query: dict[str, Any] = {LIST_YEAR: fiscal_year}
    if school_entity_id is not None:
        query["schoolEntityId"] = school_entity_id
    return query


def _document(record: ParticipantRecord) -> dict[str, Any]:
    document = to_document(record, exclude={"id"})
    document["_id"] = ObjectId(record.id)
    return document


def new_record_id() -> str:
    return str(ObjectId())

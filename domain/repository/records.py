"""P/C records: one document per student x school x fiscal year x program."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from bson import ObjectId
from pymongo import ASCENDING

from ..models import ParticipantRecord
from .documents import from_document, object_id, to_document

if TYPE_CHECKING:
    from .store import RoundTrips


class RecordRepository:
    def __init__(self, db, round_trips: RoundTrips):
        self._records = db.records
        self._trips = round_trips

    async def _find(self, query: dict[str, Any]) -> list[ParticipantRecord]:
        self._trips.tick()
        cursor = self._records.find(query).sort([("programNumber", ASCENDING), ("_id", ASCENDING)])
        return [from_document(ParticipantRecord, doc) async for doc in cursor]

    async def at_school(self, suid: str, school_entity_id: int, fiscal_year: int):
        """The student's records at one school in one fiscal year, by program number."""
        return await self._find(
            {"suid": suid, "schoolEntityId": school_entity_id, "fiscalYear": fiscal_year}
        )

    async def of_students(self, suids: Iterable[str]) -> list[ParticipantRecord]:
        """Every record of these SUIDs, any school or year."""
        return await self._find({"suid": {"$in": list(dict.fromkeys(suids))}})

    async def of_programs(self, program_numbers: Iterable[str]) -> list[ParticipantRecord]:
        return await self._find({"programNumber": {"$in": list(dict.fromkeys(program_numbers))}})

    async def by_ids(self, ids: Iterable[str]) -> dict[str, ParticipantRecord]:
        wanted = [oid for oid in map(object_id, ids) if oid is not None]
        if not wanted:
            return {}
        records = await self._find({"_id": {"$in": wanted}})
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

    async def placement_page(
        self, query: dict[str, Any], after: str | None, limit: int
    ) -> list[ParticipantRecord]:
        """Placement-survey eligible records matching `query`, by id, after the `after` id."""
        query = {**query, "status.placementSurveyEligible": True}
        after_id = object_id(after) if after else None
        if after_id is not None:
            query["_id"] = {"$gt": after_id}
        self._trips.tick()
        cursor = self._records.find(query).sort("_id", ASCENDING).limit(limit)
        return [from_document(ParticipantRecord, doc) async for doc in cursor]

    async def placement_count(self, query: dict[str, Any]) -> int:
        """How many placement-survey eligible records match `query`."""
        return await self.count({**query, "status.placementSurveyEligible": True})

    async def count(self, query: dict[str, Any]) -> int:
        self._trips.tick()
        return await self._records.count_documents(query)


def _document(record: ParticipantRecord) -> dict[str, Any]:
    document = to_document(record, exclude={"id"})
    document["_id"] = ObjectId(record.id)
    return document


def new_record_id() -> str:
    return str(ObjectId())

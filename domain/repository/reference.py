"""Reference data: approved programs, LEAs, schools and students, by natural key.

The Approved Program list is public to every signed-in user. LEAs and schools are read within
a scope (an LEA user's own). A student is read within a scope too: an LEA user may read the
students who have a P/C record at one of their LEAs' schools.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel
from pymongo import ASCENDING

from ..access import Scope
from ..models import Lea, Program, School, Student
from .documents import Database, from_document, to_document
from .round_trips import RoundTrips
from .scoping import scoped

NO_ID = {"_id": 0}
K = TypeVar("K")
M = TypeVar("M", bound=BaseModel)

# model: (collection, natural key in the document, natural key attribute of the model)
KINDS: dict[type[BaseModel], tuple[str, str, str]] = {
    Program: ("programs", "programNumber", "program_number"),
    Lea: ("leas", "entityId", "entity_id"),
    School: ("schools", "entityId", "entity_id"),
    Student: ("students", "suid", "suid"),
}


class ReferenceRepository:
    def __init__(self, db: Database, round_trips: RoundTrips):
        self._db = db
        self._trips = round_trips

    async def _many(
        self, model: type[M], keys: Iterable[K], condition: dict[str, Any] | None = None
    ) -> dict[K, M]:
        collection, key, attribute = KINDS[model]
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        self._trips.tick()
        query = {key: {"$in": wanted}, **(condition or {})}
        cursor = self._db[collection].find(query, NO_ID)
        items = [from_document(model, doc) async for doc in cursor]
        return {getattr(item, attribute): item for item in items}

    async def programs(self, program_numbers: Iterable[str]) -> dict[str, Program]:
        """Programs by number, on the Approved Program list or not: public."""
        return await self._many(Program, program_numbers)

    async def all_programs(self) -> list[Program]:
        """The whole Approved Program list, by program number: public."""
        self._trips.tick()
        cursor = self._db.programs.find({}, NO_ID).sort("programNumber", ASCENDING)
        return [from_document(Program, doc) async for doc in cursor]

    async def leas(self, scope: Scope, entity_ids: Iterable[int]) -> dict[int, Lea]:
        return await self._many(Lea, entity_ids, scoped(scope, {}, field="entityId"))

    async def schools(self, scope: Scope, entity_ids: Iterable[int]) -> dict[int, School]:
        return await self._many(School, entity_ids, scoped(scope, {}))

    async def schools_of_lea(self, scope: Scope, lea_entity_id: int) -> list[School]:
        """The LEA's schools within the scope, by name."""
        self._trips.tick()
        query = scoped(scope, {"leaEntityId": lea_entity_id})
        cursor = self._db.schools.find(query, NO_ID).sort("name", ASCENDING)
        return [from_document(School, doc) async for doc in cursor]

    async def students(self, scope: Scope, suids: Iterable[str]) -> dict[str, Student]:
        wanted = list(dict.fromkeys(suids))
        if not scope.everything and wanted:
            self._trips.tick()
            query = scoped(scope, {"suid": {"$in": wanted}})
            wanted = list(await self._db.records.distinct("suid", query))
        return await self._many(Student, wanted)

    async def students_exited(self, scope: Scope, first_day: date, last_day: date) -> list[Student]:
        """Students who left secondary education between the two days (both included)."""
        self._trips.tick()
        window = {"$gte": first_day.isoformat(), "$lte": last_day.isoformat()}
        cursor = self._db.students.find({"exitedOn": window}, {"suid": 1})
        suids = [doc["suid"] async for doc in cursor]
        return list((await self.students(scope, suids)).values())

    async def upsert(self, items: Sequence[BaseModel]) -> tuple[int, int]:
        """Insert or replace items by natural key; returns (inserted, updated)."""
        inserted = updated = 0
        for item in items:
            collection, key, attribute = KINDS[type(item)]
            self._trips.tick()
            result = await self._db[collection].replace_one(
                {key: getattr(item, attribute)}, to_document(item), upsert=True
            )
            if result.upserted_id is not None:
                inserted += 1
            elif result.modified_count:
                updated += 1
        return inserted, updated

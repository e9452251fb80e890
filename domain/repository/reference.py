"""Reference data: approved programs, LEAs, schools and students."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from pymongo import ASCENDING

from ..models import Lea, Program, School, Student
from .documents import from_document, to_document

if TYPE_CHECKING:
    from .store import RoundTrips

NO_ID = {"_id": 0}


class ReferenceRepository:
    # model: (collection, natural key in the document, natural key attribute of the model)
    KINDS: ClassVar[dict[type, tuple[str, str, str]]] = {
        Program: ("programs", "programNumber", "program_number"),
        Lea: ("leas", "entityId", "entity_id"),
        School: ("schools", "entityId", "entity_id"),
        Student: ("students", "suid", "suid"),
    }

    def __init__(self, db, round_trips: RoundTrips):
        self._db = db
        self._trips = round_trips

    async def many(self, model: type, keys: Iterable) -> dict:
        """The stored items of `model` with the given natural keys, by key."""
        collection, key, attribute = self.KINDS[model]
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        self._trips.tick()
        cursor = self._db[collection].find({key: {"$in": wanted}}, NO_ID)
        items = [from_document(model, doc) async for doc in cursor]
        return {getattr(item, attribute): item for item in items}

    async def one(self, model: type, key_value):
        return (await self.many(model, [key_value])).get(key_value)

    async def programs(self) -> list[Program]:
        self._trips.tick()
        cursor = self._db.programs.find({}, NO_ID).sort("programNumber", ASCENDING)
        return [from_document(Program, doc) async for doc in cursor]

    async def schools_of_leas(self, lea_ids: Iterable[int]) -> list[School]:
        self._trips.tick()
        cursor = self._db.schools.find({"leaEntityId": {"$in": sorted(lea_ids)}}, NO_ID)
        return [from_document(School, doc) async for doc in cursor]

    async def upsert(self, items: Sequence) -> tuple[int, int]:
        """Insert or replace items by natural key; returns (inserted, updated)."""
        inserted = updated = 0
        for item in items:
            collection, key, attribute = self.KINDS[type(item)]
            self._trips.tick()
            result = await self._db[collection].replace_one(
                {key: getattr(item, attribute)}, to_document(item), upsert=True
            )
            if result.upserted_id is not None:
                inserted += 1
            elif result.modified_count:
                updated += 1
        return inserted, updated

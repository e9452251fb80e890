"""Mapping between domain models and MongoDB documents (camelCase, ObjectId `_id`)."""

from __future__ import annotations

from typing import Any, TypeVar

from bson import ObjectId
from bson.errors import InvalidId
from motor.motor_asyncio import AsyncIOMotorDatabase
from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
Database = AsyncIOMotorDatabase[dict[str, Any]]
# An index: its keys and the options of create_index.
Index = tuple[list[tuple[str, int]], dict[str, Any]]


def to_document(model: BaseModel, *, exclude: set[str] | None = None) -> dict[str, Any]:
    return model.model_dump(by_alias=True, exclude=exclude)


def from_document(model: type[M], document: dict[str, Any]) -> M:
    """Validate a stored document; its `_id` becomes `id` when it is an ObjectId."""
    data = dict(document)
    object_id = data.pop("_id", None)
    if isinstance(object_id, ObjectId):
        data["id"] = str(object_id)
    return model.model_validate(data)


def object_id(text: str) -> ObjectId | None:
    """The ObjectId a string names, or None when it names none (so lookups read as absent)."""
    try:
        return ObjectId(text)
    except (InvalidId, TypeError):
        return None

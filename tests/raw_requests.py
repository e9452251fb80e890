"""Writing change requests straight into the store, for tests that need more open requests
on one target than the service allows (one per student, school, program and course)."""

from __future__ import annotations

from bson import ObjectId

from domain.change_requests.model import ChangeRequest
from domain.repository import Store
from domain.repository.documents import to_document


async def insert_with_open_key(store: Store, request: ChangeRequest, open_key: str) -> None:
    """Store `request` as the service would, but under the given open key."""
    document = to_document(request, exclude={"id"})
    document.update(_id=ObjectId(request.id), openKey=open_key, fingerprint=open_key)
    await store.db.change_requests.insert_one(document)

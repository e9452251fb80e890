"""Helpers shared by the submission, review and query tests: small steps that drive a
request into a status through the API (the documents are in tests/documents.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from domain.models import Role
from tests.conftest import make_token
from tests.documents import CHANGE_REQUEST, SUBMIT
from tests.sample import C1, CULINARY, MATEO, MESA, RED_MOUNTAIN

# A second Mesa user: a different `sub`, so a different owner of idempotency keys.
MESA_2 = make_token(Role.LEA_USER, "lea-mesa-2", "Mesa Second Coordinator", (MESA,))


def submit_input(**overrides: Any) -> dict[str, Any]:
    """A valid submission for Mateo at Red Mountain, with `overrides` (GraphQL names)."""
    values = {
        "suid": MATEO,
        "schoolEntityId": RED_MOUNTAIN,
        "programNumber": CULINARY,
        "courseNumber": C1,
        "credits": "0.5",
        "gradeLevel": 10,
        "reason": "OUT_OF_STATE_TRANSFER",
        "justification": "Transcript from a Nevada high school shows 0.5 credit earned.",
    }
    values.update(overrides)
    return values


async def submit(gql, token: str, **overrides: Any) -> dict[str, Any]:
    """The submission's payload."""
    data = await gql.data(SUBMIT, {"input": submit_input(**overrides)}, token)
    return data["submitInsertCreditsRequest"]


async def submitted(gql, token: str, **overrides: Any) -> dict[str, Any]:
    """A submission that must succeed; the stored request."""
    payload = await submit(gql, token, **overrides)
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["changeRequest"]


async def act(gql, document: str, token: str, **input_values: Any) -> dict[str, Any]:
    """Run a review mutation; its payload."""
    data = await gql.data(document, {"input": input_values}, token)
    return next(iter(data.values()))


async def acted(gql, document: str, token: str, **input_values: Any) -> dict[str, Any]:
    """A review action that must succeed; the changed request."""
    payload = await act(gql, document, token, **input_values)
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["changeRequest"]


async def fetch(gql, token: str, request_id: str) -> dict[str, Any] | None:
    return (await gql.data(CHANGE_REQUEST, {"id": request_id}, token))["changeRequest"]


@dataclass(frozen=True)
class StoredCounts:
    requests: int
    events: int


async def stored_counts(app) -> StoredCounts:
    """How many change requests and logged events the store holds."""
    db = app.state.services.store.db
    return StoredCounts(
        await db.change_requests.count_documents({}), await db.events.count_documents({})
    )


def codes_and_fields(payload: dict[str, Any]) -> list[tuple[str, list[str] | None]]:
    return [(e["code"], e["field"]) for e in payload["userErrors"]]


def advance(clock, seconds: float = 1) -> None:
    """Move the fixed clock forward, so that the next submission has a later submittedAt."""
    clock.now = clock.now + timedelta(seconds=seconds)

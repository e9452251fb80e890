"""Shared fixtures: a fixed clock, a fresh store, the real ASGI app on the sample data set
(copied from one load per session, see tests/sample_store.py), and a GraphQL client that
sends documents as a frontend would. The sample data's cases are named in tests/sample.py."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx2
import pytest

import server.app
from domain.models import Role
from domain.repository import Store, open_store
from schema.root import build_schema
from server.app import create_app
from server.auth import issue_token
from server.settings import DEVELOPMENT_SECRET, Settings
from tests.sample import (  # noqa: F401  (the names tests import from here)
    DESERT_SKY,
    EVIT,
    EVIT_MAIN,
    MESA,
    MOUNTAIN_VIEW,
    RED_MOUNTAIN,
    SAMPLE_NOW,
    TUCSON,
    TUCSON_HIGH,
)
from tests.sample_store import load_sample_data

REAL_MONGODB = os.environ.get("CTECR_TEST_MONGODB_URI")


class FixedClock:
    """A clock the test sets; callable like domain.clock.system_clock."""

    def __init__(self, now: datetime = SAMPLE_NOW):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True, scope="session")
def one_schema_per_settings():
    """Building the strawberry schema is most of an app's start now that the sample data is
    copied (about 25 ms); the session's apps with equal settings (and no trusted-documents
    manifest or tracer) share one. What a schema keeps between operations (its parse and validation
    caches) depends on the document and the settings alone, so sharing it changes no answer."""
    extensions_of, schemas = {}, {}
    served_extensions = server.app.schema_extensions

    def extensions(settings: Settings, documents, *more):
        if documents.mode != "off" or any(more):  # a manifest or a tracer of the test's own
            return served_extensions(settings, documents, *more)
        key = repr(settings)
        if key not in extensions_of:
            extensions_of[key] = served_extensions(settings, documents, *more)
        return extensions_of[key]

    def schema(extensions=(), execution_context_class=None):
        shared = any(extensions is shared for shared in extensions_of.values())
        if not shared or execution_context_class is not None:  # an app's compiled documents
            return build_schema(extensions, execution_context_class)
        if id(extensions) not in schemas:  # the shared lists live as long as the session
            schemas[id(extensions)] = build_schema(extensions=extensions)
        return schemas[id(extensions)]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(server.app, "schema_extensions", extensions)
        patch.setattr(server.app, "build_schema", schema)
        yield


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
async def store():
    """A fresh in-memory store; a fresh database on CTECR_TEST_MONGODB_URI when it is set."""
    if REAL_MONGODB:
        name = f"ctecr_test_{uuid.uuid4().hex[:12]}"
        store = open_store(REAL_MONGODB, name)
        yield store
        await store.client.drop_database(name)
        store.close()
    else:
        yield open_store(None, "ctecr_test")


@pytest.fixture
def settings() -> Settings:
    return Settings(mongodb_uri=None, jwt_secret=DEVELOPMENT_SECRET, env="development")


@pytest.fixture
async def app(settings: Settings, store: Store, clock: FixedClock):
    """The real ASGI app on the sample data set, started through its lifespan."""
    await load_sample_data(store, clock)
    application = create_app(settings, store=store, clock=clock)
    async with application.router.lifespan_context(application):
        yield application


def make_token(role: Role, sub: str, name: str, leas: tuple[int, ...] = ()) -> str:
    return issue_token(DEVELOPMENT_SECRET, role=role, sub=sub, name=name, lea_ids=list(leas))


@dataclass(frozen=True)
class Tokens:
    mesa: str = make_token(Role.LEA_USER, "lea-mesa", "Mesa Coordinator", (MESA,))
    tucson: str = make_token(Role.LEA_USER, "lea-tucson", "Tucson Coordinator", (TUCSON,))
    evit: str = make_token(Role.LEA_USER, "lea-evit", "EVIT Specialist", (EVIT,))
    reviewer: str = make_token(Role.REVIEWER, "reviewer-1", "Riley Reviewer")
    reviewer2: str = make_token(Role.REVIEWER, "reviewer-2", "Robin Reviewer")
    admin: str = make_token(Role.ADMIN, "admin-1", "Alex Admin")


@pytest.fixture
def tokens() -> Tokens:
    return Tokens()


class GraphQLClient:
    """Posts GraphQL documents to /graphql through the ASGI app."""

    def __init__(self, http: httpx2.AsyncClient):
        self.http = http

    async def post(
        self,
        query: str,
        variables: dict | None = None,
        token: str | None = None,
        headers: dict | None = None,
    ) -> dict[str, Any]:
        all_headers = dict(headers or {})
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=all_headers
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def data(self, query: str, variables: dict | None = None, token: str | None = None):
        """The `data` of a response that must have no errors."""
        body = await self.post(query, variables, token)
        assert "errors" not in body, body["errors"]
        return body["data"]


@pytest.fixture
async def http(app):
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
def gql(http) -> GraphQLClient:
    return GraphQLClient(http)


def error_codes(body: dict) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors", [])]

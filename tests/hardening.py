"""Helpers for the hardening tests: apps built with chosen settings (production ones need a
secret of their own), tokens signed for them, and the log lines an app writes."""

from __future__ import annotations

import contextlib
import io
import json

import httpx2
import pytest

from domain.models import Role
from server.app import create_app, sample_data_dir
from server.auth import issue_token
from server.logging import STDERR, configure_logging
from server.settings import DEVELOPMENT_SECRET, Settings
from tests.conftest import MESA, GraphQLClient
from tests.documents import SUBMIT_BRIEF
from tests.sample_store import load_sample_data

PRODUCTION_SECRET = "a-production-secret-of-forty-characters!!"


def development(**overrides) -> Settings:
    return Settings(mongodb_uri=None, jwt_secret=DEVELOPMENT_SECRET, env="development", **overrides)


def production(**overrides) -> Settings:
    """Production settings, except that the tests' own documents run as full documents:
    tests/test_trusted_documents.py tests production's default of trusted documents only."""
    overrides.setdefault("trusted_documents", "allowed")
    return Settings(mongodb_uri=None, jwt_secret=PRODUCTION_SECRET, env="production", **overrides)


def token_for(
    settings: Settings,
    role: Role = Role.LEA_USER,
    sub: str = "lea-mesa",
    name: str = "Mesa Coordinator",
    leas: tuple[int, ...] = (MESA,),
) -> str:
    return issue_token(
        settings.jwt_secret.get_secret_value(), role=role, sub=sub, name=name, lea_ids=list(leas)
    )


@contextlib.asynccontextmanager
async def serving(settings: Settings, store, clock, **options):
    """A GraphQLClient on the real ASGI app built with `settings` (and create_app's
    `options`), sample data loaded."""
    await load_sample_data(store, clock)
    app = create_app(settings, store=store, clock=clock, **options)
    async with app.router.lifespan_context(app):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as http:
            yield GraphQLClient(http)


class LogLines:
    """What the application logged since the capture began, as text and as JSON objects."""

    def __init__(self):
        self.stream = io.StringIO()

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.text.splitlines() if line.strip()]

    def events(self, event: str) -> list[dict]:
        return [record for record in self.records() if record.get("event") == event]


@pytest.fixture
def log_lines():
    """Send the application's JSON log lines to memory for one test."""
    lines = LogLines()
    configure_logging("INFO", lines.stream)
    yield lines
    configure_logging("INFO", STDERR)


def _jsonl(name: str) -> list[dict]:
    text = (sample_data_dir() / name).read_text()
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def request_inputs(schools: set[int], fiscal_year: int = 2026) -> list[dict]:
    """A valid submission for every (record, course of its program) of the sample data at
    these schools, students who left before the fiscal year left out."""
    courses = {
        p["programNumber"]: [c["courseNumber"] for c in p["courses"]]
        for p in _jsonl("programs.jsonl")
    }
    exited = {
        s["suid"]
        for s in _jsonl("students.jsonl")
        if s["exitedOn"] and s["exitedOn"] < f"{fiscal_year - 1}-07-01"
    }
    return [
        {
            "suid": r["suid"],
            "schoolEntityId": r["schoolEntityId"],
            "programNumber": r["programNumber"],
            "courseNumber": course,
            "credits": "0.5",
            "gradeLevel": 11,
            "reason": "OTHER",
            "justification": "Transcript attached.",
        }
        for r in _jsonl("records.jsonl")
        if r["schoolEntityId"] in schools
        and r["fiscalYear"] == fiscal_year
        and r["suid"] not in exited
        for course in courses[r["programNumber"]]
    ]


async def submit_requests(gql: GraphQLClient, token: str, inputs: list[dict]) -> list[dict]:
    """Submit each input; every one must be accepted."""
    submitted = []
    for data in inputs:
        payload = (await gql.data(SUBMIT_BRIEF, {"input": data}, token))[
            "submitInsertCreditsRequest"
        ]
        assert payload["userErrors"] == [], payload
        submitted.append(payload["changeRequest"])
    return submitted

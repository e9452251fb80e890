"""The application the benchmarks measure: production settings (limits, masking, JSON logs
to /dev/null), the embedded store with the sample data at a fixed date, and the plain JSON
routes of benchmarks.plain beside /graphql. `bench_app` is also the uvicorn factory of the
loopback runs."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime

from starlette.applications import Starlette
from starlette.routing import Route

from domain.models import Role
from domain.repository import open_store
from server.app import create_app, sample_data_dir
from server.auth import issue_token
from server.logging import configure_logging
from server.settings import Settings
from tests.conftest import GraphQLClient
from tests.hardening import UNUSED_URI, request_inputs, submit_requests

from . import plain

BENCH_SECRET = "benchmark-only-secret-never-deployed-0123456789"
NOW = datetime(2026, 11, 28, 19, 0, tzinfo=UTC)  # participant fiscal year 2026
MESA, RED_MOUNTAIN, MOUNTAIN_VIEW, WESTWOOD = 4235, 79012, 79013, 79014
RECORDS_STUDENT = "1002345743"  # two programs at Red Mountain
SEEDED_REQUESTS = 60  # open requests at Red Mountain, for the review queue pages

RECORDS_QUERY = """query StudentRecords($suid: String!, $school: Int!) {
  participantRecords(suid: $suid, schoolEntityId: $school) {
    id fiscalYear
    program { programNumber name }
    courses { course { courseNumber name kind } reportedCredits insertedCredits totalCredits }
    status { participant concentrator completer placementSurveyEligible }
  }
}"""

REQUESTS_PAGE = """query ReviewQueue($first: Int!) {
  changeRequests(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id status version fiscalYear credits gradeLevel reason submittedAt
        student { suid firstName lastName }
        school { entityId name }
        program { programNumber name }
        course { courseNumber name }
        impact {
          before { participant concentrator completer placementSurveyEligible }
          after { participant concentrator completer placementSurveyEligible }
          changesStatus
        }
        advisories { code message }
      }
    }
  }
}"""


def bench_settings(**overrides) -> Settings:
    """Production settings, except that the benchmarks' own documents run as full documents
    (production requires the web app's trusted documents)."""
    overrides.setdefault("trusted_documents", "allowed")
    return Settings(mongodb_uri=UNUSED_URI, jwt_secret=BENCH_SECRET, env="production", **overrides)


def token(role: Role, sub: str, name: str, leas: tuple[int, ...] = ()) -> str:
    return issue_token(BENCH_SECRET, role=role, sub=sub, name=name, lea_ids=list(leas))


LEA_TOKEN = token(Role.LEA_USER, "lea-mesa", "Mesa Coordinator", (MESA,))
REVIEWER_TOKEN = token(Role.REVIEWER, "reviewer-1", "Riley Reviewer")


def fixed_clock() -> datetime:
    return NOW


def bench_app(settings: Settings | None = None) -> Starlette:
    """The app under test, with the plain routes added."""
    configure_logging("INFO", open(os.devnull, "w"))  # log lines are formatted, then dropped
    logging.getLogger("httpx2").setLevel(logging.WARNING)  # the benchmark's own client
    settings = settings or bench_settings()
    store = open_store(None, settings.database)  # the embedded store, whatever the URI says
    app = create_app(settings, store=store, clock=fixed_clock, data_dir=sample_data_dir())
    app.router.routes.extend(
        [
            Route("/plain/participant-records", plain.participant_records),
            Route("/plain/change-requests", plain.change_requests),
        ]
    )
    return app


async def seed(client) -> None:
    """Submit SEEDED_REQUESTS requests through the API (not measured)."""
    inputs = request_inputs({RED_MOUNTAIN})[:SEEDED_REQUESTS]
    await submit_requests(GraphQLClient(client), LEA_TOKEN, inputs)

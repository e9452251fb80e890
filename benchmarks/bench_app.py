"""The application the benchmarks measure: production settings (limits, masking, JSON logs
to /dev/null), the embedded store with the sample data at a fixed date, and the plain JSON
routes of benchmarks.plain and the bare GraphQL route of benchmarks.bare beside /graphql.
`bench_app` is also the uvicorn factory of the loopback runs."""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Route

from domain.models import Role
from domain.repository import open_store
from server.app import create_app, sample_data_dir
from server.auth import issue_token
from server.logging import configure_logging
from server.settings import Settings
from server.trusted_documents import document_hash
from tests.conftest import GraphQLClient
from tests.hardening import UNUSED_URI, request_inputs, submit_requests

from . import bare, plain

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


# The benchmark's trusted documents, as the web app's build writes its manifest: these run
# compiled (schema/compiled); the same documents under another operation name (ad_hoc) are
# not in the manifest and run through graphql-core.
_MANIFEST_DIR = tempfile.TemporaryDirectory(prefix="ctecr-bench-")
BENCH_MANIFEST = Path(_MANIFEST_DIR.name) / "persisted-documents.json"
BENCH_MANIFEST.write_text(
    json.dumps({f"sha256:{document_hash(d)}": d for d in (RECORDS_QUERY, REQUESTS_PAGE)})
)


def ad_hoc(document: str) -> str:
    """The document under another operation name: the same answer, not a trusted document."""
    return re.sub(r"^query (\w+)", r"query \1AdHoc", document)


def bench_settings(**overrides) -> Settings:
    """Production settings, except that the benchmarks' own documents run as full documents
    (production requires the web app's trusted documents), and the trusted ones are the
    benchmark's."""
    overrides.setdefault("trusted_documents", "allowed")
    overrides.setdefault("trusted_documents_manifest", BENCH_MANIFEST)
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
    # First: the web app's routes answer every other GET.
    app.router.routes[:0] = [
        Route("/plain/participant-records", plain.participant_records),
        Route("/plain/change-requests", plain.change_requests),
        Route("/plain/graphql-bare", bare.graphql, methods=["POST"]),
    ]
    return app


async def seed(client) -> None:
    """Submit SEEDED_REQUESTS requests through the API (not measured)."""
    inputs = request_inputs({RED_MOUNTAIN})[:SEEDED_REQUESTS]
    await submit_requests(GraphQLClient(client), LEA_TOKEN, inputs)

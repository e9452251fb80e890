"""Metrics: what each operation, approval, upload and socket adds, bounded labels (operation
names only from the trusted-document manifest), and /metrics only on a port of its own."""

import json
import socket
import urllib.request

import httpx2
import pytest
from prometheus_client import REGISTRY, generate_latest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from schema.ids import local_id
from server import metrics
from server.cli import app as cli
from server.trusted_documents import document_hash
from tests.approval_support import approved, submit
from tests.conftest import RED_MOUNTAIN
from tests.sample import C1, CULINARY, MATEO, SOFIA
from tests.test_recovery import crash_approval
from tests.ws import connect, wait_until

RECORDS = """query StudentRecords($suid: String!, $school: Int!) {
  participantRecords(suid: $suid, schoolEntityId: $school) { id courses { totalCredits } }
}"""
VARIABLES = {"suid": SOFIA, "school": RED_MOUNTAIN}
MATEOS_REQUEST = dict(suid=MATEO, school=RED_MOUNTAIN, program=CULINARY, course=C1, credits="0.5")


def value(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
def trusted(app, tmp_path):
    """A manifest trusting StudentRecords and Approve, in place of the app's."""
    manifest = tmp_path / "persisted-documents.json"
    approve = (
        "mutation Approve($id: ID!) { approveChangeRequest(input: {id: $id}) { clientMutationId } }"
    )
    documents = {f"sha256:{document_hash(text)}": text for text in (RECORDS, approve)}
    manifest.write_text(json.dumps(documents))
    assert metrics.trust_manifest(manifest) == {"StudentRecords", "Approve"}
    yield
    metrics.trust_manifest(tmp_path / "none.json")


def test_operation_names_come_from_the_manifests_documents(tmp_path):
    manifest = tmp_path / "m.json"
    text = "query A { viewer { id } } mutation B { x }"
    manifest.write_text(json.dumps({f"sha256:{document_hash(text)}": text}))
    assert metrics.trust_manifest(manifest) == {"A", "B"}
    assert metrics.trust_manifest(tmp_path / "missing.json") == frozenset()
    (tmp_path / "bad.json").write_text("{not json")
    assert metrics.trust_manifest(tmp_path / "bad.json") == frozenset()
    assert metrics.operation_label("A") == "other"


async def test_an_operation_counts_under_its_trusted_name_with_latency_and_round_trips(
    trusted, gql, tokens
):
    labels = dict(operation="StudentRecords", type="query")
    before = value("ctecr_operations_total", outcome="ok", **labels)
    trips = value("ctecr_operation_round_trips_sum", **labels)
    latencies = value("ctecr_operation_duration_seconds_count", **labels)

    await gql.data(RECORDS, VARIABLES, tokens.mesa)

    assert value("ctecr_operations_total", outcome="ok", **labels) == before + 1
    assert value("ctecr_operation_duration_seconds_count", **labels) == latencies + 1
    assert value("ctecr_operation_round_trips_sum", **labels) >= trips + 3


async def test_an_untrusted_name_counts_as_other_and_no_suid_or_user_id_is_a_label(
    trusted, gql, tokens
):
    before = value("ctecr_operations_total", operation="other", type="query", outcome="ok")
    renamed = RECORDS.replace("StudentRecords", "Student1002345735")
    await gql.data(renamed, VARIABLES, tokens.mesa)
    assert value("ctecr_operations_total", operation="other", type="query", outcome="ok") == (
        before + 1
    )
    text = generate_latest(REGISTRY).decode()
    assert SOFIA not in text and "lea-mesa" not in text and "Student1" not in text


async def test_without_a_manifest_every_name_is_other(gql, tokens, tmp_path):
    metrics.trust_manifest(tmp_path / "none.json")
    before = value("ctecr_operations_total", operation="other", type="query", outcome="ok")
    await gql.data(RECORDS, VARIABLES, tokens.mesa)
    after = value("ctecr_operations_total", operation="other", type="query", outcome="ok")
    assert after == before + 1


async def test_errors_count_by_code_and_limit_refusals_by_kind(gql, tokens):
    code = "TOO_MANY_ALIASES"
    refusals = value("ctecr_limit_refusals_total", kind=code)
    errors = value("ctecr_operation_errors_total", operation="other", code=code)
    aliases = " ".join(f"a{n}: viewer {{ id }}" for n in range(40))
    body = await gql.post(f"query Many {{ {aliases} }}", token=tokens.mesa)
    assert [e["extensions"]["code"] for e in body["errors"]] == [code]
    assert value("ctecr_limit_refusals_total", kind=code) == refusals + 1
    assert value("ctecr_operation_errors_total", operation="other", code=code) == errors + 1


async def test_a_too_large_body_counts_as_a_limit_refusal(app, http):
    before = value("ctecr_limit_refusals_total", kind="BODY_TOO_LARGE")
    limit = app.state.settings.max_request_bytes
    response = await http.post(
        "/graphql", content=b"{" + b" " * limit + b"}", headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert value("ctecr_limit_refusals_total", kind="BODY_TOO_LARGE") == before + 1


async def test_an_approval_counts_claimed_and_applied(gql, tokens):
    claimed = value("ctecr_approvals_total", step="claimed")
    applied = value("ctecr_approvals_total", step="applied")
    request = await submit(gql, tokens.mesa, **MATEOS_REQUEST)
    await approved(gql, tokens.reviewer, request["id"])
    assert value("ctecr_approvals_total", step="claimed") == claimed + 1
    assert value("ctecr_approvals_total", step="applied") == applied + 1


async def test_an_approval_finished_by_recovery_counts_as_recovered(
    app, gql, tokens, store, monkeypatch
):
    request = await submit(gql, tokens.mesa, **MATEOS_REQUEST)
    request_id = local_id(request["id"], "ChangeRequest")
    await crash_approval(app, store, monkeypatch, request_id, "records", "replace")
    recovered = value("ctecr_approvals_total", step="recovered")
    applied = value("ctecr_approvals_total", step="applied")
    assert await app.state.services.approvals.recover() == 1
    assert value("ctecr_approvals_total", step="recovered") == recovered + 1
    assert value("ctecr_approvals_total", step="applied") == applied + 1


async def test_stored_evidence_counts_files_and_bytes(app):
    from tests.evidence_files import pdf_bytes
    from tests.test_evidence_http import submit_with

    files, stored = (
        value("ctecr_evidence_files_stored_total"),
        value("ctecr_evidence_bytes_stored_total"),
    )
    attachment = await submit_with(app, "t.pdf", pdf_bytes("Transcript"))
    assert value("ctecr_evidence_files_stored_total") == files + 1
    assert value("ctecr_evidence_bytes_stored_total") == stored + attachment.size


def test_open_sockets_subscriptions_and_the_feed_are_sampled(app, tokens):
    feed = app.state.services.event_feed
    with TestClient(app) as client:
        sockets = value("ctecr_websockets_open")
        with connect(client, tokens.reviewer) as socket_:
            assert value("ctecr_websockets_open") == sockets + 1
            socket_.subscribe()
            wait_until(lambda: feed.subscriber_count == 1)
            client.portal.call(metrics.sample_feeds)
            assert value("ctecr_subscriptions_active") >= 1
            assert value("ctecr_event_feed_mode", mode="poll") >= 1
            assert value("ctecr_event_feed_lag_events") == 0
        wait_until(lambda: value("ctecr_websockets_open") == sockets)


async def test_feed_lag_counts_logged_events_not_yet_delivered(app, gql, tokens):
    feed = app.state.services.event_feed
    await feed.stop()  # the test polls: no background poll may deliver meanwhile
    await feed.poll()
    await submit(gql, tokens.mesa, **MATEOS_REQUEST)
    assert await feed.lag() == 1
    await feed.poll()
    assert await feed.lag() == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_metrics_are_served_on_their_own_port_and_not_on_the_public_one(http):
    assert (await http.get("/metrics")).status_code == 404
    port = _free_port()
    server = metrics.serve_metrics("127.0.0.1", port)
    try:
        async with httpx2.AsyncClient() as client:
            response = await client.get(f"http://127.0.0.1:{port}/metrics")
    finally:
        server.shutdown()
    assert response.status_code == 200
    assert "ctecr_operations_total" in response.text


def test_the_workers_metrics_are_summed_from_the_multiprocess_folder(tmp_path):
    """What the supervisor serves under --workers: here an empty folder, a valid answer."""
    port = _free_port()
    server = metrics.serve_metrics("127.0.0.1", port, str(tmp_path))
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
            assert answer.status == 200
    finally:
        server.shutdown()


def test_serve_refuses_the_public_port_for_metrics_and_workers_on_the_embedded_store(
    monkeypatch,
):
    runner = CliRunner()
    monkeypatch.setenv("CTECR_METRICS_PORT", "8000")
    refused = runner.invoke(cli, ["serve", "--port", "8000"])
    assert refused.exit_code == 2 and "CTECR_METRICS_PORT" in refused.output
    monkeypatch.delenv("CTECR_METRICS_PORT")
    monkeypatch.delenv("CTECR_MONGODB_URI", raising=False)
    refused = runner.invoke(cli, ["serve", "--workers", "2"])
    assert refused.exit_code == 2 and "CTECR_MONGODB_URI" in refused.output


def test_the_domain_imports_no_metrics_or_tracing_library():
    import ast
    from pathlib import Path

    import domain

    found = set()
    for source in Path(domain.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    assert "pymongo" in found  # the walk sees the repository's imports
    assert not found & {"prometheus_client", "opentelemetry", "server", "strawberry"}


async def test_round_trips_are_counted_for_the_operation_of_their_own_context():
    import asyncio
    import contextvars

    from domain.observe import count_round_trips, round_trip

    def another_operation() -> int:
        counter = count_round_trips()
        round_trip()
        return counter.count

    async def in_a_task() -> None:
        round_trip()

    counter = count_round_trips()
    round_trip()
    await asyncio.create_task(in_a_task())  # a task it starts counts for it
    assert contextvars.Context().run(another_operation) == 1
    assert counter.count == 2

"""Traces with the SDK's in-memory exporter: a span per operation carrying the log line's
correlation id, child spans for awaiting resolvers. MongoDB command spans come from the
pymongo instrumentation, which the embedded store (mongomock) never reaches: untested here."""

import httpx2
import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from server import tracing
from server.app import create_app, sample_data_dir, schema_extensions
from server.trusted_documents import Manifest, TrustedDocuments
from tests.conftest import RED_MOUNTAIN, GraphQLClient
from tests.hardening import log_lines  # noqa: F401 (a fixture)

RECORDS = """query StudentRecords($suid: String!, $school: Int!) {
  participantRecords(suid: $suid, schoolEntityId: $school) {
    id school { name lea { schools { name } } }
  }
}"""


@pytest.fixture
def exporter():
    return InMemorySpanExporter()


@pytest.fixture
async def traced(settings, store, clock, exporter):
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    app = create_app(
        settings, store=store, clock=clock, data_dir=sample_data_dir(), tracer_provider=provider
    )
    async with app.router.lifespan_context(app):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as http:
            yield GraphQLClient(http)


async def test_an_operation_is_a_span_with_the_log_lines_correlation_id(
    traced,
    exporter,
    tokens,
    log_lines,
):
    await traced.data(RECORDS, {"suid": "1002345735", "school": RED_MOUNTAIN}, tokens.mesa)
    spans = exporter.get_finished_spans()
    [operation] = [s for s in spans if s.name == "query StudentRecords"]
    [line] = log_lines.events("graphql_operation")
    assert operation.attributes["ctecr.request_id"] == line["request_id"]
    assert operation.attributes["graphql.operation.type"] == "query"
    resolvers = [s for s in spans if s.name.startswith("resolve ")]
    assert "resolve Query.participantRecords" in {s.name for s in resolvers}
    assert "resolve Lea.schools" in {s.name for s in resolvers}
    assert all(s.context.trace_id == operation.context.trace_id for s in resolvers)
    top = next(s for s in resolvers if s.name == "resolve Query.participantRecords")
    assert top.parent.span_id == operation.context.span_id
    # Plain fields (no await, no database) make no span, nor relations that the page's
    # prefetch loaded (resolvers/prefetch.py): they return at once.
    assert "resolve ParticipantRecord.id" not in {s.name for s in resolvers}
    assert not {"resolve ParticipantRecord.school", "resolve School.lea"} & {
        s.name for s in resolvers
    }


async def test_error_codes_are_span_attributes(traced, exporter):
    await traced.post(RECORDS, {"suid": "1002345735", "school": RED_MOUNTAIN})
    [operation] = [s for s in exporter.get_finished_spans() if s.name.startswith("query")]
    assert operation.attributes["ctecr.error_codes"] == ("UNAUTHENTICATED",)


def test_tracing_is_off_without_an_endpoint(settings, monkeypatch):
    monkeypatch.delenv(tracing.ENDPOINT_VARIABLE, raising=False)
    assert tracing.provider_from_environment() is None
    documents = TrustedDocuments("off", Manifest())
    names = {getattr(f, "func", f) for f in schema_extensions(settings, documents)}
    assert tracing.OperationSpans not in names


def test_an_endpoint_turns_otlp_export_on(monkeypatch):
    monkeypatch.setenv(tracing.ENDPOINT_VARIABLE, "http://127.0.0.1:4318")
    provider = tracing.provider_from_environment()
    try:
        assert provider is not None
        assert provider.resource.attributes["service.name"] == "ctecr"
    finally:
        provider.shutdown()

"""OpenTelemetry traces: off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (then spans go there
by OTLP over HTTP, configured by the standard OTEL_* variables).

Each operation is a span carrying the correlation id of its log line (`ctecr.request_id`),
its type, its name (when a GraphQL name) and its error codes; each resolver that awaits (those
that read through loaders or services, hence the database) is a child span; each MongoDB
command is a grandchild span, made by the pymongo instrumentation (motor runs pymongo in
threads with the caller's context, so the command spans nest under the resolver's). The
embedded store (mongomock) sends no command through pymongo, so it makes no command spans.
When tracing is off the extension is not installed at all: it costs nothing.
"""

from __future__ import annotations

import inspect
import os

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import SpanKind, Status, StatusCode
from strawberry.extensions import SchemaExtension

from .errors import INTERNAL
from .logging import error_code, operation_name, operation_type, request_id

ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT"
SERVICE_NAME = "ctecr"

_instrumented = False


def provider_from_environment() -> TracerProvider | None:
    """An OTLP-exporting provider when the endpoint variable is set, else None."""
    if not os.environ.get(ENDPOINT_VARIABLE):
        return None
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    service = os.environ.get("OTEL_SERVICE_NAME", SERVICE_NAME)
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    return provider


def instrument_pymongo(provider: TracerProvider) -> None:
    """Command spans for every pymongo client made from now on (once per process)."""
    global _instrumented
    if _instrumented:
        return
    from opentelemetry.instrumentation.pymongo import PymongoInstrumentor

    PymongoInstrumentor().instrument(tracer_provider=provider)
    _instrumented = True


class OperationSpans(SchemaExtension):
    """A span per operation and a child span per awaiting resolver (see the module)."""

    def __init__(self, *, tracer: trace.Tracer):
        self.tracer = tracer

    def on_operation(self):
        with self.tracer.start_as_current_span("graphql.operation", kind=SpanKind.SERVER) as span:
            yield
            self._describe(span)

    def _describe(self, span: trace.Span) -> None:
        context = self.execution_context
        kind, name = operation_type(context), operation_name(context)
        span.update_name(" ".join(part for part in (kind, name) if part) or "graphql.operation")
        span.set_attribute("ctecr.request_id", request_id(context))
        if kind:
            span.set_attribute("graphql.operation.type", kind)
        if name:
            span.set_attribute("graphql.operation.name", name)
        errors = getattr(context.result, "errors", None) or ()
        codes = sorted({error_code(error) for error in errors})
        if codes:
            span.set_attribute("ctecr.error_codes", codes)
        if INTERNAL in codes:
            span.set_status(Status(StatusCode.ERROR))

    def resolve(self, _next, root, info, *args, **kwargs):
        result = _next(root, info, *args, **kwargs)
        if not inspect.isawaitable(result):
            return result
        return self._traced(result, f"resolve {info.parent_type.name}.{info.field_name}")

    async def _traced(self, awaitable, name: str):
        with self.tracer.start_as_current_span(name):
            return await awaitable

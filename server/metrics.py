"""Prometheus metrics (prometheus-client), served by `serve_metrics` on a port of their own,
never on the public one.

Every label value is bounded: operation names only from the trusted-document manifest
(anything else is "other"), error codes only when they look like our codes, limit kinds from
a fixed list; never a SUID, a user id or a client's free text. Under `ctecr serve --workers
N` the workers write their values to files in PROMETHEUS_MULTIPROC_DIR and the supervising
process serves their sum (prometheus-client's multiprocess mode).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from graphql import OperationDefinitionNode, parse
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client import start_http_server as _start_http_server

from domain import observe
from domain.tasks import cancel_and_wait

from .feeds import RUNNING

log = logging.getLogger("ctecr.metrics")

# In multiprocess mode each metric below opens its file in this folder as it is made.
if folder := os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.makedirs(folder, exist_ok=True)

OTHER = "other"
# Codes of refusals by the limits on every operation (server.limits, server.cost, HTTP).
LIMIT_KINDS = frozenset(
    {
        "QUERY_TOO_DEEP",
        "TOO_MANY_ALIASES",
        "QUERY_TOO_LARGE",
        "QUERY_TOO_COSTLY",
        "INTROSPECTION_DISABLED",
        "BODY_TOO_LARGE",
    }
)
_CODE = re.compile(r"[A-Z][A-Z_]{0,39}")
OPERATION_TYPES = frozenset({"query", "mutation", "subscription"})
SAMPLE_INTERVAL = 1.0

OPERATIONS = Counter(
    "ctecr_operations",
    "GraphQL operations by trusted operation name, type and outcome (ok or errors).",
    ["operation", "type", "outcome"],
)
OPERATION_ERRORS = Counter(
    "ctecr_operation_errors",
    "Errors sent, by trusted operation name and error code (once per code per operation).",
    ["operation", "code"],
)
DURATION = Histogram(
    "ctecr_operation_duration_seconds",
    "Time from an operation's start to its end (a subscription's whole life).",
    ["operation", "type"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
ROUND_TRIPS = Histogram(
    "ctecr_operation_round_trips",
    "Database round trips made by one operation.",
    ["operation", "type"],
    buckets=(0, 1, 2, 4, 8, 16, 32, 64, 128),
)
LIMIT_REFUSALS = Counter(
    "ctecr_limit_refusals", "Operations or requests refused by a limit, by kind.", ["kind"]
)
WEBSOCKETS = Gauge(
    "ctecr_websockets_open", "Open WebSocket connections.", multiprocess_mode="livesum"
)
SUBSCRIPTIONS = Gauge(
    "ctecr_subscriptions_active",
    "Subscribers of the event feed (live subscriptions).",
    multiprocess_mode="livesum",
)
FEED_LAG = Gauge(
    "ctecr_event_feed_lag_events",
    "Events in the log beyond the last one the feed has settled as delivered.",
    multiprocess_mode="livemax",
)
FEED_MODE = Gauge(
    "ctecr_event_feed_mode",
    "Event feeds by how they learn of new events: change_stream or poll.",
    ["mode"],
    multiprocess_mode="livesum",
)
APPROVALS = Counter(
    "ctecr_approvals",
    "Approval steps: claimed, applied (credits in the record, request APPROVED), recovered.",
    ["step"],
)
UPLOADS = Counter("ctecr_evidence_files_stored", "Evidence files stored.")
UPLOAD_BYTES = Counter("ctecr_evidence_bytes_stored", "Bytes of evidence files stored.")


class MetricsObserver(observe.Observer):
    """The domain's observer hooks, counted."""

    def approval_claimed(self) -> None:
        APPROVALS.labels("claimed").inc()

    def approval_applied(self) -> None:
        APPROVALS.labels("applied").inc()

    def approvals_recovered(self, count: int) -> None:
        if count:
            APPROVALS.labels("recovered").inc(count)

    def evidence_stored(self, size: int) -> None:
        UPLOADS.inc()
        UPLOAD_BYTES.inc(size)


def install_observer() -> None:
    observe.install(MetricsObserver())


_trusted_names: frozenset[str] = frozenset()


def operation_names_in(texts: Iterable[str]) -> frozenset[str]:
    """The names of the operations the documents `texts` define."""
    return frozenset(
        definition.name.value
        for text in texts
        for definition in parse(text).definitions
        if isinstance(definition, OperationDefinitionNode) and definition.name
    )


def trust_manifest(path: Path) -> frozenset[str]:
    """Take the operation names of the trusted-document manifest at `path` (read as
    server.trusted_documents reads it) as the operation labels, whatever the trusted-document
    mode; none when there is no manifest or it cannot be read. Returns them."""
    from .trusted_documents import Manifest, ManifestError  # it imports server.logging

    global _trusted_names
    try:
        texts = Manifest.read(path).texts if path.is_file() else frozenset()
    except ManifestError as problem:
        log.warning("operation names left as 'other': %s", problem)
        texts = frozenset()
    _trusted_names = operation_names_in(texts)
    return _trusted_names


def operation_label(name: str | None) -> str:
    return name if name in _trusted_names else OTHER


def code_label(code: str) -> str:
    return code if _CODE.fullmatch(code) else OTHER


def record_operation(
    name: str | None, kind: str | None, codes: list[str], seconds: float, trips: int
) -> None:
    """Count one finished operation (server.logging calls this with its log line)."""
    operation = operation_label(name)
    kind = kind if kind in OPERATION_TYPES else OTHER
    count, duration, round_trips = _series(operation, kind, "errors" if codes else "ok")
    count.inc()
    duration.observe(seconds)
    round_trips.observe(trips)
    for code in codes:
        OPERATION_ERRORS.labels(operation, code_label(code)).inc()
        if code in LIMIT_KINDS:
            LIMIT_REFUSALS.labels(code).inc()


@cache
def _series(operation: str, kind: str, outcome: str):
    """The labelled series of one kind of operation, looked up once (labels() takes a lock
    and builds a key each time: a third of the cost of counting an operation). Bounded, as
    the labels are."""
    return (
        OPERATIONS.labels(operation, kind, outcome),
        DURATION.labels(operation, kind),
        ROUND_TRIPS.labels(operation, kind),
    )


def limit_refused(kind: str) -> None:
    """A refusal made outside GraphQL (the HTTP body size limit)."""
    LIMIT_REFUSALS.labels(kind).inc()


def websockets_changed(delta: int) -> None:
    WEBSOCKETS.inc(delta)


async def sample_feeds() -> None:
    """Set the feed gauges from every running feed of this process (one, when serving)."""
    feeds = list(RUNNING)
    SUBSCRIPTIONS.set(sum(feed.subscriber_count for feed in feeds))
    lags = [await feed.lag() for feed in feeds]
    FEED_LAG.set(max(lags, default=0))
    for mode in ("change_stream", "poll"):
        FEED_MODE.labels(mode).set(sum(feed.mode == mode for feed in feeds))


@contextlib.asynccontextmanager
async def sampling(interval: float = SAMPLE_INTERVAL):
    """While the app runs, the running feeds are sampled every `interval` seconds."""
    task = asyncio.create_task(_sample_periodically(interval), name="metrics-sampler")
    try:
        yield
    finally:
        await cancel_and_wait(task)


async def _sample_periodically(interval: float) -> None:
    while True:
        try:
            await sample_feeds()
        except Exception:  # a database hiccup must not end the sampling
            log.exception("sampling the event feed failed; retrying")
        await asyncio.sleep(interval)


def registry(multiprocess_dir: str | None) -> CollectorRegistry:
    """The registry to serve: this process's, or the sum of the workers' files."""
    if multiprocess_dir is None:
        return REGISTRY
    from prometheus_client import multiprocess

    combined = CollectorRegistry()
    multiprocess.MultiProcessCollector(combined, path=multiprocess_dir)
    return combined


def serve_metrics(host: str, port: int, multiprocess_dir: str | None = None):
    """Serve /metrics (the Prometheus text format) on `host:port` from a thread; returns the
    HTTP server, whose `shutdown()` stops it."""
    server, _thread = _start_http_server(port, addr=host, registry=registry(multiprocess_dir))
    return server

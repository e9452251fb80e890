"""The Starlette application: GraphQL over HTTP and WebSocket, health checks, lifecycle."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from importlib import resources
from pathlib import Path

from opentelemetry.sdk.trace import TracerProvider
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.extensions import SchemaExtension
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from domain.clock import Clock, system_clock
from domain.events.feed import Drop
from domain.exits import AT_START, refresh_recent_exits
from domain.loader import Loader
from domain.repository import Store, open_store
from domain.services import Rules, Services
from domain.tasks import cancel_and_wait
from schema.context import Context
from schema.identity_cache import IdentityCache
from schema.lru import LRU
from schema.root import build_schema

from . import metrics
from .attachments import download_attachment
from .auth import Authenticator, RequireViewer, Unauthenticated
from .bodies import JsonObjectBodies
from .compiled_execution import executor_class
from .document_size import DocumentSizeLimit
from .errors import ErrorPolicy
from .feeds import OpenSockets, running
from .http_responses import GraphQLOverHTTP
from .limits import limit_extensions
from .logging import OperationLog, configure_logging
from .mail import notifier_for
from .prepared_operations import PreparedDocuments, PreparedRequests, RecordPrepared
from .request_guards import BodySizeLimit, RequirePreflight
from .runtime import tuned_gc
from .selection_limits import SelectionLimit
from .settings import Settings
from .tracing import OperationSpans, instrument_pymongo, provider_from_environment
from .transport import OperationsByTransport
from .trusted_documents import (
    DocumentIdBodies,
    TrustedDocumentPolicy,
    TrustedDocuments,
    load_manifest,
)
from .uploads import SafeMultipart
from .web import BUNDLE, MANIFEST, WebApp
from .websocket import EXPIRY, TransportWSHandler

SAMPLE_DATA = resources.files("server") / "sample_data"
# What a page on an allowed other origin may send (server.request_guards names the last two).
CORS_HEADERS = [
    "Authorization",
    "Content-Type",
    "Apollo-Require-Preflight",
    "X-Apollo-Operation-Name",
]


def sample_data_dir() -> Path:
    return Path(str(SAMPLE_DATA))


class GraphQLApp(
    PreparedRequests, GraphQLOverHTTP, DocumentIdBodies, SafeMultipart, JsonObjectBodies, GraphQL
):
    """Strawberry's ASGI app with our per-request context, documents by id, the short path
    for documents that passed before, and the web app's GraphiQL page."""

    graphql_transport_ws_handler_class = TransportWSHandler

    def __init__(
        self,
        services: Services,
        settings: Settings,
        authenticator: Authenticator,
        documents: TrustedDocuments,
        web: WebApp,
        tracer_provider: TracerProvider | None = None,
        **options,
    ):
        self.prepared: PreparedDocuments = LRU(settings.document_cache_size)
        self.operation_extensions = operation_extensions(settings, tracer_provider)
        extensions = schema_extensions(settings, documents, tracer_provider, self.prepared)
        executor = executor_class(settings, documents.manifest)
        super().__init__(build_schema(extensions, executor), **options)
        self.services = services
        self.settings = settings
        self.authenticator = authenticator
        self.documents = documents
        self.web = web

    async def render_graphql_ide(self, request) -> Response:
        """The bundle's self-hosted GraphiQL instead of strawberry's page, which loads
        GraphiQL from a CDN."""
        return self.web.graphiql()

    async def get_context(self, request, response=None) -> Context:
        """Over HTTP the viewer comes from the Authorization header; over a WebSocket from
        the connection_init payload (on_ws_connect), for the whole connection."""
        if isinstance(request, WebSocket):
            context = Context.create(None, self.services, request)
            context.close_connection = lambda drop, reason: request.close(CLOSE_CODES[drop], reason)
            return context
        try:
            viewer = await self.authenticator.viewer(request.headers.get("authorization"))
        except Unauthenticated as refusal:
            context = Context.create(None, self.services, request)
            context.extras["auth_error"] = str(refusal)
            return context
        return Context.create(viewer, self.services, request)

    async def on_ws_connect(self, context: Context) -> None:
        """A missing or bad token in the payload closes the socket with 4403, and so does the
        token's expiry later: a connection lasts no longer than its token."""
        params = context.connection_params or {}
        header = next((v for k, v in params.items() if k.lower() == "authorization"), None)
        try:
            authenticated = await self.authenticator.authenticate_header(
                header if isinstance(header, str) else None
            )
        except Unauthenticated:
            raise ConnectionRejectionError() from None
        context.sign_in(authenticated.viewer)
        left = (authenticated.expires_at - datetime.now(UTC)).total_seconds()
        socket = context.request
        context.extras[EXPIRY] = asyncio.get_running_loop().call_later(
            max(left, 0), lambda: asyncio.ensure_future(_close_quietly(socket))
        )


# WebSocket close codes: 4403 for a missing, bad or expired token (graphql-transport-ws's
# "forbidden"), 4008 for a subscriber the feed dropped as too slow, 1001 for a server going away.
TOKEN_CLOSE_CODE = 4403
CLOSE_CODES = {Drop.TOO_SLOW: 4008, Drop.SHUTTING_DOWN: 1001}


async def _close_quietly(socket: WebSocket) -> None:
    """Close an expired connection; one that closed already is left alone."""
    with contextlib.suppress(Exception):
        await socket.close(TOKEN_CLOSE_CODE, "token expired")


def operation_extensions(
    settings: Settings, tracer_provider: TracerProvider | None = None
) -> list[Callable[[], SchemaExtension]]:
    """The extensions that act on every operation, a prepared one's too (server.
    prepared_operations), outermost first: the operation's span (when tracing) encloses
    everything; the log sees errors as the client does, after ErrorPolicy."""
    policy = partial(ErrorPolicy, mask=settings.production, hide_suggestions=settings.production)
    spans = []
    if tracer_provider is not None:
        spans = [partial(OperationSpans, tracer=tracer_provider.get_tracer("ctecr"))]
    return [*spans, OperationLog, policy]


def schema_extensions(
    settings: Settings,
    documents: TrustedDocuments,
    tracer_provider: TracerProvider | None = None,
    prepared: PreparedDocuments | None = None,
) -> Sequence[Callable[[], SchemaExtension]]:
    """The operation's extensions, then the checks: the viewer is required first, so an
    anonymous caller costs no validation and learns nothing from it; the document's expanded
    size and its selection sets are bounded before anything walks it, and before the (cached)
    validation with the limits' rules runs; an untrusted document is refused then too. Last,
    what passed them all is recorded in `prepared`."""
    viewer = partial(RequireViewer, anonymous_introspection=not settings.production)
    cache_size = settings.document_cache_size
    size = partial(
        DocumentSizeLimit,
        max_fields=settings.max_expanded_fields,
        passed=IdentityCache(cache_size),
    )
    selections = partial(
        SelectionLimit,
        max_selections=settings.max_selections,
        max_repeats=settings.max_field_repeats,
        passed=IdentityCache(cache_size),
    )
    recorder = [] if prepared is None else [partial(RecordPrepared, prepared=prepared)]
    return [
        *operation_extensions(settings, tracer_provider),
        viewer,
        size,
        selections,
        partial(TrustedDocumentPolicy, documents=documents),
        OperationsByTransport,
        *limit_extensions(settings),
        *recorder,
    ]


def trusted_documents(settings: Settings, web_root: Path) -> TrustedDocuments:
    """The mode and its manifest: the configured one, else the bundle's."""
    configured = settings.trusted_documents_manifest
    mode = settings.trusted_documents_mode
    path = manifest_path(settings, web_root)
    return TrustedDocuments(mode, load_manifest(mode, path, configured is not None))


def manifest_path(settings: Settings, web_root: Path) -> Path:
    return settings.trusted_documents_manifest or web_root / MANIFEST


RECOVERY_INTERVAL = timedelta(seconds=30)
# Approvals younger than this are left to the process running them, at start too: another
# instance sharing the database may be between the writes of a live approval.
RECOVERY_MIN_AGE = timedelta(seconds=10)


async def _recover_periodically(services: Services) -> None:
    """Finish approvals that a crashed process left between writes, remove evidence files
    that a crash left without a request, and recompute the flags of students whose exit day
    has come."""
    log = logging.getLogger("ctecr.recovery")
    while True:
        await asyncio.sleep(RECOVERY_INTERVAL.total_seconds())
        try:
            await services.approvals.recover(RECOVERY_MIN_AGE)
            await services.evidence.sweep_orphans()
            await refresh_recent_exits(services.store, services.clock)
        except Exception:  # keep recovering after a database hiccup
            log.exception("recovery failed; retrying later")


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    clock: Clock = system_clock,
    data_dir: Path | None = None,
    web_root: Path = BUNDLE,
    tracer_provider: TracerProvider | None = None,
) -> Starlette:
    """The application (also uvicorn's factory for `ctecr serve --workers`). `store` defaults
    to the one the settings name; `data_dir`, if given, is loaded at start; `web_root` holds
    the web app's bundle. Traces go to `tracer_provider`, by default to
    OTEL_EXPORTER_OTLP_ENDPOINT when that is set."""
    settings = settings or Settings()
    settings.check()
    configure_logging(settings.log_level)
    authenticator = Authenticator(settings)
    logging.getLogger("ctecr.auth").info(authenticator.describe())
    metrics.install_observer()
    metrics.trust_manifest(manifest_path(settings, web_root))  # operation name labels
    tracer_provider = tracer_provider or provider_from_environment()
    if tracer_provider is not None:
        instrument_pymongo(tracer_provider)  # before the client is made
    store = store or open_store(settings.mongodb_uri, settings.database)
    services = Services(
        store=store,
        clock=clock,
        rules=Rules(
            max_credits_per_request=settings.max_credits_per_request,
            usual_course_total=settings.unusual_course_total,
        ),
        event_poll_interval=settings.event_poll_interval,
    )
    web = WebApp(settings, web_root)
    notifier = notifier_for(settings, store, clock)
    graphql = GraphQLApp(
        services,
        settings,
        authenticator,
        trusted_documents(settings, web_root),
        web,
        tracer_provider,
        graphql_ide=None if settings.production else "graphiql",
        allow_queries_via_get=False,
        multipart_uploads_enabled=True,
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        allowed_origins=settings.allowed_origins,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        await store.ensure_indexes()
        await services.evidence.sweep_orphans()
        if data_dir is not None:
            await Loader(store, clock).load_folder(data_dir)
        await services.approvals.recover(RECOVERY_MIN_AGE)
        await refresh_recent_exits(store, clock, AT_START)
        recovery = asyncio.create_task(_recover_periodically(services))
        await services.event_feed.start()
        if notifier is not None:
            await notifier.start()
        try:
            with running(services.event_feed), tuned_gc(settings.gc_gen0_threshold):
                async with metrics.sampling():
                    yield
        finally:
            if notifier is not None:
                await notifier.stop()
            await services.event_feed.stop()
            await cancel_and_wait(recovery)

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        try:
            await store.ping()
        except Exception as error:  # any driver failure means "not ready"
            return JSONResponse({"status": "unavailable", "error": type(error).__name__}, 503)
        return JSONResponse({"status": "ready"})

    app = Starlette(
        routes=[
            Route("/graphql", RequirePreflight(graphql), methods=["GET", "POST"]),
            WebSocketRoute("/graphql", OpenSockets(graphql, metrics.websockets_changed)),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/attachments/{attachment_id}", download_attachment, methods=["GET"]),
            *web.routes(),
        ],
        lifespan=lifespan,
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=settings.allowed_origins,
                allow_methods=["GET", "POST"],
                allow_headers=CORS_HEADERS,
                max_age=600,
            ),
            Middleware(
                BodySizeLimit,
                max_bytes=settings.max_request_bytes,
                max_json_bytes=settings.max_json_bytes,
            ),
        ],
    )
    app.state.services = services
    app.state.notifier = notifier
    app.state.settings = settings
    app.state.graphql = graphql
    app.state.authenticator = authenticator
    return app

"""The short path over HTTP for documents that passed every check before.

Most of what strawberry does for a request is the same each time for one document: the parse
(cached), the token, size, selection and cost limits, the trusted-documents policy, the
transport's rule, validation (cached). Each of those results depends on the document alone,
except three that depend on the request: whether a viewer is signed in, whether that viewer
may run the document (server.trusted_documents: admins may run any document where trusted
ones are required) and the transport. So once an operation of a signed-in viewer has reached
execution over HTTP, its (text, operation name) is recorded with the document it parsed to;
a later request for the same, from a signed-in viewer allowed to run it, runs at once
(schema.prepared): only the extensions that act on each operation run (the log, the error
policy, the trace), with the same context, executor and answer. Anything else (no token or a
bad one, another content type, a batch, a document never seen pass) takes the whole pipeline,
which answers it as before, from the body the short path already parsed.
"""

from __future__ import annotations

from collections.abc import Sequence

from cross_web import HTTPException, StarletteRequestAdapter
from graphql import DocumentNode, GraphQLError
from starlette.requests import Request
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET

from schema.context import Context, anonymous
from schema.lru import LRU
from schema.prepared import execute_prepared

from .limits import ExtensionFactory
from .transport import over_websocket

# The documents that passed, by query text and requested operation name.
PreparedDocuments = LRU[tuple[str, str | None], DocumentNode]
# Where the short path leaves the body it parsed, in the request's state, for the pipeline.
_PARSED_BODY = "graphql_body"


class RequestAdapter(StarletteRequestAdapter):
    """Strawberry's adapter of a Starlette request, keeping the request it adapts."""

    def __init__(self, request: Request) -> None:
        super().__init__(request)
        self.request = request


class RecordPrepared(SchemaExtension):
    """The last extension: its `on_execute` runs only for an operation that every check
    before execution let through."""

    def __init__(self, *, prepared: PreparedDocuments):
        self.prepared = prepared

    def on_execute(self):
        context = self.execution_context
        name = context._provided_operation_name
        if (
            isinstance(context.query, str)
            and not anonymous(context.context)
            and not over_websocket(context.context)
            and context.operation_type is not OperationType.SUBSCRIPTION
            and context.graphql_document is not None
        ):
            self.prepared.put((context.query, name), context.graphql_document)
        yield


class PreparedRequests:
    """Mixin for the HTTP view: runs a prepared document's request on the short path (see
    the module docstring), and any other request as before."""

    prepared: PreparedDocuments
    operation_extensions: Sequence[ExtensionFactory]
    request_adapter_class = RequestAdapter

    async def run(self, request, context=UNSET, root_value=UNSET):
        if isinstance(request, Request) and context is UNSET and root_value is UNSET:
            found = await self._prepared(request)
            if found is not None:
                # The view's own context: the viewer, or why the token was refused. Handed
                # on to the whole pipeline when refused, so the token is checked once.
                context = await self.get_context(request)
                if context.viewer is not None and self.documents.allows(
                    found[0].query, found[1], context.viewer
                ):
                    return await self._run_prepared(request, *found, context)
        return await super().run(request, context, root_value)  # type: ignore[misc]

    async def _prepared(self, request: Request):
        """(the request's data, its prepared document), or None for a request the whole
        pipeline must take."""
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if request.method != "POST" or media_type != "application/json":
            return None
        data = await self._request_data(request)
        if data is None:
            return None
        document = self.prepared.get((data.query, data.operation_name))
        return None if document is None else (data, document)

    async def _run_prepared(self, request: Request, data, document, context: Context):
        execution_context = ExecutionContext(
            query=data.query,
            schema=self.schema,
            allowed_operations=OperationType.from_http("POST"),
            context=context,
            variables=data.variables,
            provided_operation_name=data.operation_name,
            operation_extensions=data.extensions,
        )
        execution_context.graphql_document = document
        extensions = [make() for make in self.operation_extensions]
        result = await execute_prepared(self.schema, execution_context, extensions)
        response_data = await self.process_result(request=request, result=result)
        if result.errors:
            self._handle_errors(result.errors, response_data)
        return self.create_response(response_data, await self.get_sub_response(request))

    async def parse_http_body(self, request_adapter: RequestAdapter):
        """Once per request: what the short path parsed, if it did."""
        parsed = getattr(request_adapter.request.state, _PARSED_BODY, None)
        if parsed is not None:
            return parsed
        return await super().parse_http_body(request_adapter)  # type: ignore[misc]

    async def _request_data(self, request: Request):
        """The body as strawberry reads it, with a document named by id resolved; None
        when strawberry or the trusted documents would refuse it, or for a batch."""
        try:
            data = await self.parse_http_body(self.request_adapter_class(request))
            if isinstance(data, list) or data.protocol != "http":
                return None
            # Kept for the pipeline, which resolves a document named by id again: the same
            # text, or the same refusal.
            setattr(request.state, _PARSED_BODY, data)
            self.resolve_document(data)
        except (HTTPException, GraphQLError, ValueError):
            return None
        name = data.operation_name
        if not isinstance(data.query, str) or not isinstance(name, (str, type(None))):
            return None
        return data

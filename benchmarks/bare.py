"""The least any GraphQL request costs on this stack: a route that runs a trusted document
through the application's own schema and compiled executor (schema/compiled), with the same
token check and request context as /graphql, and nothing else: no strawberry view, no
extensions (so no log line, metrics, error policy or trace), no limits, no trusted-documents
policy, the document parsed once. Benchmark-only; it is what is left when everything that
can be cut is cut, so its ratio to the plain route bounds what trimming the real path can
reach."""

from __future__ import annotations

import json
from functools import lru_cache

from graphql import DocumentNode, parse
from graphql.execution import execute
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from strawberry.schema._graphql_core import execution_context_class_kwargs

from schema.context import Context
from server.auth import Unauthenticated

from .plain import _refusal, _viewer


@lru_cache(maxsize=8)
def _document(text: str) -> DocumentNode:
    return parse(text)


async def graphql(request: Request) -> Response:
    body = json.loads(await request.body())
    try:
        viewer = await _viewer(request)
    except Unauthenticated as error:
        return _refusal(error)
    app = request.app.state.graphql
    schema = app.schema
    result = execute(
        schema._schema,
        _document(body["query"]),
        context_value=Context.create(viewer, app.services, request),
        variable_values=body.get("variables"),
        operation_name=body.get("operationName"),
        **execution_context_class_kwargs(schema.execution_context_class),
    )
    if hasattr(result, "__await__"):
        result = await result
    if result.errors:
        return JSONResponse({"data": result.data, "errors": [e.formatted for e in result.errors]})
    return JSONResponse({"data": result.data})

"""GraphQL over HTTP answers: `application/graphql-response+json` for clients that ask for it
(the GraphQL-over-HTTP spec), `application/json` as before for the others, and JSON GraphQL
error bodies, each with an `extensions.code`, for requests refused before any GraphQL ran.

With `application/graphql-response+json` a request error (a document that does not parse or
validate, or is refused before it runs: it has no field path and no data) is answered 4xx
without `data`: 401 for UNAUTHENTICATED, else 400. A result that ran keeps 200 and its data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from cross_web import HTTPException
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
STATUS_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


def _quality(accept: str, media_type: str) -> float:
    """The q of `media_type` in an Accept header, 0 when it is not listed by name."""
    for part in accept.split(","):
        name, *params = (p.strip() for p in part.split(";"))
        if name.lower() == media_type:
            for param in params:
                key, _, value = param.partition("=")
                if key.strip().lower() == "q":
                    try:
                        return float(value)
                    except ValueError:
                        return 0.0
            return 1.0
    return 0.0


def wants_graphql_response(headers: Headers | Mapping[str, str]) -> bool:
    """True when the client accepts application/graphql-response+json at least as much as
    application/json."""
    accept = headers.get("accept", "")
    preferred = _quality(accept, GRAPHQL_RESPONSE)
    return preferred > 0 and preferred >= _quality(accept, JSON)


def error_response(
    status: int,
    message: str,
    headers: Headers | Mapping[str, str],
    code: str | None = None,
    extra_headers: Mapping[str, str] | None = None,
) -> Response:
    """A transport refusal as a GraphQL error body."""
    body = {"errors": [{"message": message, "extensions": {"code": code or _code(status)}}]}
    media_type = GRAPHQL_RESPONSE if wants_graphql_response(headers) else JSON
    return Response(json.dumps(body), status, headers=extra_headers, media_type=media_type)


def _code(status: int) -> str:
    return STATUS_CODES.get(status, "BAD_REQUEST")


def is_request_error(response_data: Mapping) -> bool:
    """No data and no error located in the result: nothing ran."""
    errors = response_data.get("errors") or []
    return (
        response_data.get("data") is None
        and bool(errors)
        and not any(e.get("path") for e in errors)
    )


def request_error_status(response_data: Mapping) -> int:
    codes = {(e.get("extensions") or {}).get("code") for e in response_data.get("errors", [])}
    return 401 if "UNAUTHENTICATED" in codes else 400


class GraphQLOverHTTP:
    """Mixin for strawberry's ASGI view: the answers of the module docstring."""

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        try:
            response = await self.run(request)
        except HTTPException as refusal:
            response = error_response(refusal.status_code, refusal.reason, request.headers)
        await response(scope, receive, send)

    async def get_sub_response(self, request):
        sub_response = await super().get_sub_response(request)
        sub_response.graphql_response = wants_graphql_response(request.headers)
        return sub_response

    def create_response(self, response_data, sub_response):
        if not getattr(sub_response, "graphql_response", False) or not isinstance(
            response_data, dict
        ):
            return super().create_response(response_data, sub_response)
        status = None
        if is_request_error(response_data):
            status = request_error_status(response_data)
            response_data = {k: v for k, v in response_data.items() if k != "data"}
        response = super().create_response(response_data, sub_response)
        response.headers["content-type"] = GRAPHQL_RESPONSE
        if status is not None:
            response.status_code = status
        return response

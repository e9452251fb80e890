"""What a client learns from an error.

Expected errors stay as they are, each with an `extensions.code`: refusals the resolvers map
from DomainError (they carry a code already), and the errors of the client's own document
(syntax, validation, limits, variable values), which get a code here. Anything else is a
fault of ours: its message may quote Python internals or student data, so in production the
client gets a generic message and a correlation id (the request id), and the log gets the
id and a trace of code locations (server.logging.safe_trace). In production "Did you mean"
suggestions are also cut from messages, so that a client cannot map the schema by probing
it with introspection off (strawberry's own switch only covers unknown fields, and
graphql-core's hide_suggestions is not reachable through strawberry's validate and execute).
"""

from __future__ import annotations

import re

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.exceptions import MissingQueryError
from strawberry.extensions import SchemaExtension
from strawberry.schema.exceptions import (
    CannotGetOperationTypeError,
    InvalidOperationTypeError,
)

from schema.error_codes import TopLevelCode

from .logging import logger, request_id, safe_trace

INTERNAL = TopLevelCode.INTERNAL_SERVER_ERROR
GENERIC_MESSAGE = "Unexpected error. Quote the correlationId when you report it."
VALIDATION_FAILED = TopLevelCode.GRAPHQL_VALIDATION_FAILED
PARSE_FAILED = TopLevelCode.GRAPHQL_PARSE_FAILED
BAD_USER_INPUT = TopLevelCode.BAD_USER_INPUT
# Strawberry's limiters and graphql-core's introspection rule report without a code.
LIMIT_CODES = [
    (re.compile(r"exceeds maximum operation depth"), TopLevelCode.QUERY_TOO_DEEP),
    (re.compile(r"aliases found\. Allowed"), TopLevelCode.TOO_MANY_ALIASES),
    (re.compile(r"Document contains more than \d+ tokens"), TopLevelCode.QUERY_TOO_LARGE),
    (re.compile(r"introspection has been disabled"), TopLevelCode.INTROSPECTION_DISABLED),
]
SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")
# Strawberry turns these into HTTP 400 responses; they say nothing about our internals.
REQUEST_ERRORS = (MissingQueryError, CannotGetOperationTypeError, InvalidOperationTypeError)


def is_expected(error: GraphQLError) -> bool:
    """Coded errors, and errors about the client's document rather than raised by our code.
    A scalar refusing a value raises ValueError, which graphql-core locates in the document."""
    if (error.extensions or {}).get("code"):
        return True
    if error.path is not None:
        return False
    original = error.original_error
    return (
        original is None
        or isinstance(original, GraphQLError)
        or (isinstance(original, ValueError) and bool(error.nodes))
    )


def document_error_code(error: GraphQLError) -> str:
    for pattern, code in LIMIT_CODES:
        if pattern.search(error.message):
            return code
    if isinstance(error, GraphQLSyntaxError):
        return PARSE_FAILED
    if error.message.startswith("Variable '$"):
        return BAD_USER_INPUT
    return VALIDATION_FAILED


def _copy(error: GraphQLError, message: str, extensions: dict) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions=extensions,
    )


class ErrorPolicy(SchemaExtension):
    """Codes, masks and trims the errors of every operation (see the module docstring).
    Errors are copied, never changed in place: the validation cache shares them."""

    def __init__(self, *, mask: bool, hide_suggestions: bool):
        self.mask = mask
        self.hide_suggestions = hide_suggestions
        self.streamed = False

    def on_operation(self):
        try:
            yield
        except REQUEST_ERRORS:
            raise
        except GraphQLError as error:  # e.g. a syntax error from the cached parse
            raise self.treat(error) from None
        except Exception as error:  # a fault outside any resolver: never shown as is
            raise self.unexpected(GraphQLError(str(error), original_error=error)) from None
        if not self.streamed:
            self.treat_result(self.execution_context.result)

    def on_stream_result(self, result):
        """A subscription's results are sent one by one, before the operation ends."""
        self.streamed = True
        self.treat_result(result)
        yield

    def treat_result(self, result) -> None:
        if result is not None and getattr(result, "errors", None):
            result.errors = [self.treat(error) for error in result.errors]

    def treat(self, error: GraphQLError) -> GraphQLError:
        return self.expected(error) if is_expected(error) else self.unexpected(error)

    def expected(self, error: GraphQLError) -> GraphQLError:
        extensions = dict(error.extensions or {})
        extensions.setdefault("code", document_error_code(error))
        message = SUGGESTION.sub("", error.message) if self.hide_suggestions else error.message
        if extensions == error.extensions and message == error.message:
            return error
        return _copy(error, message, extensions)

    def unexpected(self, error: GraphQLError) -> GraphQLError:
        correlation_id = request_id(self.execution_context)
        logger().error(
            "unexpected_error",
            request_id=correlation_id,
            path=list(error.path or ()),
            trace=safe_trace(error.original_error or error),
        )
        extensions = {"code": INTERNAL, "correlationId": correlation_id}
        return _copy(error, GENERIC_MESSAGE if self.mask else error.message, extensions)

"""Which transport serves which operation: subscriptions over the WebSocket, queries and
mutations over HTTP."""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from schema.error_codes import TopLevelCode

from .prevalidation import refuse


def over_websocket(context) -> bool:
    """Whether the operation's context is a WebSocket connection's (only such a context can
    close its connection)."""
    return getattr(context, "close_connection", None) is not None


class OperationsByTransport(SchemaExtension):
    """A subscription sent over HTTP, or a query or mutation sent over the WebSocket, is
    refused with a clear error. Over HTTP strawberry would fail a subscription as an internal
    error; over the WebSocket one context (and its DataLoaders' cache) lives as long as the
    connection, so its reads would go stale."""

    def on_validate(self):
        websocket = over_websocket(self.execution_context.context)
        subscription = self.execution_context.operation_type is OperationType.SUBSCRIPTION
        if subscription and not websocket:
            refuse(
                self.execution_context,
                _refusal(
                    "Subscriptions are served over a WebSocket at /graphql (graphql-transport-ws)."
                ),
            )
        if websocket and not subscription:
            refuse(
                self.execution_context,
                _refusal("Queries and mutations are served over HTTP: POST /graphql."),
            )
        yield


def _refusal(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": TopLevelCode.BAD_REQUEST})

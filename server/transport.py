"""Which transport serves which operation: subscriptions only over the WebSocket."""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType


class SubscriptionsOverWebSocket(SchemaExtension):
    """A subscription sent over HTTP is refused with a clear error: strawberry would run it
    and fail it as an internal error. Only a WebSocket context can close its connection."""

    def on_validate(self):
        context = self.execution_context.context
        over_http = getattr(context, "close_connection", None) is None
        if over_http and self.execution_context.operation_type is OperationType.SUBSCRIPTION:
            raise GraphQLError(
                "Subscriptions are served over a WebSocket at /graphql (graphql-transport-ws).",
                extensions={"code": "BAD_REQUEST"},
            )
        yield

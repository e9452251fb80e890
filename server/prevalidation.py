"""Refusing an operation before validation, the same way over HTTP and over the WebSocket.

An extension that raises in `on_validate` ends an HTTP operation with its error, but kills a
WebSocket operation's worker without a word. Recording the error as the operation's
pre-execution error instead ends both with it: strawberry then skips its own validation, and
`limits.GuardedValidationCache` skips the cached one."""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.types import ExecutionContext


def refuse(context: ExecutionContext, error: GraphQLError) -> None:
    """Make `error` the operation's only error, unless an earlier check refused it already."""
    if not context.pre_execution_errors:
        context.pre_execution_errors = [error]


def refused(context: ExecutionContext) -> bool:
    return bool(context.pre_execution_errors)

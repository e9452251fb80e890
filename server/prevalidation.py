"""Refusing an operation before validation, the same way over HTTP and over the WebSocket.

An extension that raises in `on_validate` ends an HTTP operation with its error, but kills a
WebSocket operation's worker without a word. Recording the error as the operation's
pre-execution error instead ends both with it: strawberry then skips its own validation, and
`limits.GuardedValidationCache` skips the cached one."""

from __future__ import annotations

from graphql import DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext

from schema.context import anonymous
from schema.identity_cache import IdentityCache


def refuse(context: ExecutionContext, error: GraphQLError) -> None:
    """Make `error` the operation's only error, unless an earlier check refused it already."""
    if not context.pre_execution_errors:
        context.pre_execution_errors = [error]


def refused(context: ExecutionContext) -> bool:
    return bool(context.pre_execution_errors)


class DocumentCheck(SchemaExtension):
    """A check of the parsed document alone, before validation (its size, its selection sets):
    it runs once per document. A document is remembered by identity once an operation of it
    passed every check before execution (validation included), and then not checked again; a
    refused one is not kept, so that no refused document stays in memory, nor an anonymous
    caller's (parsed afresh at each request)."""

    def __init__(self, *, passed: IdentityCache[bool]):
        self.passed = passed  # one per application and check

    def problem(self, document: DocumentNode) -> GraphQLError | None:
        """The error refusing `document`, if it fails the check."""
        raise NotImplementedError

    def on_validate(self):
        context = self.execution_context
        document = context.graphql_document
        fresh = document is not None and not self.passed.get(document, default=False)
        if fresh and not refused(context):
            error = self.problem(document)
            if error is not None:
                refuse(context, error)
        yield
        if fresh and not refused(context) and not anonymous(context.context):
            self.passed.put(document, True)

"""The executor that runs a compiled plan where there is one, and graphql-core otherwise.

It is graphql-core's own Executor (strawberry's subclass of it), handed to strawberry as the
schema's execution context class: strawberry's extensions, context, error processing and
graphql-core's variable coercion all happen as for any operation, and only the walk of the
selection changes. Field middleware (an extension's `resolve` hook, e.g. tracing's per-field
spans) is not part of a plan, so with any middleware the operation runs through graphql-core.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import DocumentNode, FragmentDefinitionNode, GraphQLError, OperationDefinitionNode
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from ..context import anonymous
from ..identity_cache import MISSING, IdentityCache
from .compile import Unsupported, compile_operation
from .plan import OperationPlan


class CompiledDocuments:
    """Plans by operation, compiled at an operation's first run and kept (LRU) with the
    parsed operation they were made from, whose nodes locate their errors.

    `trusted` decides which documents are compiled at all, given the document made of the
    operation and the fragments (None: every document)."""

    def __init__(self, trusted: Callable[[DocumentNode], bool] | None, size: int):
        self.trusted = trusted
        self.plans: IdentityCache[OperationPlan | None] = IdentityCache(size)

    def plan(
        self, schema, operation: OperationDefinitionNode, fragments: dict[str, Any]
    ) -> OperationPlan | None:
        plan = self.plans.get(operation)
        if plan is MISSING:
            plan = self.plans.put(operation, self._compile(schema, operation, fragments))
        return plan

    def _compile(
        self, schema, operation: OperationDefinitionNode, fragments: dict[str, Any]
    ) -> OperationPlan | None:
        if self.trusted is not None:
            document = DocumentNode(definitions=(operation, *fragments.values()))
            if not self.trusted(document):
                return None
        try:
            return compile_operation(schema, operation, fragments)
        except Unsupported:
            return None


class CompiledExecutor(StrawberryGraphQLCoreExecutionContext):
    documents: CompiledDocuments

    def execute_operation(self, serially: bool | None = None):
        plan = self._plan() if serially is None else None
        if plan is None:
            return super().execute_operation(serially)
        return self._run(plan)

    def _plan(self) -> OperationPlan | None:
        """None (graphql-core) also for an anonymous caller (development's introspection):
        their documents are parsed afresh at every request, so a plan kept for one would
        only push out the plans of signed-in users' documents."""
        middleware = self.middleware_manager
        if self.abort_signal is not None or (middleware is not None and middleware.middlewares):
            return None
        if anonymous(self.context_value):
            return None
        fragments: dict[str, FragmentDefinitionNode] = self.fragment_definitions
        return self.documents.plan(self.schema, self.operation, fragments)

    def _run(self, plan: OperationPlan):
        """graphql-core's execute_operation, with the plan's fields."""
        try:
            result = plan.root.run_fields(self, self.root_value, None)
            if self.is_awaitable(result):
                return self._await_result(result)
            data = result
        except GraphQLError as error:
            self.collected_errors.add(error, None)
            return self.finish(self.build_response(None))
        return self.finish(self.build_response(data))

    async def _await_result(self, result):
        try:
            data = await result
        except GraphQLError as error:
            self.collected_errors.add(error, None)
            return self.build_response(None)
        except Exception:
            await self.cancel_incremental_work()
            self.run_async_work_finished_hook()
            raise
        return self.build_response(data)


def compiled_executor(documents: CompiledDocuments) -> type[CompiledExecutor]:
    """An executor class bound to one application's compiled documents."""
    return type("CompiledExecutor", (CompiledExecutor,), {"documents": documents})

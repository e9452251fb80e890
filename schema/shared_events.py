"""One execution per live event for the subscribers that would compute the same payload.

The feed hands one live delivery to every subscriber that accepts it; the subscription resolver
gives the subscribers of one delivery and one scope (what the viewer may see) the same root
object, a `SharedEvent`. A subscription's payload depends only on that root, the document and
its variables (the resolvers below the root read through the scope's loaders, and nothing else
of the viewer), so the executor runs the selection once per (root, document, operation,
variables) and hands every such subscriber the same result: 200 reviewers following the same
document cost one execution per event, not 200. Viewers of different scopes get different roots,
so they never share a payload. A replayed event gets a root of its own.

The shared run is a task of its own: a subscriber whose socket closes (its operation is
cancelled) while it waits does not cancel the execution the others wait for.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable
from functools import cached_property
from typing import Any

from graphql import Executor


class SharedExecutions:
    """The executions of one live event within one scope, by (document, operation, variables):
    a result, or the task computing it."""

    def __init__(self) -> None:
        self._runs: dict[Hashable, Any] = {}

    def run(self, key: Hashable, execute: Callable[[], Any]) -> Any:
        """The result for `key`, executing only the first time (awaitable if execution is)."""
        if key not in self._runs:
            result = execute()
            is_async = asyncio.iscoroutine(result) or asyncio.isfuture(result)
            self._runs[key] = asyncio.ensure_future(result) if is_async else result
        found = self._runs[key]
        return asyncio.shield(found) if asyncio.isfuture(found) else found


class SharedEvent:
    """Mixin for a subscription's root object that subscribers share (see the module)."""

    @cached_property
    def shared_executions(self) -> SharedExecutions:
        return SharedExecutions()


class SharedEventExecution(Executor):
    """Executor mixin: a subscription event whose root is a SharedEvent runs once per
    document, operation and variables (graphql-core calls `execute_operation(False)` for each
    subscription event, and `None` for queries and mutations)."""

    def execute_operation(self, serially: bool | None = None):
        root = self.root_value
        if serially is not False or not isinstance(root, SharedEvent):
            return super().execute_operation(serially)
        execute = super().execute_operation
        return root.shared_executions.run(self._payload_key(), lambda: execute(serially))

    def _payload_key(self) -> Hashable:
        """What besides the root decides the payload: the document's text (the one strawberry
        parsed), the operation and the coerced variables (their order follows the document)."""
        operation = self.operation
        source = operation.loc.source.body if operation.loc is not None else id(operation)
        name = operation.name.value if operation.name is not None else None
        return source, name, repr(self.variable_values)


def sharing_events(executor: type[Executor]) -> type[Executor]:
    """`executor` with shared subscription events."""
    return type(f"Shared{executor.__name__}", (SharedEventExecution, executor), {})

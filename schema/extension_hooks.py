"""The extensions' per-result hooks, looked up once per operation.

For every result a subscription sends, strawberry enters the `on_stream_result` hooks and
collects `get_results`: it walks every extension of the operation (a dozen here) to find and
wrap the hooks anew, and awaits every extension's `get_results`, though most have neither.
With 200 subscribers, one event costs 200 such walks. This runner finds once, for its
operation, the hooks and the extensions with results; those run as before, in the same order,
and the others were no-ops.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.extensions.context import StreamResultContextManager, WrappedHook
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.utils.await_maybe import await_maybe


class FoundStreamResultHooks(StreamResultContextManager):
    """Strawberry's context manager around one streamed result, on hooks found before (each
    hook makes a new context per result, so they can be reused)."""

    def __init__(self, hooks: list[WrappedHook], result) -> None:
        self.hooks = hooks
        self.result = result


class HookedExtensionsRunner(SchemaExtensionsRunner):
    @cached_property
    def _stream_result_hooks(self) -> list[WrappedHook]:
        return StreamResultContextManager(self.extensions, None).hooks

    @cached_property
    def _get_results(self) -> list[SchemaExtension]:
        default = SchemaExtension.get_results
        return [e for e in self.extensions if type(e).get_results is not default]

    def on_stream_result(self, result) -> StreamResultContextManager:
        return FoundStreamResultHooks(self._stream_result_hooks, result)

    async def get_extensions_results(self, ctx) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for extension in self._get_results:
            data.update(await await_maybe(extension.get_results()))
        data.update(ctx.extensions_results)
        return data


class HookedSchema(strawberry.Schema):
    """strawberry.Schema whose operations run their extensions with HookedExtensionsRunner."""

    def create_extensions_runner(self, execution_context, extensions) -> SchemaExtensionsRunner:
        return HookedExtensionsRunner(execution_context=execution_context, extensions=extensions)

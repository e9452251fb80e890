"""The extensions' per-result hooks, looked up once per operation.

For every result a subscription sends, strawberry enters the `on_stream_result` hooks and
collects `get_results`: it walks every extension of the operation (a dozen here) to find which
of them has the hook, and awaits every extension's `get_results`, though most have neither.
With 200 subscribers, one event costs 200 such walks. This runner finds once, for its
operation, the extensions that have each; those run as before, in the same order, and the
others were no-ops.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.extensions.context import StreamResultContextManager
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.utils.await_maybe import await_maybe


def _overriding(extensions: list[SchemaExtension], hook: str) -> list[SchemaExtension]:
    default = getattr(SchemaExtension, hook)
    return [e for e in extensions if getattr(type(e), hook) is not default]


class HookedExtensionsRunner(SchemaExtensionsRunner):
    @cached_property
    def _on_stream_result(self) -> list[SchemaExtension]:
        return _overriding(self.extensions, "on_stream_result")

    @cached_property
    def _get_results(self) -> list[SchemaExtension]:
        return _overriding(self.extensions, "get_results")

    def on_stream_result(self, result) -> StreamResultContextManager:
        return StreamResultContextManager(self._on_stream_result, result)

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

"""HookedSchema runs the same extension hooks, for every result, as strawberry.Schema does."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import pytest
import strawberry
from strawberry.extensions import SchemaExtension

from schema.extension_hooks import HookedSchema


@strawberry.type
class Query:
    ok: bool = True


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def count(self) -> AsyncGenerator[int, None]:
        for n in range(3):
            yield n


class Plain(SchemaExtension):
    """No per-result hook, no results."""


def recording(seen: list):
    class Recording(SchemaExtension):
        def on_stream_result(self, result):
            seen.append(("before", result.data))
            yield
            seen.append(("after", result.data))

        def get_results(self):
            return {"recorded": len(seen)}

    return Recording


async def stream(schema_class: type[strawberry.Schema]) -> tuple[list, list]:
    seen: list = []
    schema = schema_class(
        query=Query, subscription=Subscription, extensions=[Plain, recording(seen), Plain]
    )
    results = []
    async for result in await schema.subscribe("subscription { count }"):
        results.append((result.data, result.extensions))
    return results, seen


@pytest.mark.asyncio
async def test_each_result_runs_the_hooks_strawberry_runs():
    hooked = await stream(HookedSchema)
    assert hooked == await stream(strawberry.Schema)
    results, seen = hooked
    assert [data for data, _ in results] == [{"count": n} for n in range(3)]
    assert len(seen) == 6

"""Values that may already be at hand: a relation field returns its value at once when what it
reads is loaded (the page's prefetch, or an earlier field), else an awaitable of it, which the
executor awaits (graphql-core and the compiled plans alike). A field returning at once costs
no coroutine, no task and no gather of its parent's fields."""

from __future__ import annotations

import inspect
from asyncio import Future
from collections.abc import Awaitable, Callable, Hashable
from types import GeneratorType
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

T = TypeVar("T")
R = TypeVar("R")
Maybe = T | Awaitable[T]
# inspect.isawaitable by type: it asks the Awaitable ABC about every loaded object (and the
# domain's pydantic models answer `hasattr(value, "__await__")` slowly).
_AWAITABLE_BY_TYPE: dict[type, bool] = {}


def is_awaitable(value: Any) -> bool:
    """inspect.isawaitable, remembered by type (not for generators: whether one is awaitable
    depends on its code)."""
    kind = type(value)
    found = _AWAITABLE_BY_TYPE.get(kind)
    if found is None:
        found = inspect.isawaitable(value)
        if kind is not GeneratorType:
            _AWAITABLE_BY_TYPE[kind] = found
    return found


def loaded(loader: DataLoader[Hashable, T], key: Hashable) -> Maybe[T]:
    """The loader's value for `key`: at once when it has it, else its load."""
    future: Future[T] | None = loader.cache_map.get(key)
    if (
        future is not None
        and future.done()
        and not future.cancelled()
        and future.exception() is None
    ):
        return future.result()
    return loader.load(key)


def then(value: Maybe[T], use: Callable[[T], Maybe[R]]) -> Maybe[R]:
    """`use` of the value: at once when it is at hand, else once it is."""
    if is_awaitable(value):
        return _later(value, use)
    return use(value)


def every(*values: Maybe[Any]) -> Maybe[tuple[Any, ...]]:
    """The values together: at once when every one is at hand, else once all are (awaited
    in turn, as the fields awaited them before)."""
    if any(is_awaitable(value) for value in values):
        return _all(values)
    return values


async def _later(value: Awaitable[T], use: Callable[[T], Maybe[R]]) -> R:
    result = use(await value)
    return await result if is_awaitable(result) else result


async def _all(values: tuple[Maybe[Any], ...]) -> tuple[Any, ...]:
    results: list[Any] = []
    try:
        for value in values:
            results.append(await value if is_awaitable(value) else value)
    except BaseException:
        for value in values[len(results) + 1 :]:  # those never to be awaited
            if inspect.iscoroutine(value):
                value.close()
        raise
    return tuple(results)

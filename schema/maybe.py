"""Values that may already be at hand: a relation field returns its value at once when what it
reads is loaded (the page's prefetch, or an earlier field), else an awaitable of it, which the
executor awaits (graphql-core and the compiled plans alike). A field returning at once costs
no coroutine, no task and no gather of its parent's fields."""

from __future__ import annotations

import inspect
from asyncio import Future
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

T = TypeVar("T")
R = TypeVar("R")
Maybe = T | Awaitable[T]


def loaded(loader: DataLoader[Hashable, T], key: Hashable) -> Maybe[T]:
    """The loader's value for `key`: at once when it has it, else its load."""
    future = loader.cache_map.get(key)
    if future is not None and _succeeded(future):
        return future.result()
    return loader.load(key)


def _succeeded(future: Future[Any]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def then(value: Maybe[T], use: Callable[[T], Maybe[R]]) -> Maybe[R]:
    """`use` of the value: at once when it is at hand, else once it is."""
    if inspect.isawaitable(value):
        return _later(value, use)
    return use(value)


def every(*values: Maybe[Any]) -> Maybe[tuple[Any, ...]]:
    """The values together: at once when every one is at hand, else once all are (awaited
    in turn, as the fields awaited them before)."""
    if any(inspect.isawaitable(value) for value in values):
        return _all(values)
    return values


async def _later(value: Awaitable[T], use: Callable[[T], Maybe[R]]) -> R:
    result = use(await value)
    return await result if inspect.isawaitable(result) else result


async def _all(values: tuple[Maybe[Any], ...]) -> tuple[Any, ...]:
    results: list[Any] = []
    try:
        for value in values:
            results.append(await value if inspect.isawaitable(value) else value)
    except BaseException:
        for value in values[len(results) + 1 :]:  # those never to be awaited
            if inspect.iscoroutine(value):
                value.close()
        raise
    return tuple(results)

"""A bounded cache of what was computed from a parsed document or one of its nodes, found by
the object's identity.

graphql-core's AST nodes are frozen dataclasses, hashed and compared by value: a dict or an
lru_cache keyed by a document hashes its whole tree on every lookup. The parser's cache
(server/parsing.py) hands every request of one text the same document object, so whatever
depends only on the document can be kept by `id()`: the document checks before validation,
validation itself, the compiled plans and the prefetch's reading of a selection. The object is
kept with its value, so that its id is not reused while the entry lives.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

from .lru import LRU

V = TypeVar("V")
MISSING = object()


class IdentityCache(Generic[V]):
    """An LRU of values by (the identity of an object, an optional hashable qualifier)."""

    def __init__(self, size: int):
        self.entries: LRU[tuple[int, Hashable], tuple[object, V]] = LRU(size)

    def get(self, owner: object, qualifier: Hashable = None, default: object = MISSING):
        """The value kept for `owner` (and `qualifier`), else `default`."""
        entry = self.entries.get((id(owner), qualifier))
        if entry is None or entry[0] is not owner:
            return default
        return entry[1]

    def put(self, owner: object, value: V, qualifier: Hashable = None) -> V:
        self.entries.put((id(owner), qualifier), (owner, value))
        return value

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

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")
MISSING = object()


class IdentityCache(Generic[V]):
    """An LRU of values by (the identity of an object, an optional hashable qualifier)."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[tuple[int, Hashable], tuple[object, V]] = OrderedDict()

    def get(self, owner: object, qualifier: Hashable = None, default: object = MISSING):
        """The value kept for `owner` (and `qualifier`), else `default`."""
        key = (id(owner), qualifier)
        entry = self.entries.get(key)
        if entry is None or entry[0] is not owner:
            return default
        self.entries.move_to_end(key)
        return entry[1]

    def put(self, owner: object, value: V, qualifier: Hashable = None) -> V:
        self.entries[(id(owner), qualifier)] = (owner, value)
        self.entries.move_to_end((id(owner), qualifier))
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return value

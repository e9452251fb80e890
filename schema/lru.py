"""A bounded mapping that forgets the entry used least recently: the one shape of the
process's caches of parsed documents and of what is computed from them (server.parsing,
server.prepared_operations, schema.identity_cache)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRU(Generic[K, V]):
    """At most `size` entries: a lookup that finds one makes it the newest, and a new entry
    past the bound drops the oldest."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K, default: V | None = None) -> V | None:
        found = self.entries.get(key, default)
        if found is not default:
            self.entries.move_to_end(key)
        return found

    def put(self, key: K, value: V) -> V:
        self.entries[key] = value
        self.entries.move_to_end(key)
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return value

    def pop(self, key: K) -> None:
        self.entries.pop(key, None)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[K]:
        """The keys, oldest first."""
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

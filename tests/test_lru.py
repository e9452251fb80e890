"""The bounded caches: the LRU every document cache is made of, and the cache by identity
(schema.identity_cache) that keeps what depends on a parsed document."""

from __future__ import annotations

from graphql import parse

from schema.identity_cache import MISSING, IdentityCache
from schema.lru import LRU


def full_lru() -> LRU[str, int]:
    """Two entries of two: "a" then "b"."""
    lru: LRU[str, int] = LRU(2)
    lru.put("a", 1)
    lru.put("b", 2)
    return lru


def test_an_lru_drops_the_entry_used_least_recently():
    lru = full_lru()
    assert lru.get("a") == 1  # now the newest
    lru.put("c", 3)
    assert list(lru) == ["a", "c"]
    assert lru.get("b") is None and "b" not in lru and len(lru) == 2


def test_an_lru_lookup_that_misses_changes_nothing():
    lru = full_lru()
    assert lru.get("z", 0) == 0
    lru.put("c", 3)
    assert list(lru) == ["b", "c"]


def test_an_lru_forgets_on_pop_and_pop_of_nothing_is_harmless():
    lru: LRU[str, int] = LRU(2)
    lru.put("a", 1)
    lru.pop("a")
    lru.pop("never there")
    assert "a" not in lru and len(lru) == 0


def test_an_lru_put_of_a_known_key_replaces_its_value_and_makes_it_newest():
    lru = full_lru()
    assert lru.put("a", 10) == 10
    lru.put("c", 3)
    assert list(lru) == ["a", "c"] and lru.get("a") == 10


def test_the_identity_cache_finds_the_same_object_only():
    """Two parses of one text are equal but not the same document: only the one kept is
    found, whatever graphql-core's equality says."""
    cache: IdentityCache[str] = IdentityCache(4)
    kept, twin = parse("{ viewer { id } }"), parse("{ viewer { id } }")
    assert kept == twin
    cache.put(kept, "plan")
    assert cache.get(kept) == "plan"
    assert cache.get(twin) is MISSING
    assert cache.get(twin, default=None) is None


def test_the_identity_cache_tells_qualifiers_apart():
    cache: IdentityCache[str] = IdentityCache(4)
    owner = object()
    cache.put(owner, "records", ("ParticipantRecord",))
    cache.put(owner, "requests", ("ChangeRequest",))
    assert cache.get(owner, ("ParticipantRecord",)) == "records"
    assert cache.get(owner, ("ChangeRequest",)) == "requests"
    assert cache.get(owner) is MISSING


def test_the_identity_cache_keeps_its_objects_alive_and_is_bounded():
    """The cache holds each object, so its id is not handed to another while the entry
    lives; past the bound the least recent entry goes, object and all."""
    cache: IdentityCache[int] = IdentityCache(2)
    owners = [object() for _ in range(3)]
    for number, owner in enumerate(owners):
        cache.put(owner, number)
    assert cache.get(owners[0]) is MISSING
    assert [cache.get(o) for o in owners[1:]] == [1, 2]
    assert all(entry[0] in owners for entry in cache.entries.entries.values())


def test_the_identity_cache_does_not_mistake_a_new_object_at_a_reused_id():
    """An entry whose id now belongs to another object (possible only if the cache did not
    hold it) is not that object's: the identity is checked, not just the id."""
    cache: IdentityCache[str] = IdentityCache(2)
    owner, stranger = object(), object()
    cache.entries.put((id(stranger), None), (owner, "someone else's"))
    assert cache.get(stranger) is MISSING

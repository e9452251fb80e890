"""The sample data set, loaded once per test session and copied into each test's store.

Loading the JSON Lines files (validation, reference checks, flag computation, one write per
line) takes about 70 ms per store, which was most of the suite's time when every test loaded
them. mongomock keeps each collection's documents in a Python dict, so a deep copy of the
dicts loaded once is about 15 times faster than loading, and 5 times faster than inserting
the documents through the driver. The copy reaches into mongomock's store (`_documents`,
`indexes`); test_sample_store.py fails if a mongomock release changes that.
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from mongomock_motor import AsyncMongoMockClient

from domain.clock import Clock
from domain.loader import Loader
from domain.repository import Store, open_store
from server.app import sample_data_dir
from tests.sample import SAMPLE_NOW

_snapshot: Store | None = None
_built: dict[str, tuple[Store, Any]] = {}
T = TypeVar("T")


async def load_sample_data(store: Store, clock: Clock) -> None:
    """Put the sample data set into `store`, as `ctecr serve` loads it at start.

    An empty in-memory store at the sample time gets a copy of the session's snapshot; a real
    MongoDB, a store that holds data already (a second app on it loads again, as a restarted
    server would) or another time goes through the loader."""
    if _is_mock(store) and clock() == SAMPLE_NOW and await _is_empty(store):
        copy_collections(await snapshot(), store)
    else:
        await Loader(store, clock).load_folder(sample_data_dir())


async def snapshot() -> Store:
    """The in-memory store the sample data set was loaded into, once per session. Never
    written to after loading: tests get copies."""
    global _snapshot
    if _snapshot is None:
        loaded = open_store(None, "ctecr_sample")
        await loaded.ensure_indexes()
        await Loader(loaded, lambda: SAMPLE_NOW).load_folder(sample_data_dir())
        _snapshot = loaded
    return _snapshot


async def build_once(key: str, store: Store, build: Callable[[], Awaitable[T]]) -> T:
    """What `build()` returns and writes into `store`, run once per session: a fixture that
    makes the same requests for many tests (a function of the sample data and the clock
    alone) hands later tests a copy of what the first one wrote, and the same result. The
    result is shared, so tests must not change it. A real MongoDB builds every time."""
    if not _is_mock(store):
        return await build()
    if key in _built:
        built, result = _built[key]
        copy_collections(built, store)
        return result
    result = await build()
    built = open_store(None, f"ctecr_{key}")
    copy_collections(store, built)
    _built[key] = (built, result)
    return result


def copy_collections(source: Store, target: Store) -> None:
    """Make every collection of `target` a deep copy of `source`'s, indexes included."""
    collections = _database_store(source)._collections
    into = _database_store(target)
    for name, collection in collections.items():
        copied = into[name]
        copied._documents = copy.deepcopy(collection._documents)
        copied.indexes = copy.deepcopy(collection.indexes)
        copied._ttl_indexes = copy.deepcopy(collection._ttl_indexes)


def _database_store(store: Store):
    return store.db.delegate._store


def _is_mock(store: Store) -> bool:
    return isinstance(store.client, AsyncMongoMockClient)


async def _is_empty(store: Store) -> bool:
    for name in await store.db.list_collection_names():
        if await store.db[name].find_one({}, {"_id": 1}) is not None:
            return False
    return True

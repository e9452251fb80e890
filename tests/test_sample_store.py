"""The per-session snapshot of the sample data: each test's copy holds what the loader would
have written, and what one test writes never reaches the snapshot or another test."""

import pytest
from pymongo.errors import DuplicateKeyError

from domain.loader import Loader
from domain.repository import open_store
from server.app import sample_data_dir
from tests.conftest import FixedClock
from tests.sample import MATEO
from tests.sample_store import build_once, copy_collections, load_sample_data, snapshot


async def contents(store) -> dict[str, list[dict]]:
    """Every collection's documents without their ids, and its index names."""
    found = {}
    for name in sorted(await store.db.list_collection_names()):
        documents = [d async for d in store.db[name].find({}, {"_id": 0, "id": 0})]
        indexes = sorted((await store.db[name].index_information()).keys())
        found[name] = sorted(documents, key=repr) + indexes
    return found


async def test_a_copy_holds_what_the_loader_writes():
    loaded = open_store(None, "loaded")
    await loaded.ensure_indexes()
    await Loader(loaded, FixedClock()).load_folder(sample_data_dir())
    copied = open_store(None, "copied")
    await load_sample_data(copied, FixedClock())
    assert await copied.db.records.count_documents({}) > 0
    assert await contents(copied) == await contents(loaded)


async def test_writes_to_a_copy_stay_in_that_copy():
    first, second = open_store(None, "first"), open_store(None, "second")
    await load_sample_data(first, FixedClock())
    await first.db.students.update_one({"suid": MATEO}, {"$set": {"firstName": "Changed"}})
    await first.db.records.update_many({}, {"$push": {"courses": {"courseNumber": "x"}}})
    await load_sample_data(second, FixedClock())
    for store in (await snapshot(), second):
        assert (await store.db.students.find_one({"suid": MATEO}))["firstName"] == "Mateo"
        assert await store.db.records.count_documents({"courses.courseNumber": "x"}) == 0


async def test_unique_indexes_hold_in_a_copy():
    copied = open_store(None, "copied")
    copy_collections(await snapshot(), copied)
    student = await copied.db.students.find_one({"suid": MATEO}, {"_id": 0})
    with pytest.raises(DuplicateKeyError):
        await copied.db.students.insert_one(student)


async def test_a_store_with_data_is_loaded_again_not_overwritten():
    store = open_store(None, "used")
    await load_sample_data(store, FixedClock())
    await store.db.change_requests.insert_one({"marker": True})
    await load_sample_data(store, FixedClock())
    assert await store.db.change_requests.count_documents({"marker": True}) == 1


async def test_a_build_runs_once_and_later_stores_get_what_it_wrote():
    runs = []

    async def build(store):
        runs.append(1)
        await store.db.change_requests.insert_one({"built": len(runs)})
        return len(runs)

    first, second = open_store(None, "first"), open_store(None, "second")
    assert await build_once("test", first, lambda: build(first)) == 1
    await first.db.change_requests.insert_one({"later": True})
    assert await build_once("test", second, lambda: build(second)) == 1
    assert runs == [1]
    assert [d async for d in second.db.change_requests.find({}, {"_id": 0})] == [{"built": 1}]

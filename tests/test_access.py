"""The one visibility rule (domain/access.py) and the repository applying it to every read."""

from __future__ import annotations

import inspect
import json
import shutil

import pytest

from domain.access import EVERYTHING, NOTHING, Scope, check_named_lea, scope_of, visible_school
from domain.change_requests.model import RequestFilter
from domain.errors import ErrorCode, Forbidden
from domain.loader import Loader
from domain.models import Role, School, Viewer
from domain.repository import Store
from server.app import sample_data_dir
from tests.conftest import MESA, RED_MOUNTAIN, TUCSON, TUCSON_HIGH

# Reads that take no scope, each with the reason it needs none. Anything else that reads must
# take one: a new query cannot forget the rule.
UNSCOPED_READS = {
    ("reference", "programs"): "the Approved Program list is public",
    ("reference", "all_programs"): "the Approved Program list is public",
    ("calendar", "all"): "the fiscal calendar is public",
    ("events", "last_seq"): "a number, no event",
    ("events", "inserts"): "wake-ups, no event",
    ("attachments", "chunks"): "takes the Attachment a scoped read of its request returned",
    ("attachments", "pending_before"): "ids of files no request lists yet (the orphan sweep)",
    ("audit", "page"): "the access log is read by admins only (domain/audit.py)",
    ("notifications", "cursor"): "the notifier's place in the log, a number",
    ("notifications", "disabled"): "the caller's own preferences, by the address in their token",
    ("notifications", "failures"): "admins only (domain/notifications/failures.py); no student",
}
# Methods that write (or allocate ids) rather than read.
WRITES = {
    "insert", "replace", "move_school", "upsert", "save", "append", "transition",
    "claim_approval", "finish_approval", "release_approval", "mark_events_logged",
    "append_calendar_change",
    "begin", "settle", "write_chunk", "finish", "delete", "new_id",
    "advance", "claim", "take_due", "sent", "retry", "failed", "set_disabled",
}  # fmt: skip
REPOSITORIES = (
    "reference", "records", "calendar", "events", "requests", "attachments", "audit",
    "notifications",
)  # fmt: skip


def public_methods(store: Store):
    for name in REPOSITORIES:
        repository = getattr(store, name)
        for method, function in inspect.getmembers(type(repository), inspect.isfunction):
            if not method.startswith("_"):
                yield name, method, function


def test_every_repository_read_takes_a_scope(store):
    unscoped = [
        (repository, method)
        for repository, method, function in public_methods(store)
        if method not in WRITES
        and (repository, method) not in UNSCOPED_READS
        and list(inspect.signature(function).parameters)[1:2] != ["scope"]
    ]
    assert unscoped == [], "these reads take no scope; give them one (or a reason above)"


def test_the_exceptions_above_still_exist(store):
    """A renamed method must not leave a stale exception behind."""
    methods = {(repository, method) for repository, method, _ in public_methods(store)}
    assert set(UNSCOPED_READS) <= methods
    assert {method for _, method in methods} >= WRITES


MESA_USER = Viewer(id="m", name="M", role=Role.LEA_USER, lea_ids=frozenset({MESA}))
SCHOOL = School(entity_id=RED_MOUNTAIN, ctds="070204201", name="Red Mountain", lea_entity_id=MESA)


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.ADMIN])
def test_staff_see_everything_and_lea_users_their_leas(role):
    assert scope_of(Viewer(id="s", name="S", role=role)) is EVERYTHING
    mesa = scope_of(MESA_USER)
    assert mesa.covers(MESA) and not mesa.covers(TUCSON)
    assert not NOTHING.covers(MESA)


def test_a_school_outside_the_scope_is_forbidden_like_an_unknown_one():
    mesa = scope_of(MESA_USER)
    assert visible_school(mesa, RED_MOUNTAIN, SCHOOL) is SCHOOL
    for school in (None, SCHOOL.model_copy(update={"lea_entity_id": TUCSON})):
        with pytest.raises(Forbidden):
            visible_school(mesa, RED_MOUNTAIN, school, "school_entity_id")
    assert visible_school(EVERYTHING, 1, None) is None  # staff: unknown is absent


def test_naming_another_lea_is_forbidden():
    check_named_lea(scope_of(MESA_USER), MESA)
    with pytest.raises(Forbidden) as refused:
        check_named_lea(scope_of(MESA_USER), TUCSON)
    assert refused.value.code is ErrorCode.FORBIDDEN


async def loaded(store, clock):
    await Loader(store, clock).load_folder(sample_data_dir())


async def test_scoped_reads_return_nothing_outside_the_scope(store, clock):
    await loaded(store, clock)
    mesa, tucson = Scope(frozenset({MESA})), Scope(frozenset({TUCSON}))
    schools = await store.reference.schools(mesa, [RED_MOUNTAIN, TUCSON_HIGH])
    assert set(schools) == {RED_MOUNTAIN}
    assert set(await store.reference.leas(mesa, [MESA, TUCSON])) == {MESA}
    everything = await store.records.count(EVERYTHING)
    assert 0 < await store.records.count(mesa) < everything
    assert await store.records.count(mesa) + await store.records.count(tucson) <= everything
    mesa_records = await store.records.of_schools(EVERYTHING, [RED_MOUNTAIN])
    assert await store.records.of_schools(tucson, [RED_MOUNTAIN]) == []
    suid = mesa_records[0].suid
    assert suid in await store.reference.students(mesa, [suid])
    assert await store.reference.students(NOTHING, [suid]) == {}
    assert await store.requests.page(NOTHING, RequestFilter(), None, 10) == []


async def test_a_filter_on_another_lea_stays_inside_the_scope(store, clock):
    """The scope is combined with a filter on the same field, never replaced by it."""
    await loaded(store, clock)
    mesa = Scope(frozenset({MESA}))
    assert await store.requests.count(mesa, RequestFilter(lea_entity_id=TUCSON)) == 0
    records = await store.records.of_schools(mesa, [TUCSON_HIGH])
    assert records == []


async def test_a_school_moving_to_another_lea_takes_its_records_along(store, clock):
    await loaded(store, clock)
    before = await store.records.of_schools(EVERYTHING, [RED_MOUNTAIN])
    await store.records.move_school(RED_MOUNTAIN, TUCSON)
    after = await store.records.of_schools(Scope(frozenset({TUCSON})), [RED_MOUNTAIN])
    assert [r.id for r in after] == [r.id for r in before]
    assert all(a.version == b.version + 1 for a, b in zip(after, before))


async def test_reloading_a_school_under_another_lea_moves_its_records(store, clock, tmp_path):
    await loaded(store, clock)
    folder = tmp_path / "data"
    shutil.copytree(sample_data_dir(), folder)
    schools = [json.loads(line) for line in (folder / "schools.jsonl").read_text().splitlines()]
    for school in schools:
        if school["entityId"] == RED_MOUNTAIN:
            school["leaEntityId"] = TUCSON
    (folder / "schools.jsonl").write_text("".join(json.dumps(s) + "\n" for s in schools))
    await Loader(store, clock).load_folder(folder)
    moved = await store.records.of_schools(Scope(frozenset({TUCSON})), [RED_MOUNTAIN])
    assert moved and all(r.lea_entity_id == TUCSON for r in moved)
    assert await store.records.of_schools(Scope(frozenset({MESA})), [RED_MOUNTAIN]) == []

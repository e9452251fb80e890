"""The fiscal calendar kept in the process (domain/calendar_cache.py): read once, forgotten
when this process sets dates, when another process's change reaches the event feed, and
after its maximum age; never put back by a read that a change overtook."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from domain.access import EVERYTHING, scope_of
from domain.calendar_cache import CalendarCache
from domain.events.feed import EventFeed
from domain.models import FiscalYearDates, Role, Viewer
from domain.repository.events import CALENDAR_CHANGED
from server.app import create_app, sample_data_dir
from tests.approval_support import approved, submit
from tests.conftest import MESA, RED_MOUNTAIN
from tests.documents import (
    CHANGE_REQUESTS_IN_FULL,
    FISCAL_YEAR_STATUS,
    PARTICIPANT_RECORDS_IN_FULL,
    SET_FISCAL_YEAR_DATES,
)
from tests.sample import C1, C2, CULINARY, MATEO
from tests.test_instances import instance
from tests.test_policy_rules import PREVIEW, preview_input

MATEOS_REQUEST = {
    "suid": MATEO, "school": RED_MOUNTAIN, "program": CULINARY, "course": C1, "credits": "0.5"
}  # fmt: skip

FY2027_TODAY = {"fiscalYear": 2027, "preliminaryRecordsCreatedOn": "2026-11-28"}  # the clock's


def dates(year: int) -> dict[int, FiscalYearDates]:
    return {year: FiscalYearDates(fiscal_year=year)}


class Reads:
    """A store read that counts its calls and answers what `answer` holds when it is made;
    `gate`, when set, holds each read until it is opened."""

    def __init__(self):
        self.count = 0
        self.answer = dates(2026)
        self.gate: asyncio.Event | None = None
        self.begun = asyncio.Event()

    async def __call__(self) -> dict[int, FiscalYearDates]:
        self.count += 1
        self.begun.set()
        answer = self.answer
        if self.gate is not None:
            await self.gate.wait()
        return answer


async def test_the_calendar_is_read_once_and_concurrent_callers_share_the_read():
    reads = Reads()
    reads.gate = asyncio.Event()
    cache = CalendarCache(reads)
    waiting = [asyncio.ensure_future(cache.get()) for _ in range(5)]
    await asyncio.sleep(0)
    reads.gate.set()
    assert [await w for w in waiting] == [dates(2026)] * 5
    assert await cache.get() == dates(2026)
    assert reads.count == 1


async def test_forgetting_makes_the_next_caller_read_again():
    reads = Reads()
    cache = CalendarCache(reads)
    await cache.get()
    reads.answer = dates(2027)
    assert await cache.get() == dates(2026)  # kept
    cache.forget()
    assert cache.fresh() is None
    assert await cache.get() == dates(2027)
    assert reads.count == 2


async def test_a_read_overtaken_by_a_change_is_never_kept():
    """The read began before the change and ends after it: its callers get what it read (they
    asked before the change), but the cache must not keep it."""
    reads = Reads()
    reads.gate = asyncio.Event()
    cache = CalendarCache(reads)
    early = asyncio.ensure_future(cache.get())
    await reads.begun.wait()  # the read has begun, with the old calendar
    reads.answer = dates(2027)
    cache.forget()
    late = asyncio.ensure_future(cache.get())  # after the change: a read of its own
    await asyncio.sleep(0)
    reads.gate.set()
    assert await early == dates(2026)
    assert await late == dates(2027)
    reads.gate = None
    assert await cache.get() == dates(2027)
    assert reads.count == 2


async def test_the_calendar_is_read_again_after_its_maximum_age():
    reads, now = Reads(), [100.0]
    cache = CalendarCache(reads, max_age=60, now=lambda: now[0])
    assert cache.fresh() is None
    await cache.get()
    now[0] = 159.9
    assert cache.fresh() == dates(2026)  # what a field uses at once, without awaiting
    await cache.get()
    assert reads.count == 1
    now[0] = 160.0
    assert cache.fresh() is None
    await cache.get()
    assert reads.count == 2


async def test_a_failed_read_is_not_kept():
    reads = Reads()
    cache = CalendarCache(reads)
    failing = [True]

    async def read():
        if failing[0]:
            raise ConnectionError("the database is away")
        return await reads()

    cache = CalendarCache(read)
    with pytest.raises(ConnectionError):
        await cache.get()
    failing[0] = False
    assert await cache.get() == dates(2026)


async def test_one_caller_cancelled_does_not_cancel_the_others_read():
    reads = Reads()
    reads.gate = asyncio.Event()
    cache = CalendarCache(reads)
    leaving, staying = asyncio.ensure_future(cache.get()), asyncio.ensure_future(cache.get())
    await asyncio.sleep(0)
    leaving.cancel()
    await asyncio.sleep(0)
    reads.gate.set()
    assert await staying == dates(2026)
    assert leaving.cancelled() and reads.count == 1


async def test_the_shared_calendar_is_read_only():
    cache = CalendarCache(Reads())
    with pytest.raises(TypeError):
        (await cache.get())[2030] = FiscalYearDates(fiscal_year=2030)  # type: ignore[index]


# --- through the service --------------------------------------------------------------------


async def status(gql, token) -> dict:
    return (await gql.data(FISCAL_YEAR_STATUS, token=token))["fiscalYearStatus"]


async def set_dates(gql, token, **input_) -> dict:
    return (await gql.data(SET_FISCAL_YEAR_DATES, {"input": input_}, token))["setFiscalYearDates"]


async def test_set_dates_is_seen_at_once_by_the_process_that_set_them(gql, tokens, store, app):
    assert (await status(gql, tokens.mesa))["participantFiscalYear"] == 2026  # cached now
    before = store.round_trips.count
    await status(gql, tokens.mesa)
    assert store.round_trips.count == before, "the warm calendar costs no round trip"
    assert (await set_dates(gql, tokens.admin, **FY2027_TODAY))["userErrors"] == []
    assert (await status(gql, tokens.mesa))["participantFiscalYear"] == 2027


async def test_set_dates_logs_a_calendar_change_that_no_lea_and_no_subscriber_reads(
    gql, tokens, store, app
):
    assert (await set_dates(gql, tokens.admin, **FY2027_TODAY))["userErrors"] == []
    [entry] = [e async for e in store.db.events.find({"kind": CALENDAR_CHANGED})]
    assert entry["fiscalYear"] == 2027 and "leaEntityId" not in entry
    page = await store.events.after(EVERYTHING, 0)
    assert page.calendar_seqs == [entry["seq"]] and entry["seq"] in page.seqs
    assert page.events == []  # never delivered as a request's event
    mesa = scope_of(Viewer(id="m", name="M", role=Role.LEA_USER, lea_ids=frozenset({MESA})))
    assert (await store.events.after(mesa, 0)).seqs == []
    assert await store.events.get(EVERYTHING, entry["_id"]) is None  # not an `after` place


@pytest.mark.parametrize(
    "who, input_",
    [
        ("reviewer", FY2027_TODAY),
        ("admin", {"fiscalYear": 2027, "finalRecordsCreatedOn": "2027-01-14"}),  # before prelim.
    ],
)
async def test_a_refused_change_logs_nothing_and_keeps_the_cache(
    gql, tokens, store, app, who, input_
):
    await status(gql, tokens.mesa)
    payload = await set_dates(gql, getattr(tokens, who), **input_)
    assert payload["userErrors"] != []
    assert await store.db.events.count_documents({"kind": CALENDAR_CHANGED}) == 0
    before = store.round_trips.count
    await status(gql, tokens.mesa)
    assert store.round_trips.count == before


async def test_another_process_sees_the_change_within_the_feeds_poll(
    settings, store, clock, tokens
):
    """Two app instances on one store, as two processes on one MongoDB (tests/test_instances)."""
    async with (
        instance(settings, store, clock) as (_, gql_one),
        instance(settings, store, clock) as (other, gql_other),
    ):
        assert (await status(gql_other, tokens.mesa))["participantFiscalYear"] == 2026  # cached
        assert (await set_dates(gql_one, tokens.admin, **FY2027_TODAY))["userErrors"] == []
        feed = other.state.services.event_feed
        deadline = asyncio.get_running_loop().time() + 20 * feed.interval
        while (await status(gql_other, tokens.mesa))["participantFiscalYear"] != 2027:
            assert asyncio.get_running_loop().time() < deadline, "still the old calendar"
            await asyncio.sleep(feed.interval / 4)


async def test_the_feed_forgets_a_calendar_read_before_it_started(settings, store, clock):
    """Whatever the process read before its feed followed the log may have changed unseen."""
    app = create_app(settings, store=store, clock=clock, data_dir=sample_data_dir())
    services = app.state.services
    await services.calendar.all()
    await store.calendar.save(FiscalYearDates(fiscal_year=2031))  # no event: before the feed
    async with app.router.lifespan_context(app):
        assert 2031 in await services.calendar.all()


async def test_the_feed_forgets_once_per_calendar_change(store, clock):
    """Once at start, once per new entry; an entry seen already or a request's event is no
    reason to read the calendar again."""
    forgotten = []
    feed = EventFeed(store, interval=3600, grace=60, on_calendar_change=lambda: forgotten.append(1))
    await feed.start()
    try:
        assert len(forgotten) == 1
        await store.events.append_calendar_change(2027, clock())
        await feed.poll()
        assert len(forgotten) == 2
        await feed.poll()
        assert len(forgotten) == 2
    finally:
        await feed.stop()


# --- round trips -------------------------------------------------------------------------


async def trips(store, run) -> int:
    before = store.round_trips.count
    await run()
    return store.round_trips.count - before


@pytest.mark.parametrize("operation", ["records", "page", "status", "preview"])
async def test_a_warm_calendar_takes_one_round_trip_off_every_operation(
    gql, tokens, store, app, operation
):
    """Measured before (the cache forgotten: what every operation paid) and after."""
    await submit(gql, tokens.mesa, **MATEOS_REQUEST)  # a page with a request on it
    documents = {
        "records": (PARTICIPANT_RECORDS_IN_FULL, {"suid": MATEO, "school": RED_MOUNTAIN}, "mesa"),
        "page": (CHANGE_REQUESTS_IN_FULL, {"first": 25}, "reviewer"),
        "status": (FISCAL_YEAR_STATUS, None, "mesa"),
        "preview": (PREVIEW, {"input": preview_input(**{**MATEOS_REQUEST, "course": C2})}, "mesa"),
    }
    query, variables, who = documents[operation]

    async def run():
        await gql.data(query, variables, getattr(tokens, who))

    app.state.services.calendar.forget()
    cold = await trips(store, run)
    warm = await trips(store, run)
    assert cold - warm == 1, f"{cold} round trips cold, {warm} warm"


async def test_a_warm_calendar_takes_one_round_trip_off_an_approval(gql, tokens, store, app):
    first = await submit(gql, tokens.mesa, **MATEOS_REQUEST)
    second = await submit(gql, tokens.mesa, **{**MATEOS_REQUEST, "course": C2})
    app.state.services.calendar.forget()
    cold = await trips(store, lambda: approved(gql, tokens.reviewer, first["id"]))
    warm = await trips(store, lambda: approved(gql, tokens.reviewer, second["id"]))
    assert cold - warm == 1, f"{cold} round trips cold, {warm} warm"


def test_the_sample_calendar_has_the_year_the_tests_change():
    """FY2027_TODAY flips the participant year only if FY2027's records come later."""
    line = next(
        line
        for line in (sample_data_dir() / "fiscal_years.jsonl").read_text().splitlines()
        if '"fiscalYear": 2027' in line
    )
    assert FiscalYearDates.model_validate_json(line).preliminary_records_created_on > date(
        2026, 11, 28
    )

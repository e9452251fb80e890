"""The per-process event feed and one subscription's stream, at the domain level: polls are
run by hand (the background poller sleeps for an hour) so that each step is deterministic."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from domain.access import EVERYTHING as ALL
from domain.access import scope_of
from domain.change_requests.model import EventKind, RequestEvent
from domain.events.feed import Drop, EventFeed, SubscriberDropped
from domain.events.follow import follow
from domain.events.selection import EventFilter, EventSelection
from domain.models import Role, Viewer
from domain.repository.events import EventRepository
from server.app import create_app
from server.settings import Settings
from tests.conftest import MESA, RED_MOUNTAIN, TUCSON
from tests.documents import SUBMIT_BRIEF
from tests.hardening import development
from tests.sample import MATEO

REVIEWER = Viewer(id="reviewer-1", name="Riley Reviewer", role=Role.REVIEWER)
EVERYTHING = EventSelection(scope_of(REVIEWER), EventFilter())


@pytest.fixture
async def request_id(app, gql, tokens, store) -> str:
    """A submitted request's id (its SUBMITTED event is seq 1)."""
    data = await gql.data(
        SUBMIT_BRIEF,
        {
            "input": {
                "suid": MATEO,
                "schoolEntityId": RED_MOUNTAIN,
                "programNumber": "12.0500",
                "courseNumber": "12050010",
                "credits": "0.5",
                "gradeLevel": 10,
                "reason": "OUT_OF_STATE_TRANSFER",
                "justification": "Transcript",
            }
        },
        tokens.mesa,
    )
    assert data["submitInsertCreditsRequest"]["userErrors"] == []
    [logged] = (await store.events.after(ALL, 0)).events
    return logged.request_id


@pytest.fixture
async def feed(store, request_id):
    """A feed started after the first request's SUBMITTED event was logged."""
    feed = EventFeed(store, interval=3600, grace=60, queue_size=2)
    await feed.start()
    yield feed
    await feed.stop()


def event_document(request_id: str, version: int, seq: int | None = None) -> dict:
    document = {
        "_id": f"{request_id}:{version}",
        "changeRequestId": request_id,
        "schoolEntityId": RED_MOUNTAIN,
        "leaEntityId": MESA,
        "kind": "INFORMATION_PROVIDED",
        "at": datetime(2026, 11, 28, tzinfo=UTC),
        "actor": {"id": "lea-mesa", "name": "Mesa Coordinator", "role": "LEA_USER"},
        "comment": f"version {version}",
        "fromStatus": "MORE_INFORMATION_REQUESTED",
        "toStatus": "PENDING_REVIEW",
    }
    return document if seq is None else {**document, "seq": seq}


async def append(store, request_id: str, version: int) -> None:
    """Log the event `event_document` describes, as a transition would."""
    document = event_document(request_id, version)
    event = RequestEvent.model_validate({**document, "id": document.pop("_id")})
    await store.events.append(event, await store.requests.get(ALL, request_id))


async def received_ids(subscriber) -> list[str]:
    """What the subscriber has queued now (it never waits for more)."""
    ids = []
    while True:
        try:
            delivery = await asyncio.wait_for(subscriber.receive(), 0.01)
        except TimeoutError:
            return ids
        ids.append(delivery.id)


async def test_an_event_that_commits_after_a_later_one_is_delivered_once(store, feed, request_id):
    subscriber = feed.subscribe(EVERYTHING.accepts)
    # seq 2 is allocated by a writer that has not inserted yet; seq 3 commits first.
    await store.db.events.insert_one(event_document(request_id, 3, seq=3))
    await feed.poll()
    assert await received_ids(subscriber) == [f"{request_id}:3"]
    await store.db.events.insert_one(event_document(request_id, 2, seq=2))
    await feed.poll()
    await feed.poll()
    assert await received_ids(subscriber) == [f"{request_id}:2"]


async def test_a_full_queue_drops_only_that_subscriber(store, feed, request_id):
    slow = feed.subscribe(EVERYTHING.accepts)
    fast = feed.subscribe(EVERYTHING.accepts)
    for version in (2, 3):
        await append(store, request_id, version)
    await feed.poll()
    assert await received_ids(fast) == [f"{request_id}:2", f"{request_id}:3"]
    await append(store, request_id, 4)
    await feed.poll()  # the slow one's queue (size 2) overflows; the poll does not wait
    with pytest.raises(SubscriberDropped) as dropped:
        await slow.receive()
    assert dropped.value.why is Drop.TOO_SLOW
    assert await received_ids(fast) == [f"{request_id}:4"]
    assert feed.subscriber_count == 1


async def test_filters_and_visibility_choose_what_is_queued(store, feed, request_id):
    tucson_user = Viewer(id="t", name="T", role=Role.LEA_USER, lea_ids=frozenset({TUCSON}))
    # Even a filter naming the request's own LEA shows nothing outside the viewer's LEAs.
    outsider = feed.subscribe(
        EventSelection(scope_of(tucson_user), EventFilter(lea_entity_id=MESA)).accepts
    )
    approvals = feed.subscribe(
        EventSelection(
            scope_of(REVIEWER), EventFilter(kinds=frozenset({EventKind.APPROVED}))
        ).accepts
    )
    provided = feed.subscribe(
        EventSelection(
            scope_of(REVIEWER),
            EventFilter(
                kinds=frozenset({EventKind.INFORMATION_PROVIDED}), school_entity_id=RED_MOUNTAIN
            ),
        ).accepts
    )
    await append(store, request_id, 2)
    await feed.poll()
    assert await received_ids(outsider) == []
    assert await received_ids(approvals) == []
    assert await received_ids(provided) == [f"{request_id}:2"]


async def test_replay_then_live_has_no_gap_and_no_duplicate_at_the_seam(store, feed, request_id):
    first = f"{request_id}:1"
    await append(store, request_id, 2)
    await feed.poll()
    stream = follow(feed, store, EVERYTHING, after=first)
    # Logged but not yet polled when the stream starts: the replay reads it, and the feed
    # delivers it live as well.
    await append(store, request_id, 3)
    assert (await anext(stream)).id == f"{request_id}:2"
    assert (await anext(stream)).id == f"{request_id}:3"
    await feed.poll()
    await append(store, request_id, 4)
    await feed.poll()
    assert (await asyncio.wait_for(anext(stream), 1)).id == f"{request_id}:4"
    await stream.aclose()
    assert feed.subscriber_count == 0


async def test_a_dropped_stream_names_the_last_event_it_yielded(store, feed, request_id):
    stream = follow(feed, store, EVERYTHING)
    pending = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0)
    await append(store, request_id, 2)
    await feed.poll()
    assert (await pending).id == f"{request_id}:2"
    for version in (3, 4, 5):
        await append(store, request_id, version)
    await feed.poll()
    with pytest.raises(SubscriberDropped) as dropped:
        await anext(stream)
    assert dropped.value.resume_after == f"{request_id}:2"


async def test_a_stream_dropped_before_any_event_resumes_where_it_began(store, feed, request_id):
    stream = follow(feed, store, EVERYTHING)
    pending = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0)
    for version in (2, 3, 4):
        await append(store, request_id, version)
    await feed.poll()
    with pytest.raises(SubscriberDropped) as dropped:
        await pending
    assert dropped.value.resume_after == f"{request_id}:1"


async def test_stop_ends_the_poller_and_drops_every_subscriber(store, request_id):
    feed = EventFeed(store)
    before = asyncio.all_tasks()
    await feed.start()
    subscriber = feed.subscribe(EVERYTHING.accepts)
    pollers = asyncio.all_tasks() - before
    await feed.stop()
    with pytest.raises(SubscriberDropped) as dropped:
        await subscriber.receive()
    assert dropped.value.why is Drop.SHUTTING_DOWN
    assert feed.subscriber_count == 0
    assert pollers and all(t.done() for t in pollers)


@pytest.mark.parametrize("yields", range(4))
async def test_stop_ends_the_poller_even_right_after_a_wake(store, request_id, yields):
    """A write wakes the feed just before shutdown (the last request's event): the poller's
    wait has ended when the cancellation comes. Python 3.11's asyncio.wait_for then returns
    and drops the cancellation, the poller polls on forever and `stop` never returns."""
    feed = EventFeed(store, interval=3600, grace=60)
    await feed.start()
    await asyncio.sleep(0.05)  # the first poll is over: the poller waits for a wake
    feed.wake()
    for _ in range(yields):  # into the window between the wait's end and the poller's turn
        await asyncio.sleep(0)
    async with asyncio.timeout(1):
        await feed.stop()


async def test_a_change_stream_wakes_the_poller_at_once(store, request_id, monkeypatch):
    """Where the deployment has change streams, an insert is delivered without waiting for
    the (here hour-long) polling interval."""
    inserted = asyncio.Queue()

    async def inserts():
        while True:
            await inserted.get()
            yield

    # The feed reads through a repository of its own: patch the class, not `store.events`.
    monkeypatch.setattr(EventRepository, "inserts", lambda self: inserts())
    feed = EventFeed(store, interval=3600, grace=60)
    await feed.start()
    try:
        subscriber = feed.subscribe(EVERYTHING.accepts)
        await asyncio.sleep(0.1)  # the first poll is over: only a wake-up can deliver now
        await append(store, request_id, 2)
        inserted.put_nowait(None)
        delivery = await asyncio.wait_for(subscriber.receive(), 2)
        assert delivery.id == f"{request_id}:2"
    finally:
        await feed.stop()


async def test_a_wake_polls_at_once_and_does_nothing_where_the_feed_is_not_running(
    store, request_id
):
    """This process's writes wake its feed (Services wires EventLog to `wake`). Recovery logs
    events before the feed starts, and a wake from outside its event loop cannot reach it:
    those wakes do nothing, and never raise into the write."""
    feed = EventFeed(store, interval=3600, grace=60)
    feed.wake()
    await feed.start()
    try:
        subscriber = feed.subscribe(EVERYTHING.accepts)
        await asyncio.sleep(0.1)  # the first poll is over: only a wake-up can deliver now
        await append(store, request_id, 2)
        await asyncio.to_thread(feed.wake)
        feed.wake()
        delivery = await asyncio.wait_for(subscriber.receive(), 2)
        assert delivery.id == f"{request_id}:2"
    finally:
        await feed.stop()
    feed.wake()


async def test_without_change_streams_the_feed_keeps_polling(store, request_id):
    """The embedded store has no change streams: the watcher gives up, polling delivers."""
    feed = EventFeed(store, interval=0.02, grace=60)
    await feed.start()
    try:
        subscriber = feed.subscribe(EVERYTHING.accepts)
        await append(store, request_id, 2)
        delivery = await asyncio.wait_for(subscriber.receive(), 2)
        assert delivery.id == f"{request_id}:2"
    finally:
        await feed.stop()


@pytest.mark.parametrize(("interval", "delivered"), [(0.05, True), (30, False)])
async def test_the_poll_interval_setting_paces_another_processes_events(
    store, clock, request_id, interval, delivered
):
    """An app on the same store as the writer (another process's feed: the write does not
    wake it) reads the log every CTECR_EVENT_POLL_INTERVAL seconds."""
    other = create_app(development(event_poll_interval=interval), store=store, clock=clock)
    async with other.router.lifespan_context(other):
        feed = other.state.services.event_feed
        await asyncio.sleep(0.1)  # its first read is done: the cursor is past seq 1
        subscriber = feed.subscribe(EVERYTHING.accepts)
        await append(store, request_id, 2)
        try:
            delivery = await asyncio.wait_for(subscriber.receive(), 1)
        except TimeoutError:
            delivery = None
    assert (delivery is not None and delivery.id == f"{request_id}:2") is delivered


@pytest.mark.parametrize("value", ["0", "-0.5", "61", "soon"])
def test_a_poll_interval_out_of_bounds_is_refused(monkeypatch, value):
    monkeypatch.setenv("CTECR_EVENT_POLL_INTERVAL", value)
    with pytest.raises(ValidationError, match="event_poll_interval"):
        Settings()

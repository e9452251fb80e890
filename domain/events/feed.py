"""The per-process event feed: one poller task follows the log and fans each new event out
to the subscribers that want it.

The poller reads the log with the indexed `seq` query every `interval` seconds, whatever the
number of subscribers. An event this process logs wakes the poller at once (`wake`, which the
event log calls after its write), so that a local write is delivered in milliseconds; and where
the deployment has change streams (a replica set), so does an insert by any process. The read
itself stays the same indexed query, so order, late commits and gaps are handled in one place.
Where there are no change streams (a standalone server, the embedded store), the watcher gives
up, and other processes' events arrive by polling alone. Each subscriber has a bounded
queue that the poller fills without waiting: a subscriber whose queue is full is dropped at
once, so that a slow one never holds up the others, the poller or the mutations.

The poller's reads are background traffic, not any request's: they are counted on the feed's
own `round_trips`, apart from the store's.

The log also says when the fiscal calendar changed; the feed then calls `on_calendar_change`
(the process's calendar cache forgets what it holds), and once at start, since the cache may
hold a calendar read before the feed followed the log.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum

from ..access import EVERYTHING
from ..repository import RoundTrips, Store
from ..tasks import cancel_and_wait
from .cursor import DEFAULT_GRACE, SeqCursor
from .log import PAGE, join_requests
from .logged import Delivery, EventPage

log = logging.getLogger("ctecr.events")

DEFAULT_INTERVAL = 0.1
DEFAULT_QUEUE_SIZE = 1000
# At start, the most recent events are read back so that one of them committing late is not
# mistaken for new or lost.
STARTUP_WINDOW = 100


class Drop(StrEnum):
    """Why the feed dropped a subscriber (the server turns it into a close code)."""

    TOO_SLOW = "subscriber too slow"
    SHUTTING_DOWN = "server shutting down"


class SubscriberDropped(Exception):
    """The feed dropped a subscriber; `resume_after` names the event to resume after."""

    def __init__(self, why: Drop, resume_after: str | None = None):
        super().__init__(str(why))
        self.why = why
        self.resume_after = resume_after


class Subscriber:
    """One subscription's queue. `start_seq` is the feed's watermark when it subscribed:
    the feed delivers it only events above that; `start_id` names the last event the feed
    had delivered then, a place to resume from."""

    def __init__(
        self,
        accepts: Callable[[Delivery], bool],
        queue_size: int,
        start_seq: int,
        start_id: str | None,
    ):
        self.accepts = accepts
        self.start_seq = start_seq
        self.start_id = start_id
        self._queue: asyncio.Queue[Delivery | Drop] = asyncio.Queue(queue_size)

    def offer(self, delivery: Delivery) -> bool:
        """Queue `delivery` without waiting; False when the queue is full."""
        try:
            self._queue.put_nowait(delivery)
        except asyncio.QueueFull:
            return False
        return True

    def drop(self, why: Drop) -> None:
        """Free the queued events and make the next `receive` raise SubscriberDropped."""
        while not self._queue.empty():
            self._queue.get_nowait()
        self._queue.put_nowait(why)

    async def receive(self) -> Delivery:
        item = await self._queue.get()
        if isinstance(item, Drop):
            raise SubscriberDropped(item)
        return item


class EventFeed:
    def __init__(
        self,
        store: Store,
        *,
        interval: float = DEFAULT_INTERVAL,
        grace: float = DEFAULT_GRACE,
        queue_size: int = DEFAULT_QUEUE_SIZE,
        on_calendar_change: Callable[[], None] = lambda: None,
    ):
        self.round_trips = RoundTrips()
        self._on_calendar_change = on_calendar_change
        self._store = replace(store, round_trips=self.round_trips)
        self.interval = interval
        self.grace = grace
        self.queue_size = queue_size
        self._subscribers: set[Subscriber] = set()
        self._cursor: SeqCursor | None = None
        self._last_id: str | None = None
        self._task: asyncio.Task[None] | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake = asyncio.Event()

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    @property
    def mode(self) -> str:
        """How the feed learns of new events: "change_stream" while inserts wake the poller,
        else "poll" (polling alone)."""
        watching = self._watcher is not None and not self._watcher.done()
        return "change_stream" if watching else "poll"

    async def lag(self) -> int:
        """How many events the log holds beyond the last one this feed has delivered."""
        delivered = self._cursor.watermark if self._cursor is not None else 0
        return max(0, await self._store.events.last_seq() - delivered)

    async def start(self) -> None:
        last = await self._store.events.last_seq()
        since = max(0, last - STARTUP_WINDOW)
        recent = await self._store.events.after(EVERYTHING, since, STARTUP_WINDOW)
        self._cursor = SeqCursor(since, self.grace)
        self._cursor.mark(recent.seqs)
        self._last_id = recent.events[-1].event.id if recent.events else None
        self._on_calendar_change()
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        self._task = asyncio.create_task(self._run(), name="event-feed")
        self._watcher = asyncio.create_task(self._watch(), name="event-feed-watch")

    async def stop(self) -> None:
        """Stop polling and drop every subscriber (they may resume elsewhere)."""
        await cancel_and_wait(self._task, self._watcher)
        self._task = self._watcher = self._loop = None
        for subscriber in self._subscribers:
            subscriber.drop(Drop.SHUTTING_DOWN)
        self._subscribers.clear()

    def wake(self) -> None:
        """Poll now rather than at the end of the interval: this process has logged an event.
        It neither waits nor raises, so that it can never fail or slow the write that calls
        it. Before `start` (recovery logs events at startup), after `stop`, or from outside
        the feed's event loop, it does nothing: start's first read, or the next poll, finds
        the event anyway."""
        if self._loop is None or _running_loop() is not self._loop:
            return
        self._wake.set()

    def subscribe(self, accepts: Callable[[Delivery], bool]) -> Subscriber:
        if self._task is None or self._cursor is None:
            raise RuntimeError("the event feed is not running")
        subscriber = Subscriber(accepts, self.queue_size, self._cursor.watermark, self._last_id)
        self._subscribers.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self._subscribers.discard(subscriber)

    async def _run(self) -> None:
        while True:
            try:
                await self.poll()
            except Exception:  # a database hiccup must not end the feed
                log.exception("event feed poll failed; retrying")
            await self._rest()
            self._wake.clear()

    async def _rest(self) -> None:
        """Until woken or the interval is over. asyncio.timeout, not wait_for: Python 3.11's
        wait_for drops a cancellation that comes as the wait ends (a wake just before
        `stop`), and the poller would then never stop."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.interval):
                await self._wake.wait()

    async def _watch(self) -> None:
        """Wake the poller on every insert into the log, while a change stream is available."""
        try:
            async for _ in self._store.events.inserts():
                self._wake.set()
        except Exception as error:  # no change streams here: polling alone carries on
            log.info(
                "event log change stream unavailable (%s); polling every %g s",
                type(error).__name__,
                self.interval,
            )

    async def poll(self) -> None:
        """Deliver the events logged since the last poll, a page at a time."""
        assert self._cursor is not None
        after = self._cursor.watermark
        while True:
            page = await self._store.events.after(EVERYTHING, after, PAGE)
            await self._deliver(page)
            if len(page.seqs) < PAGE:
                break
            after = page.seqs[-1]
        self._cursor.mark(())

    async def _deliver(self, page: EventPage) -> None:
        """Fan out the new events of `page`; they count as delivered only afterwards, so
        that a subscriber joining meanwhile (with `after`) replays them itself. The feed
        reads every LEA's events: each subscriber's `accepts` applies its own scope."""
        assert self._cursor is not None
        unseen = self._cursor.unseen(page.seqs)
        if not unseen.isdisjoint(page.calendar_seqs):
            self._on_calendar_change()
        fresh = [e for e in page.events if e.seq in unseen]
        if fresh and self._subscribers:
            for delivery in await join_requests(self._store, EVERYTHING, fresh):
                self._fan_out(delivery)
        self._cursor.mark(unseen)
        if fresh:
            self._last_id = fresh[-1].event.id

    def _fan_out(self, delivery: Delivery) -> None:
        for subscriber in list(self._subscribers):
            if subscriber.accepts(delivery) and not subscriber.offer(delivery):
                self._subscribers.discard(subscriber)
                subscriber.drop(Drop.TOO_SLOW)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None

"""One subscription's stream: optionally the logged events after a given one, then live.

The subscriber joins the feed before the replay reads the log, so nothing logged meanwhile
is missed; a live event that the replay already yielded is skipped, so nothing comes twice.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from ..errors import NotFound
from ..repository import Store
from .feed import EventFeed, SubscriberDropped
from .log import join_requests, replay
from .logged import Delivery
from .selection import EventSelection


async def follow(
    feed: EventFeed, store: Store, selection: EventSelection, after: str | None = None
) -> AsyncIterator[Delivery]:
    """Raises NotFound for an `after` the viewer cannot see, and SubscriberDropped, naming
    the last event yielded (or else where the stream began), when the feed drops it."""
    after_seq = await _seq_of(store, selection, after) if after is not None else None
    subscriber = feed.subscribe(selection.accepts)
    last = after or subscriber.start_id
    try:
        replayed: set[int] = set()
        if after_seq is not None:
            async for delivery in replay(store, selection.scope, after_seq, selection.accepts):
                if delivery.seq > subscriber.start_seq:
                    replayed.add(delivery.seq)
                last = delivery.id
                yield delivery
        while True:
            delivery = await subscriber.receive()
            if delivery.seq in replayed:
                replayed.discard(delivery.seq)
                continue
            last = delivery.id
            yield delivery
    except SubscriberDropped as dropped:
        raise SubscriberDropped(dropped.why, last) from None
    finally:
        feed.unsubscribe(subscriber)


async def _seq_of(store: Store, selection: EventSelection, event_id: str) -> int:
    """The `seq` of the event `event_id`; an event the viewer may not see reads as absent."""
    logged = await store.events.get(selection.scope, event_id)
    found = await join_requests(store, selection.scope, [logged]) if logged else []
    if found:
        return found[0].seq
    raise NotFound(f"The event {event_id!r}", "after")

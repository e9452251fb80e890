"""Reading the event log: events joined with their requests, and replay."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

from ..access import Scope
from ..repository import Store
from .logged import Delivery, LoggedEvent

PAGE = 500


async def join_requests(store: Store, scope: Scope, events: list[LoggedEvent]) -> list[Delivery]:
    """`events` with their requests, in one query. A transition writes its request before
    its event, so a missing request means a deleted one: its events are skipped."""
    if not events:
        return []
    requests = await store.requests.by_ids(scope, {e.request_id for e in events})
    return [
        Delivery(e.seq, e.event, requests[e.request_id]) for e in events if e.request_id in requests
    ]


async def replay(
    store: Store, scope: Scope, after_seq: int, accepts: Callable[[Delivery], bool]
) -> AsyncIterator[Delivery]:
    """The logged events within `scope` after `after_seq` that `accepts` takes, oldest
    first, a page at a time."""
    while True:
        page = await store.events.after(scope, after_seq, PAGE)
        for delivery in await join_requests(store, scope, page.events):
            if accepts(delivery):
                yield delivery
        if len(page.seqs) < PAGE:
            return
        after_seq = page.seqs[-1]

"""Reading the event log: documents to events, events joined with their requests, replay."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..change_requests.model import ChangeRequest, RequestEvent
from ..repository import Store
from ..repository.documents import from_document

PAGE = 500
log = logging.getLogger("ctecr.events")


@dataclass(frozen=True)
class LoggedEvent:
    seq: int
    request_id: str
    event: RequestEvent

    @classmethod
    def of(cls, document: dict[str, Any]) -> LoggedEvent:
        fields = {k: v for k, v in document.items() if k != "_id"}
        return cls(
            seq=document["seq"],
            request_id=document["changeRequestId"],
            event=from_document(RequestEvent, {**fields, "id": document["_id"]}),
        )


@dataclass(frozen=True)
class Delivery:
    """An event with its request as it is now: what a subscriber receives."""

    seq: int
    event: RequestEvent
    request: ChangeRequest

    @property
    def id(self) -> str:
        return self.event.id


def parse(documents: list[dict[str, Any]]) -> list[LoggedEvent]:
    """The events of `documents`; a malformed one is logged and skipped, never retried."""
    parsed = []
    for document in documents:
        try:
            parsed.append(LoggedEvent.of(document))
        except (KeyError, ValidationError):
            log.exception("skipping malformed event log entry %r", document.get("_id"))
    return parsed


async def join_requests(store: Store, events: list[LoggedEvent]) -> list[Delivery]:
    """`events` with their requests, in one query. A transition writes its request before
    its event, so a missing request means a deleted one: its events are skipped."""
    if not events:
        return []
    requests = await store.requests.by_ids({e.request_id for e in events})
    return [
        Delivery(e.seq, e.event, requests[e.request_id]) for e in events if e.request_id in requests
    ]


async def replay(
    store: Store, after_seq: int, accepts: Callable[[Delivery], bool]
) -> AsyncIterator[Delivery]:
    """The logged events after `after_seq` that `accepts` takes, oldest first, a page at
    a time."""
    while True:
        documents = await store.events.after(after_seq, PAGE)
        for delivery in await join_requests(store, parse(documents)):
            if accepts(delivery):
                yield delivery
        if len(documents) < PAGE:
            return
        after_seq = documents[-1]["seq"]

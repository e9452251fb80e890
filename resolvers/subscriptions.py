"""The changeRequestEvents subscription: the domain's event stream as GraphQL events."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncGenerator
from contextlib import aclosing
from dataclasses import dataclass
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.access import Scope
from domain.errors import DomainError
from domain.events.feed import Drop, SubscriberDropped
from domain.events.follow import follow
from domain.events.logged import Delivery
from domain.events.selection import EventFilter, selection
from domain.services import Services
from schema.context import Loaders, viewer_of
from schema.inputs import ChangeRequestEventFilter
from schema.shared_events import SharedEvent
from schema.types import ChangeRequestEvent

from .errors import top_level


async def change_request_events(
    info: Info,
    filter: Annotated[
        ChangeRequestEventFilter | None,
        strawberry.argument(description="Only the events that match; null for all."),
    ] = None,
    after: Annotated[
        strawberry.ID | None,
        strawberry.argument(
            description="The id of the last event received: replay the later ones first "
            "(NOT_FOUND if the viewer cannot see it); null for new events only."
        ),
    ] = None,
) -> AsyncGenerator[ChangeRequestEvent, None]:
    context = info.context
    services = context.services
    try:
        chosen = await selection(viewer_of(info), _event_filter(filter), services.requests)
        async with aclosing(follow(services.event_feed, services.store, chosen, after)) as events:
            async for delivery in events:
                live = _live_event(delivery, services, chosen.scope)
                context.loaders = live.loaders
                yield live.root
    except DomainError as error:
        raise top_level(error) from None
    except SubscriberDropped as dropped:
        await _end(info, dropped.why, dropped.resume_after)


class SharedChangeRequestEvent(ChangeRequestEvent, SharedEvent):
    """The root of a live event that its subscribers within one scope share."""


@dataclass(frozen=True)
class LiveEvent:
    delivery: Delivery  # held, so that its id stays unique while the entry lives
    loaders: Loaders
    root: SharedChangeRequestEvent


# The context lives as long as the connection, so each event gets its own loaders (related
# objects are read as they are now); and the subscribers of one live delivery (the feed hands
# the same Delivery to all of them) within one scope share them and the event's root, so that
# an event costs one read per kind of object and scope, not one per subscriber, and one
# execution per document and variables (schema.shared_events). A replay builds its own
# Delivery, hence fresh loaders and root.
_LIVE_EVENTS: OrderedDict[tuple[int, Scope], LiveEvent] = OrderedDict()
LIVE_EVENTS_KEPT = 64


def _live_event(delivery: Delivery, services: Services, scope: Scope) -> LiveEvent:
    key = (id(delivery), scope)
    shared = _LIVE_EVENTS.get(key)
    if shared is not None and shared.delivery is delivery and shared.loaders.services is services:
        return shared
    root = SharedChangeRequestEvent.of(delivery.event, delivery.request)
    _LIVE_EVENTS[key] = shared = LiveEvent(delivery, Loaders(services, scope), root)
    while len(_LIVE_EVENTS) > LIVE_EVENTS_KEPT:
        _LIVE_EVENTS.popitem(last=False)
    return shared


def _event_filter(given: ChangeRequestEventFilter | None) -> EventFilter:
    if given is None:
        return EventFilter()
    return EventFilter(
        kinds=frozenset(given.kinds or ()),
        school_entity_id=given.school_entity_id,
        lea_entity_id=given.lea_entity_id,
    )


async def _end(info: Info, drop: Drop, resume: str | None) -> None:
    """Close the socket (subscriptions are served over graphql-transport-ws only, see
    server.app) saying why and where to resume, then wait for the connection's shutdown to
    cancel this operation: completing it would write to a closed socket."""
    reason = f"{drop}; resume with after: {resume}" if resume else str(drop)
    await info.context.close_connection(drop, reason)
    await asyncio.Event().wait()

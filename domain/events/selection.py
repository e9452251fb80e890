"""Which events a subscriber receives: those within the viewer's scope, narrowed by its
filter."""

from __future__ import annotations

from dataclasses import dataclass

from ..access import Scope, scope_of
from ..change_requests.model import EventKind, RequestFilter
from ..change_requests.queries import RequestQueries
from ..models import Viewer
from .logged import Delivery


@dataclass(frozen=True)
class EventFilter:
    kinds: frozenset[EventKind] = frozenset()
    school_entity_id: int | None = None
    lea_entity_id: int | None = None


@dataclass(frozen=True)
class EventSelection:
    scope: Scope
    filter: EventFilter

    def visible(self, delivery: Delivery) -> bool:
        return self.scope.covers(delivery.request.lea_entity_id)

    def accepts(self, delivery: Delivery) -> bool:
        """Visibility first, whatever the filter says; then the filter."""
        request, wanted = delivery.request, self.filter
        return (
            self.visible(delivery)
            and (not wanted.kinds or delivery.event.kind in wanted.kinds)
            and wanted.school_entity_id in (None, request.school_entity_id)
            and wanted.lea_entity_id in (None, request.lea_entity_id)
        )


async def selection(
    viewer: Viewer, wanted: EventFilter, requests: RequestQueries
) -> EventSelection:
    """The selection for `viewer`; an LEA user naming another LEA or its school is refused
    (FORBIDDEN), as in the changeRequests query."""
    await requests.check_filter(
        viewer,
        RequestFilter(school_entity_id=wanted.school_entity_id, lea_entity_id=wanted.lea_entity_id),
    )
    return EventSelection(scope_of(viewer), wanted)

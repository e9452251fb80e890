"""Which events a subscriber receives: those the viewer may see, narrowed by its filter."""

from __future__ import annotations

from dataclasses import dataclass

from ..change_requests.model import EventKind
from ..change_requests.service import ChangeRequests, RequestFilter, may_see
from ..models import Viewer
from .log import Delivery


@dataclass(frozen=True)
class EventFilter:
    kinds: frozenset[EventKind] = frozenset()
    school_entity_id: int | None = None
    lea_entity_id: int | None = None


@dataclass(frozen=True)
class EventSelection:
    viewer: Viewer
    filter: EventFilter

    def visible(self, delivery: Delivery) -> bool:
        return may_see(self.viewer, delivery.request)

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
    viewer: Viewer, wanted: EventFilter, change_requests: ChangeRequests
) -> EventSelection:
    """The selection for `viewer`; an LEA user naming another LEA or its school is refused
    (FORBIDDEN), as in the changeRequests query."""
    await change_requests.restrict_to_leas(
        viewer,
        RequestFilter(school_entity_id=wanted.school_entity_id, lea_entity_id=wanted.lea_entity_id),
    )
    return EventSelection(viewer, wanted)

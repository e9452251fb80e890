"""Reading change requests within the viewer's scope."""

from __future__ import annotations

from datetime import datetime

from ..access import check_named_lea, scope_of
from ..lookups import Lookups
from ..models import Viewer
from ..paging import Page, page_size
from ..repository import Store
from .model import ChangeRequest, RequestFilter, RequestOrder


class RequestQueries:
    def __init__(self, store: Store, lookups: Lookups):
        self._store = store
        self._lookups = lookups

    async def get(self, viewer: Viewer, request_id: str) -> ChangeRequest | None:
        """The request, or None when it does not exist or the viewer may not see it."""
        return await self._store.requests.get(scope_of(viewer), request_id)

    async def page(
        self,
        viewer: Viewer,
        filters: RequestFilter,
        first: int,
        after: tuple[datetime, str] | None,
        order: RequestOrder = RequestOrder.NEWEST_FIRST,
    ) -> Page[ChangeRequest]:
        await self.check_filter(viewer, filters)
        scope, requests = scope_of(viewer), self._store.requests
        limit = page_size(first)
        items = await requests.page(scope, filters, after, limit + 1, order)
        return Page(items[:limit], len(items) > limit, await requests.count(scope, filters))

    async def check_filter(self, viewer: Viewer, filters: RequestFilter) -> None:
        """A filter naming an LEA or school outside the viewer's scope is refused."""
        scope = scope_of(viewer)
        check_named_lea(scope, filters.lea_entity_id)
        # A scope of everything refuses no school: no need to read it.
        if filters.school_entity_id is not None and not scope.everything:
            await self._lookups.school_in(scope, filters.school_entity_id)

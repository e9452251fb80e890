"""The access log: recording reads of student data, and serving the log to admins."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.audit import AccessFilter, AccessKind
from domain.errors import DomainError
from schema.audit import AccessLogConnection, AccessLogEdge, AccessLogEntry, AccessLogFilter
from schema.context import viewer_of
from schema.ids import to_global_id

from .errors import top_level
from .pagination import After, First, check_first, keyset_cursor, page_info, parse_keyset_cursor


async def record(info: Info, kind: AccessKind, **subject) -> None:
    """Record the viewer's access (never fails the read)."""
    await info.context.services.audit.record(viewer_of(info), kind, **subject)


async def access_log(
    info: Info,
    filter: Annotated[
        AccessLogFilter | None,
        strawberry.argument(description="Only the entries that match; null for all."),
    ] = None,
    first: First = 25,
    after: After = None,
) -> AccessLogConnection:
    given = filter or AccessLogFilter()
    filters = AccessFilter(
        suid=given.suid,
        actor_id=given.actor_id,
        kinds=tuple(given.kinds or ()),
        after=given.after,
        before=given.before,
        cursor=parse_keyset_cursor(after),
    )
    try:
        page = await info.context.services.audit.page(viewer_of(info), filters, check_first(first))
    except DomainError as error:
        raise top_level(error) from None
    edges = [
        AccessLogEdge(
            cursor=keyset_cursor(e.at, e.id),
            node=AccessLogEntry.of(
                e,
                to_global_id("ChangeRequest", e.change_request_id) if e.change_request_id else None,
            ),
        )
        for e in page.items
    ]
    return AccessLogConnection(edges=edges, page_info=page_info(page, edges, after))

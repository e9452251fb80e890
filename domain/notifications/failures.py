"""Notifications that could not be delivered, for admins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..errors import Forbidden
from ..models import Role, Viewer
from ..paging import page_size
from ..repository import Store
from .rules import NotificationKind


@dataclass(frozen=True)
class Failure:
    key: str
    kind: NotificationKind
    recipient: str
    change_request_id: str | None
    event_id: str | None
    attempts: int
    code: int | None
    message: str
    at: datetime


async def notification_failures(store: Store, viewer: Viewer, first: int) -> list[Failure]:
    """Permanent failures, newest first; admins only."""
    if viewer.role is not Role.ADMIN:
        raise Forbidden("Only admins see notification failures.")
    documents = await store.notifications.failures(page_size(first))
    return [
        Failure(
            key=d["_id"],
            kind=NotificationKind(d["kind"]),
            recipient=d["recipient"],
            change_request_id=d.get("changeRequestId"),
            event_id=d.get("eventId"),
            attempts=d.get("attempts", 0),
            code=(d.get("error") or {}).get("code"),
            message=(d.get("error") or {}).get("message", ""),
            at=d["updatedAt"],
        )
        for d in documents
    ]

"""The access audit (FERPA): who looked at which student's data, and when.

Every participantRecords lookup, retired-SUID check, opening of a change request and
attachment download is recorded with the actor, the time and the SUID, school, request or
attachment it concerned: never a student's name nor any free text. Only admins read the log.
Recording never fails the read it records: a failure to write an entry is logged and the read
goes on.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .clock import Clock
from .errors import Forbidden
from .models import Role, Viewer
from .paging import Page, page_size
from .repository.audit import AuditRepository


class AccessKind(enum.StrEnum):
    RECORDS_LOOKED_UP = "RECORDS_LOOKED_UP"
    RETIRED_SUID_CHECKED = "RETIRED_SUID_CHECKED"
    CHANGE_REQUEST_OPENED = "CHANGE_REQUEST_OPENED"
    ATTACHMENT_DOWNLOADED = "ATTACHMENT_DOWNLOADED"


@dataclass(frozen=True)
class AccessEntry:
    id: str
    at: datetime
    actor_id: str
    actor_name: str
    actor_role: Role
    kind: AccessKind
    suid: str | None = None
    school_entity_id: int | None = None
    change_request_id: str | None = None
    attachment_id: str | None = None


@dataclass(frozen=True)
class AccessFilter:
    suid: str | None = None
    actor_id: str | None = None
    kinds: tuple[AccessKind, ...] = ()
    after: datetime | None = None
    before: datetime | None = None
    cursor: tuple[datetime, str] | None = field(default=None)


class AccessAudit:
    def __init__(self, repository: AuditRepository, clock: Clock):
        self.repository = repository
        self.clock = clock
        self.log = logging.getLogger("ctecr.audit")

    async def record(
        self,
        viewer: Viewer,
        kind: AccessKind,
        *,
        suid: str | None = None,
        school_entity_id: int | None = None,
        change_request_id: str | None = None,
        attachment_id: str | None = None,
    ) -> None:
        """Write one entry; never raises."""
        try:
            await self.repository.insert(
                {
                    "at": self.clock(),
                    "actorId": viewer.id,
                    "actorName": viewer.name,
                    "actorRole": str(viewer.role),
                    "kind": str(kind),
                    "suid": suid,
                    "schoolEntityId": school_entity_id,
                    "changeRequestId": change_request_id,
                    "attachmentId": attachment_id,
                }
            )
        except Exception as error:  # an audit hiccup must not fail the read it records
            self.log.error("access audit entry not written (%s)", type(error).__name__)

    async def page(self, viewer: Viewer, filters: AccessFilter, first: int) -> Page[AccessEntry]:
        """Newest first; admins only."""
        if viewer.role is not Role.ADMIN:
            raise Forbidden("Only admins may read the access log.")
        size = page_size(first)
        documents = await self.repository.page(
            suid=filters.suid,
            actor_id=filters.actor_id,
            kinds=[str(k) for k in filters.kinds],
            after=filters.after,
            before=filters.before,
            cursor=filters.cursor,
            limit=size + 1,
        )
        entries = [_entry(d) for d in documents[:size]]
        return Page(items=entries, has_next_page=len(documents) > size, total_count=-1)


def _entry(document: dict[str, Any]) -> AccessEntry:
    return AccessEntry(
        id=str(document["_id"]),
        at=document["at"],
        actor_id=document["actorId"],
        actor_name=document["actorName"],
        actor_role=Role(document["actorRole"]),
        kind=AccessKind(document["kind"]),
        suid=document.get("suid"),
        school_entity_id=document.get("schoolEntityId"),
        change_request_id=document.get("changeRequestId"),
        attachment_id=document.get("attachmentId"),
    )

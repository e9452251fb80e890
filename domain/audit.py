"""The access audit (FERPA): who looked at which student's data, and when.

Every participantRecords lookup, retired-SUID check, opening of a change request and
attachment download is recorded with the actor, the time and the SUID, school, request or
attachment it concerned: never a student's name nor any free text. Only admins read the log.
Recording never fails the read it records: a failure to write an entry is logged and the read
goes on.
"""

from __future__ import annotations

import logging

from .audit_entries import AccessEntry, AccessFilter, AccessKind
from .clock import Clock
from .errors import Forbidden
from .models import Role, Viewer

__all__ = ["AccessAudit", "AccessEntry", "AccessFilter", "AccessKind"]
from .paging import Page, page_size
from .repository.audit import AuditRepository


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
                AccessEntry(
                    id=self.repository.new_id(),
                    at=self.clock(),
                    actor_id=viewer.id,
                    actor_name=viewer.name,
                    actor_role=viewer.role,
                    kind=kind,
                    suid=suid,
                    school_entity_id=school_entity_id,
                    change_request_id=change_request_id,
                    attachment_id=attachment_id,
                )
            )
        except Exception as error:  # an audit hiccup must not fail the read it records
            self.log.error("access audit entry not written (%s)", type(error).__name__)

    async def page(self, viewer: Viewer, filters: AccessFilter, first: int) -> Page[AccessEntry]:
        """Newest first; admins only."""
        if viewer.role is not Role.ADMIN:
            raise Forbidden("Only admins may read the access log.")
        size = page_size(first)
        found = await self.repository.page(filters, size + 1)
        return Page(items=found[:size], has_next_page=len(found) > size, total_count=-1)

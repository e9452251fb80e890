"""The access log's types (schema-next `accessLog`), for admins."""

from __future__ import annotations

from datetime import datetime

import strawberry

from domain import audit

from .enums import Role, described_enum
from .types import Actor, PageInfo

AccessKind = described_enum(
    audit.AccessKind,
    "AccessKind",
    "What kind of access to student data an entry records.",
    {
        "RECORDS_LOOKED_UP": "A participantRecords lookup of a student at a school.",
        "RETIRED_SUID_CHECKED": "A submission naming a retired SUID, which checks that SUID's "
        "P/C records statewide.",
        "CHANGE_REQUEST_OPENED": "A change request read by id (changeRequest or node).",
        "ATTACHMENT_DOWNLOADED": "An evidence file downloaded from its downloadUrl.",
    },
)


@strawberry.type(description="One access to student data, kept for audit.")
class AccessLogEntry:
    id: strawberry.ID = strawberry.field(description="Opaque id of the entry.")
    at: datetime = strawberry.field(description="When the access happened.")
    actor: Actor = strawberry.field(description="Who read the data.")
    kind: AccessKind = strawberry.field(description="What kind of access it was.")
    suid: str | None = strawberry.field(
        description="The student whose data was read (SUID); null when none."
    )
    school_entity_id: int | None = strawberry.field(
        description="The school the access named; null when none."
    )
    change_request_id: strawberry.ID | None = strawberry.field(
        description="The global id of the change request opened; null when none."
    )
    attachment_id: strawberry.ID | None = strawberry.field(
        description="The id of the evidence file downloaded; null when none."
    )

    @classmethod
    def of(cls, entry: audit.AccessEntry, request_global_id: str | None) -> AccessLogEntry:
        return cls(
            id=strawberry.ID(entry.id),
            at=entry.at,
            actor=Actor(
                id=strawberry.ID(entry.actor_id), name=entry.actor_name, role=Role(entry.actor_role)
            ),
            kind=entry.kind,
            suid=entry.suid,
            school_entity_id=entry.school_entity_id,
            change_request_id=strawberry.ID(request_global_id) if request_global_id else None,
            attachment_id=strawberry.ID(entry.attachment_id) if entry.attachment_id else None,
        )


@strawberry.type(description="An access log entry and its cursor.")
class AccessLogEdge:
    cursor: str = strawberry.field(
        description="Opaque; pass it as `after` to get the entries after this one."
    )
    node: AccessLogEntry = strawberry.field(description="The entry.")


@strawberry.type(description="A page of the access log, newest first.")
class AccessLogConnection:
    edges: list[AccessLogEdge] = strawberry.field(
        description="The page's entries, newest first; empty past the end."
    )
    page_info: PageInfo = strawberry.field(description="Whether more entries follow, and where.")


@strawberry.input(description="Narrows the access log; every given condition must hold.")
class AccessLogFilter:
    suid: str | None = strawberry.field(
        default=None, description="Only accesses to this student's data (SUID)."
    )
    actor_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only accesses by this user (an Actor id)."
    )
    kinds: list[AccessKind] | None = strawberry.field(
        default=None, description="Only these kinds of access; null or empty for all."
    )
    after: datetime | None = strawberry.field(
        default=None, description="Only accesses later than this time."
    )
    before: datetime | None = strawberry.field(
        default=None, description="Only accesses earlier than this time."
    )

"""The access log's types (schema-next `accessLog`), for admins."""

from __future__ import annotations

from datetime import datetime

import strawberry

from domain import audit

from .enums import Role
from .types import Actor, PageInfo

AccessKind = strawberry.enum(
    audit.AccessKind,
    name="AccessKind",
    description="What kind of access to student data an entry records.",
)


@strawberry.type(description="One access to student data, kept for audit.")
class AccessLogEntry:
    id: strawberry.ID
    at: datetime = strawberry.field(description="When the access happened.")
    actor: Actor = strawberry.field(description="Who read the data.")
    kind: AccessKind
    suid: str | None = strawberry.field(description="The student looked up, if any.")
    school_entity_id: int | None = strawberry.field(description="The school named, if any.")
    change_request_id: strawberry.ID | None = strawberry.field(
        description="The change request opened, if any."
    )
    attachment_id: strawberry.ID | None = strawberry.field(
        description="The evidence file downloaded, if any."
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
    cursor: str
    node: AccessLogEntry


@strawberry.type(description="A page of the access log, newest first.")
class AccessLogConnection:
    edges: list[AccessLogEdge]
    page_info: PageInfo


@strawberry.input(description="Narrows the access log; every given condition must hold.")
class AccessLogFilter:
    suid: str | None = None
    actor_id: strawberry.ID | None = None
    kinds: list[AccessKind] | None = None
    after: datetime | None = strawberry.field(default=None, description="Later than this.")
    before: datetime | None = strawberry.field(default=None, description="Earlier than this.")

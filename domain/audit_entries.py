"""The access log's entries and filters, as the domain keeps them (see audit.py)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from .models import Role


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

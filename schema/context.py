"""Per-request context: the viewer, the domain services and this request's DataLoaders."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from domain.access import EVERYTHING, NOTHING, Scope, scope_of
from domain.calendar_cache import Calendar
from domain.events.feed import Drop
from domain.models import ParticipantRecord, Viewer
from domain.prefetch import Loaded, RequestsLoaded
from domain.services import Services

from .maybe import Maybe


class Loaders:
    """DataLoaders that batch the lookups of one GraphQL request into one query per kind,
    each within the viewer's scope."""

    def __init__(self, services: Services, scope: Scope):
        reference = services.store.reference
        records = services.store.records
        self.services = services
        self.scope = scope
        self.lea = DataLoader(lambda keys: _ordered(reference.leas(scope, keys), keys))
        self.school = DataLoader(lambda keys: _ordered(reference.schools(scope, keys), keys))
        self.student = DataLoader(lambda keys: _ordered(reference.students(scope, keys), keys))
        self.program = DataLoader(lambda keys: _ordered(reference.programs(keys), keys))
        self.record = DataLoader(lambda keys: _ordered(records.by_ids(scope, keys), keys))
        self.records_of_suid = DataLoader(self._records_of_suids)
        # A request's retired-SUID records: read statewide, shown to whoever sees the request
        # (see domain/access.py).
        self.retired_records = DataLoader(self._retired_records)
        self.today = services.calendar.today()
        self._granted: Loaders | None = None
        self._calendar: Maybe[Calendar] | None = None

    async def _records_of_suids(self, suids: list[str]) -> list[list[ParticipantRecord]]:
        by_suid: dict[str, list[ParticipantRecord]] = defaultdict(list)
        for record in await self.services.store.records.of_students(self.scope, suids):
            by_suid[record.suid].append(record)
            self.record.prime(record.id, record)
        return [by_suid[suid] for suid in suids]

    def granted(self) -> Loaders:
        """Loaders for what a request grants beyond the scope (see domain/access.py)."""
        if self._granted is None:
            self._granted = Loaders(self.services, EVERYTHING)
        return self._granted

    async def _retired_records(self, suids: list[str]) -> list[list[ParticipantRecord]]:
        by_suid: dict[str, list[ParticipantRecord]] = defaultdict(list)
        for record in await self.services.store.records.of_students(EVERYTHING, suids):
            by_suid[record.suid].append(record)
        return [by_suid[suid] for suid in suids]

    def calendar(self) -> Maybe[Calendar]:
        """The fiscal calendar, the same for every field of one GraphQL request: at once when
        the process holds it (domain/calendar_cache.py), else its read, which the fields of
        a page, resolving concurrently, share."""
        if self._calendar is None:
            cached = self.services.calendar.cached()
            self._calendar = cached if cached is not None else asyncio.ensure_future(self._read())
        return self._calendar

    async def _read(self) -> Calendar:
        self._calendar = calendar = await self.services.calendar.all()
        return calendar

    def prime(self, loaded: Loaded) -> None:
        """What a page's prefetch read (domain/prefetch.py), for its fields to find."""
        self.student.prime_many(loaded.students)
        self.school.prime_many(loaded.schools)
        self.lea.prime_many(loaded.leas)
        self.program.prime_many(loaded.programs)
        self.records_of_suid.prime_many(loaded.records_of)

    def prime_requests(self, loaded: RequestsLoaded) -> None:
        """What a page of requests' prefetch read: in the scope, and by the requests' grant
        (their retired-SUID records, and those records' student, school and LEA)."""
        self.prime(loaded.scoped)
        granted = loaded.granted
        self.retired_records.prime_many(granted.records_of)
        if granted.students or granted.schools or granted.leas:
            self.granted().prime(
                Loaded(students=granted.students, schools=granted.schools, leas=granted.leas)
            )


async def _ordered(found_awaitable, keys: list) -> list:
    found = await found_awaitable
    return [found.get(key) for key in keys]


@dataclass
class Context:
    viewer: Viewer | None
    services: Services
    loaders: Loaders
    request: Any = None
    extras: dict[str, Any] = field(default_factory=dict)
    # The WebSocket connection_init payload; strawberry sets it (see server.app.on_ws_connect).
    connection_params: dict[str, Any] | None = None
    # Over a WebSocket: closes the connection because the feed dropped this subscriber, with
    # a message saying where to resume (set by server.app, which chooses the close code).
    close_connection: Callable[[Drop, str], Awaitable[None]] | None = None

    def sign_in(self, viewer: Viewer) -> None:
        """The viewer of a WebSocket connection, known once its connection_init arrives."""
        self.viewer = viewer
        self.loaders = Loaders(self.services, scope_of(viewer))

    @classmethod
    def create(cls, viewer: Viewer | None, services: Services, request: Any = None) -> Context:
        scope = scope_of(viewer) if viewer else NOTHING
        return cls(viewer, services, Loaders(services, scope), request=request)


def anonymous(context: Any) -> bool:
    """No viewer signed in (`context` is an operation's context value): such a caller's
    document is parsed afresh at every request, never kept, never compiled or prepared
    (server.parsing, server.prepared_operations, schema.compiled)."""
    return getattr(context, "viewer", None) is None


def viewer_of(info: Info) -> Viewer:
    """The authenticated viewer; operations never run without one (see server.auth)."""
    viewer = info.context.viewer
    assert viewer is not None, "an unauthenticated operation reached a resolver"
    return viewer

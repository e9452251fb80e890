"""Per-request context: the viewer, the domain services and this request's DataLoaders."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from domain.access import EVERYTHING, NOTHING, Scope, scope_of
from domain.events.feed import Drop
from domain.models import FiscalYearDates, ParticipantRecord, RecordKey, Viewer
from domain.services import Services


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
        self.record_by_key = DataLoader(self._records_by_key)
        self.today = services.calendar.today()
        self._granted: Loaders | None = None
        self._calendar: asyncio.Future[Mapping[int, FiscalYearDates]] | None = None

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

    async def _records_by_key(self, keys: list[RecordKey]) -> list[ParticipantRecord | None]:
        """Records by (suid, school, fiscal year, program), batched through the SUID."""
        found = await self.records_of_suid.load_many([key[0] for key in keys])
        index = {r.key: r for records in found for r in records}
        return [index.get(key) for key in keys]

    async def calendar(self) -> Mapping[int, FiscalYearDates]:
        """The fiscal calendar, read once per GraphQL request: the fields of a page resolve
        concurrently, so the callers share the one read in flight."""
        if self._calendar is None:
            self._calendar = asyncio.ensure_future(self.services.calendar.all())
        return await self._calendar


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


def viewer_of(info: Info) -> Viewer:
    """The authenticated viewer; operations never run without one (see server.auth)."""
    viewer = info.context.viewer
    assert viewer is not None, "an unauthenticated operation reached a resolver"
    return viewer

"""Loading at once what a page of change requests or P/C records reads beside itself.

The fields of a page read related objects: a request's student, school and its LEA, program,
target record and retired-SUID records; a record's student, school and program. Read field by
field (through the GraphQL layer's DataLoaders) they come in two or three dependent batches, a
round trip each after the one before; read here before the fields run, they come in one gather,
and a second one for the retired-SUID records' own student, school and LEA. The reads are the
ones the fields would make, in the same scopes: the viewer's, and the grant of access.py for
the retired-SUID records in a request's program (never the others: what the fields would not
show is not read). What the caller asks for (`RequestNeeds`, `Related`) it decides from what
is selected.

An LEA is read by the id its request or record carries, in the gather that reads the schools
(a record moves with its school, see RecordRepository.move_school); a school whose LEA turns
out to be another is left to the field to read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from .access import EVERYTHING, Scope
from .change_requests.model import ChangeRequest
from .models import Lea, ParticipantRecord, Program, School, Student
from .repository import Store

K = TypeVar("K")


@dataclass(frozen=True)
class Related:
    """Which related objects of a list of requests or records are read."""

    students: bool = False
    schools: bool = False
    leas: bool = False  # the schools' LEAs
    programs: bool = False

    def __or__(self, other: Related) -> Related:
        return Related(
            self.students or other.students,
            self.schools or other.schools,
            self.leas or other.leas,
            self.programs or other.programs,
        )


@dataclass(frozen=True)
class RequestNeeds:
    """What a page of change requests reads: the requests' related objects, their students'
    records (a request's target record and its assessment), and the retired-SUID records in
    the request's program with what of theirs is read (None: they are not read)."""

    related: Related = Related()
    records: bool = False
    retired: Related | None = None


@dataclass
class Loaded:
    """Objects read in one scope, by key; a key read and not found maps to None, as a
    DataLoader answers it."""

    students: dict[str, Student | None] = field(default_factory=dict)
    schools: dict[int, School | None] = field(default_factory=dict)
    leas: dict[int, Lea | None] = field(default_factory=dict)
    programs: dict[str, Program | None] = field(default_factory=dict)
    # Every record of each SUID read (any school, year and program), by SUID.
    records_of: dict[str, list[ParticipantRecord]] = field(default_factory=dict)


@dataclass
class RequestsLoaded:
    """What `for_requests` read: in the viewer's scope, and by the requests' grant."""

    scoped: Loaded
    granted: Loaded


class Prefetch:
    def __init__(self, store: Store):
        self._store = store

    async def for_records(
        self, scope: Scope, records: Sequence[ParticipantRecord], related: Related
    ) -> Loaded:
        """What `related` asks of the records, read in `scope` in one gather."""
        loaded = Loaded()
        await _gather(_related_reads(self._store, scope, loaded, records, related))
        return loaded

    async def for_requests(
        self, scope: Scope, requests: Sequence[ChangeRequest], needs: RequestNeeds
    ) -> RequestsLoaded:
        """What `needs` asks of the requests (visible to the viewer of `scope`): one gather,
        and one more for the retired-SUID records' own related objects."""
        scoped, granted = Loaded(), Loaded()
        reads = _related_reads(self._store, scope, scoped, requests, needs.related)
        if needs.records:
            reads.append(
                _fill(scoped.records_of, _suids(requests), partial(self._records_of, scope))
            )
        retired_suids = [r.retired_suid for r in requests if r.retired_suid]
        if needs.retired is not None and retired_suids:
            statewide = partial(self._records_of, EVERYTHING)  # by the requests' grant
            reads.append(_fill(granted.records_of, retired_suids, statewide))
        await _gather(reads)
        if needs.retired is not None:
            shown = [
                record
                for request in requests
                for record in shown_retired_records(request, granted.records_of)
            ]
            await _gather(_related_reads(self._store, EVERYTHING, granted, shown, needs.retired))
        return RequestsLoaded(scoped, granted)

    async def _records_of(
        self, scope: Scope, suids: list[str]
    ) -> dict[str, list[ParticipantRecord]]:
        """Every record of each SUID, an empty list for one without any."""
        by_suid: dict[str, list[ParticipantRecord]] = {suid: [] for suid in suids}
        for record in await self._store.records.of_students(scope, suids):
            by_suid[record.suid].append(record)
        return by_suid


def shown_retired_records(
    request: ChangeRequest, records_of: Mapping[str, list[ParticipantRecord]]
) -> list[ParticipantRecord]:
    """Of the records by SUID, those of the request's retired SUID in its program, at any
    school: what the request's grant shows (access.py)."""
    if not request.retired_suid:
        return []
    records = records_of.get(request.retired_suid, [])
    return [r for r in records if r.program_number == request.program_number]


Owner = ChangeRequest | ParticipantRecord


def _related_reads(
    store: Store, scope: Scope, loaded: Loaded, owners: Sequence[Owner], related: Related
) -> list[Awaitable[None]]:
    """The reads that fill `loaded` with what `related` asks of `owners` (requests or
    records, which name their student, school, LEA and program alike)."""
    if not owners:
        return []
    reference = store.reference
    reads: list[Awaitable[None]] = []
    if related.students:
        reads.append(_fill(loaded.students, _suids(owners), partial(reference.students, scope)))
    if related.schools:
        schools = [o.school_entity_id for o in owners]
        reads.append(_fill(loaded.schools, schools, partial(reference.schools, scope)))
    if related.leas:
        leas = [o.lea_entity_id for o in owners]
        reads.append(_fill(loaded.leas, leas, partial(reference.leas, scope)))
    if related.programs:
        numbers = [o.program_number for o in owners]
        reads.append(_fill(loaded.programs, numbers, reference.programs))  # public
    return reads


def _suids(owners: Iterable[Owner]) -> list[str]:
    return [o.suid for o in owners]


async def _fill(
    target: dict[K, Any], keys: list[K], read: Callable[[list[K]], Awaitable[Mapping[K, Any]]]
) -> None:
    """Read the keys (once each) and set each in `target`, None for one not found. The read
    starts only when this does, so that a gather cancelled before it starts leaves no
    coroutine unawaited."""
    wanted = list(dict.fromkeys(keys))
    found = await read(wanted)
    target.update({key: found.get(key) for key in wanted})


async def _gather(reads: list[Awaitable[None]]) -> None:
    """The reads at once; a lone read is awaited as it is (a task for it would only cost)."""
    if len(reads) == 1:
        await reads[0]
    elif reads:
        await asyncio.gather(*reads)

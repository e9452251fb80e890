"""What the selection of a page reads beside the page's objects, prefetched before its fields
run (domain/prefetch.py reads it), so that the relation fields find it loaded and return at
once (schema/maybe.py) instead of awaiting two or three dependent DataLoader batches.

Only what is selected is read: a field left out by @skip or @include is not selected, and a
fragment counts where its type condition matches. What the selection does not cover (a
relation reached deeper, say a history event's request) the fields still read through the
DataLoaders, which the prefetch primes.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterable, Sequence
from dataclasses import replace

from strawberry.types import Info
from strawberry.types.nodes import SelectedField, Selection

from domain.change_requests.model import ChangeRequest
from domain.models import ParticipantRecord
from domain.prefetch import Related, RequestNeeds

Fields = dict[str, list[SelectedField]]
# The interfaces of the types prefetched for: a fragment on one of them applies to the type.
INTERFACES = {"ChangeRequest": {"Node"}, "ParticipantRecord": {"Node"}}
# The path from a connection field to its nodes: (type, field) steps.
REQUEST_CONNECTION = (("ChangeRequestConnection", "edges"), ("ChangeRequestEdge", "node"))
RECORD_CONNECTION = (("ParticipantRecordConnection", "edges"), ("ParticipantRecordEdge", "node"))
Path = Sequence[tuple[str, str]]


async def prefetch_requests(info: Info, requests: Sequence[ChangeRequest], path: Path = ()) -> None:
    """Load what the selection at `path` (below the current field) reads of `requests`."""
    fields = _fields(_at(info.selected_fields, path), "ChangeRequest")
    needs = request_needs(fields)
    loaders = info.context.loaders
    prefetch = info.context.services.prefetch
    reads = [prefetch.for_requests(loaders.scope, requests, needs)]
    if requests and ("fiscalYear" in fields or needs.records):
        reads += _calendar_read(info)
    loaded, *_ = await asyncio.gather(*reads)
    loaders.prime_requests(loaded)


async def prefetch_records(
    info: Info,
    records: Sequence[ParticipantRecord],
    path: Path = (),
    schools_known: bool = False,
) -> None:
    """Load what the selection at `path` reads of `records` (`schools_known`: their schools
    are loaded already)."""
    related = record_related(_fields(_at(info.selected_fields, path), "ParticipantRecord"))
    if schools_known:
        related = replace(related, schools=False)
    loaders = info.context.loaders
    loaders.prime(await info.context.services.prefetch.for_records(loaders.scope, records, related))


def request_needs(fields: Fields) -> RequestNeeds:
    """What the fields selected on change requests read. The target record's student and
    school are the request's; an assessment (impact, advisories) reads the student, the
    program, the student's records and the retired-SUID records."""
    assessed = "impact" in fields or "advisories" in fields
    record = _related_of(fields, "record")
    retired = _related_of(fields, "retiredSuidRecords")
    related = Related(
        students="student" in fields or assessed,
        schools="school" in fields,
        leas=_school_lea(fields),
        programs=bool({"program", "course"} & fields.keys()) or assessed,
    )
    if record is not None:
        related |= record
    if retired is not None:
        related |= Related(programs=retired.programs)  # public: not the grant's
        retired = replace(retired, programs=False)
    elif assessed:
        retired = Related()
    return RequestNeeds(related=related, records=record is not None or assessed, retired=retired)


def record_related(fields: Fields) -> Related:
    """What the fields selected on P/C records read."""
    return Related(
        students="student" in fields,
        schools="school" in fields,
        leas=_school_lea(fields),
        programs=bool({"program", "courses"} & fields.keys()),
    )


def _related_of(fields: Fields, name: str) -> Related | None:
    """What the records of the field `name` read; None when it is not selected."""
    if name not in fields:
        return None
    return record_related(_fields(_children(fields[name]), "ParticipantRecord"))


def _school_lea(fields: Fields) -> bool:
    return "lea" in _fields(_children(fields.get("school", [])), "School")


def _at(selections: list[Selection], path: Path) -> list[Selection]:
    """The selections of the current field, then down the fields of `path`."""
    current = _children(selections)
    for type_name, name in path:
        current = _children(_fields(current, type_name).get(name, []))
    return current


def _children(selections: Iterable[Selection]) -> list[Selection]:
    return [child for selection in selections for child in selection.selections]


def _fields(selections: Iterable[Selection], type_name: str) -> Fields:
    """The fields selected on an object of type `type_name`, by name, through the fragments
    that apply to it, without those a directive leaves out."""
    applies = {None, type_name, *INTERFACES.get(type_name, ())}
    found: Fields = {}
    for selection in selections:
        if not _included(selection.directives):
            continue
        if isinstance(selection, SelectedField):
            found.setdefault(selection.name, []).append(selection)
        elif selection.type_condition in applies:
            for name, more in _fields(selection.selections, type_name).items():
                found.setdefault(name, []).extend(more)
    return found


def _included(directives: dict[str, dict]) -> bool:
    """@skip(if: true) and @include(if: false) leave a selection out."""
    return (
        directives.get("skip", {}).get("if") is not True
        and directives.get("include", {}).get("if") is not False
    )


def _calendar_read(info: Info) -> list:
    """The calendar's read if the process does not hold it (domain/calendar_cache.py), so that
    the fields find it loaded."""
    calendar = info.context.loaders.calendar()
    return [calendar] if inspect.isawaitable(calendar) else []

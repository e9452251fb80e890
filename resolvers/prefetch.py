"""What the selection of a page reads beside the page's objects, prefetched before its fields
run (domain/prefetch.py reads it), so that the relation fields find it loaded and return at
once (schema/maybe.py) instead of awaiting two or three dependent DataLoader batches.

Only what is selected is read: a field left out by @skip or @include is not selected, and a
fragment counts where its type condition matches. What the selection does not cover (a
relation reached deeper, say a history event's request) the fields still read through the
DataLoaders, which the prefetch primes.

What a selection reads depends on the document alone, unless a directive's variable decides
what is selected: without directives it is worked out once per field node (by identity:
schema/identity_cache.py), not from strawberry's `selected_fields` at every request.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from graphql import FragmentDefinitionNode, OperationDefinitionNode
from strawberry.types import Info
from strawberry.types.nodes import SelectedField, Selection

from domain.change_requests.model import ChangeRequest
from domain.models import ParticipantRecord
from domain.prefetch import Related, RequestNeeds
from schema.identity_cache import MISSING, IdentityCache

Fields = dict[str, list[SelectedField]]
# The interfaces of the types prefetched for: a fragment on one of them applies to the type.
INTERFACES = {"ChangeRequest": {"Node"}, "ParticipantRecord": {"Node"}}
# The path from a connection field to its nodes: (type, field) steps.
REQUEST_CONNECTION = (("ChangeRequestConnection", "edges"), ("ChangeRequestEdge", "node"))
RECORD_CONNECTION = (("ParticipantRecordConnection", "edges"), ("ParticipantRecordEdge", "node"))
Path = Sequence[tuple[str, str]]
T = TypeVar("T")
# What selections read, by field node; and whether an operation has directives.
ANALYSES: IdentityCache[Any] = IdentityCache(1024)


async def prefetch_requests(info: Info, requests: Sequence[ChangeRequest], path: Path = ()) -> None:
    """Load what the selection at `path` (below the current field) reads of `requests`."""
    needs, year = _analysed(info, "ChangeRequest", path, _requests_read)
    loaders = info.context.loaders
    prefetch = info.context.services.prefetch
    reads = [prefetch.for_requests(loaders.scope, requests, needs)]
    if requests and (year or needs.records):
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
    related = _analysed(info, "ParticipantRecord", path, record_related)
    if schools_known:
        related = replace(related, schools=False)
    loaders = info.context.loaders
    loaders.prime(await info.context.services.prefetch.for_records(loaders.scope, records, related))


def _analysed(info: Info, type_name: str, path: Path, analyse: Callable[[Fields], T]) -> T:
    """`analyse` of the fields selected on `type_name` at `path`, once per field nodes when
    the operation has no directives."""
    raw = info._raw_info
    owner, qualifier = raw.field_nodes[0], (type_name, tuple(path), *map(id, raw.field_nodes))
    found = ANALYSES.get(owner, qualifier)
    if found is MISSING:
        found = analyse(_fields(_at(info.selected_fields, path), type_name))
        if not _has_directives(raw.operation, raw.fragments):
            ANALYSES.put(owner, found, qualifier)
    return found


def _has_directives(
    operation: OperationDefinitionNode, fragments: dict[str, FragmentDefinitionNode]
) -> bool:
    found = ANALYSES.get(operation)
    if found is MISSING:
        pending = [operation.selection_set, *(f.selection_set for f in fragments.values())]
        found = False
        while pending and not found:
            for selection in pending.pop().selections:
                found = found or bool(selection.directives)
                if getattr(selection, "selection_set", None) is not None:
                    pending.append(selection.selection_set)
        ANALYSES.put(operation, found)
    return found


def _requests_read(fields: Fields) -> tuple[RequestNeeds, bool]:
    """What the fields selected on change requests read, and whether they need the fiscal
    calendar."""
    return request_needs(fields), "fiscalYear" in fields


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

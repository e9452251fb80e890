"""Query resolvers."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.audit import AccessKind
from domain.errors import DomainError
from schema.context import viewer_of
from schema.ids import from_global_id
from schema.types import (
    ChangeRequest,
    FiscalYearStatus,
    Node,
    ParticipantRecord,
    Program,
    Viewer,
)

from .audit import record
from .errors import top_level
from .prefetch import prefetch_records, prefetch_requests


def viewer(info: Info) -> Viewer:
    return Viewer.of(viewer_of(info))


async def fiscal_year_status(info: Info) -> FiscalYearStatus:
    return FiscalYearStatus.of(await info.context.services.calendar.status())


async def approved_programs(info: Info) -> list[Program]:
    return [Program.of(p) for p in await info.context.services.lookups.approved_programs()]


async def participant_records(
    info: Info,
    suid: Annotated[
        str, strawberry.argument(description="The student's state student identifier (SUID).")
    ],
    school_entity_id: Annotated[
        int,
        strawberry.argument(description="The school's entity id: one of an LEA user's schools."),
    ],
) -> list[ParticipantRecord]:
    await record(info, AccessKind.RECORDS_LOOKED_UP, suid=suid, school_entity_id=school_entity_id)
    try:
        school, records = await info.context.services.lookups.participant_records(
            viewer_of(info), suid, school_entity_id
        )
    except DomainError as error:
        raise top_level(error) from None
    if school is not None:
        info.context.loaders.school.prime(school.entity_id, school)
    await prefetch_records(info, records, schools_known=True)
    return [ParticipantRecord.of(r) for r in records]


async def node(
    info: Info,
    id: Annotated[strawberry.ID, strawberry.argument(description="The object's global id.")],
) -> Node | None:
    """Any object by its global id; one the viewer may not see reads as absent."""
    decoded = from_global_id(id)
    if decoded is None:
        return None
    type_name, local = decoded
    resolve = NODE_RESOLVERS.get(type_name)
    return await resolve(info, local) if resolve else None


async def _record_node(info: Info, record_id: str) -> ParticipantRecord | None:
    record = await info.context.services.lookups.record(viewer_of(info), record_id)
    if record is None:
        return None
    await prefetch_records(info, [record])
    return ParticipantRecord.of(record)


async def _request_node(info: Info, request_id: str) -> ChangeRequest | None:
    await record(info, AccessKind.CHANGE_REQUEST_OPENED, change_request_id=request_id)
    request = await info.context.services.requests.get(viewer_of(info), request_id)
    if request is None:
        return None
    await prefetch_requests(info, [request])
    return ChangeRequest.of(request)


NODE_RESOLVERS = {"ParticipantRecord": _record_node, "ChangeRequest": _request_node}

"""The root types and the served `Schema`."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Sequence

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.types import Info

from resolvers import mutations, queries
from resolvers.errors import not_implemented

from .inputs import ChangeRequestEventFilter, ChangeRequestFilter
from .scalars import SCALAR_OVERRIDES
from .types import (
    ChangeRequest,
    ChangeRequestConnection,
    ChangeRequestEvent,
    ChangeRequestPayload,
    FiscalYearDatesPayload,
    FiscalYearStatus,
    Node,
    ParticipantRecord,
    ParticipantRecordConnection,
    Program,
    Viewer,
)


def _later(operation: str):
    async def resolve(info: Info) -> None:
        raise not_implemented(operation)

    return resolve


@strawberry.type
class Query:
    node: Node | None = strawberry.field(resolver=queries.node)
    viewer: Viewer = strawberry.field(resolver=queries.viewer)
    fiscal_year_status: FiscalYearStatus = strawberry.field(resolver=queries.fiscal_year_status)
    approved_programs: list[Program] = strawberry.field(resolver=queries.approved_programs)
    participant_records: list[ParticipantRecord] = strawberry.field(
        resolver=queries.participant_records,
        description="The student's P/C records at the school in the participant fiscal year, "
        "one per program; empty when there are none.",
    )

    @strawberry.field
    async def change_request(self, info: Info, id: strawberry.ID) -> ChangeRequest | None:
        raise not_implemented("changeRequest")

    @strawberry.field(description="Newest first.")
    async def change_requests(
        self,
        info: Info,
        filter: ChangeRequestFilter | None = None,
        first: int | None = 25,
        after: str | None = None,
    ) -> ChangeRequestConnection:
        raise not_implemented("changeRequests")

    @strawberry.field(
        description="Records whose student is placement-survey eligible (a concentrator who "
        "left secondary education in that fiscal year)."
    )
    async def placement_survey_list(
        self,
        info: Info,
        fiscal_year: int | None = None,
        school_entity_id: int | None = None,
        first: int | None = 25,
        after: str | None = None,
    ) -> ParticipantRecordConnection:
        raise not_implemented("placementSurveyList")


@strawberry.type
class Mutation:
    set_fiscal_year_dates: FiscalYearDatesPayload = strawberry.mutation(
        resolver=mutations.set_fiscal_year_dates
    )
    submit_insert_credits_request: ChangeRequestPayload = strawberry.mutation(
        resolver=_later("submitInsertCreditsRequest"))
    approve_change_request: ChangeRequestPayload = strawberry.mutation(
        resolver=_later("approveChangeRequest"))
    reject_change_request: ChangeRequestPayload = strawberry.mutation(
        resolver=_later("rejectChangeRequest"))
    request_more_information: ChangeRequestPayload = strawberry.mutation(
        resolver=_later("requestMoreInformation"))
    provide_information: ChangeRequestPayload = strawberry.mutation(
        resolver=_later("provideInformation"))
    withdraw_change_request: ChangeRequestPayload = strawberry.mutation(
        resolver=_later("withdrawChangeRequest"))


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Events on the change requests the viewer may see, as they happen. With "
        "after, first replays the later events (oldest first)."
    )
    async def change_request_events(
        self, info: Info, filter: ChangeRequestEventFilter | None = None,
        after: strawberry.ID | None = None,
    ) -> AsyncGenerator[ChangeRequestEvent, None]:
        raise not_implemented("changeRequestEvents")
        yield  # pragma: no cover


def build_schema(extensions: Sequence[type[SchemaExtension]] = ()) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[ParticipantRecord, ChangeRequest],
        scalar_overrides=SCALAR_OVERRIDES,
        extensions=list(extensions),
    )

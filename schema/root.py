"""The root types and the served `Schema`."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from strawberry.extensions import SchemaExtension

from resolvers import audit as audit_resolvers
from resolvers import change_requests as request_resolvers
from resolvers import mutations, notifications, queries, subscriptions
from schema.audit import AccessLogConnection

from .notifications import NotificationFailure, NotificationPreferencesPayload
from .scalars import SCALAR_OVERRIDES
from .types import (
    ChangeRequest,
    ChangeRequestConnection,
    ChangeRequestEvent,
    ChangeRequestPayload,
    FiscalYearDatesPayload,
    FiscalYearStatus,
    InsertCreditsPreview,
    Node,
    ParticipantRecord,
    ParticipantRecordConnection,
    Program,
    Viewer,
)


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

    preview_insert_credits_request: InsertCreditsPreview = strawberry.field(
        resolver=request_resolvers.preview_insert_credits_request,
        description="What submitting this input would do now: impact, advisories and "
        "refusals; nothing is stored.",
    )
    change_request: ChangeRequest | None = strawberry.field(
        resolver=request_resolvers.change_request
    )
    change_requests: ChangeRequestConnection = strawberry.field(
        resolver=request_resolvers.change_requests,
        description="Newest first, or as `order` says (a reviewer's queue: OLDEST_FIRST).",
    )
    access_log: AccessLogConnection = strawberry.field(
        resolver=audit_resolvers.access_log,
        description="Who read which student's data, newest first: admins only (FORBIDDEN "
        "for other roles).",
    )
    placement_survey_list: ParticipantRecordConnection = strawberry.field(
        resolver=request_resolvers.placement_survey_list,
        description="Records whose student is placement-survey eligible (a concentrator who "
        "left secondary education in that fiscal year).",
    )
    notification_failures: list[NotificationFailure] = strawberry.field(
        resolver=notifications.notification_failures,
        description="Notifications that could not be delivered, newest first (at most 100). "
        "Admins only.",
    )


@strawberry.type
class Mutation:
    set_fiscal_year_dates: FiscalYearDatesPayload = strawberry.mutation(
        resolver=mutations.set_fiscal_year_dates
    )
    submit_insert_credits_request: ChangeRequestPayload = strawberry.mutation(
        resolver=request_resolvers.submit_insert_credits_request
    )
    approve_change_request: ChangeRequestPayload = strawberry.mutation(
        resolver=request_resolvers.approve_change_request
    )
    reject_change_request: ChangeRequestPayload = strawberry.mutation(
        resolver=request_resolvers.reject_change_request
    )
    request_more_information: ChangeRequestPayload = strawberry.mutation(
        resolver=request_resolvers.request_more_information
    )
    provide_information: ChangeRequestPayload = strawberry.mutation(
        resolver=request_resolvers.provide_information
    )
    withdraw_change_request: ChangeRequestPayload = strawberry.mutation(
        resolver=request_resolvers.withdraw_change_request
    )
    set_notification_preferences: NotificationPreferencesPayload = strawberry.mutation(
        resolver=notifications.set_notification_preferences,
        description="Turn the viewer's optional notifications (APPROVED, DAILY_DIGEST) on or off.",
    )


@strawberry.type
class Subscription:
    change_request_events: ChangeRequestEvent = strawberry.subscription(
        resolver=subscriptions.change_request_events,
        description="Events on the change requests the viewer may see, as they happen. With "
        "after, first replays the later events (oldest first).",
    )


def build_schema(extensions: Sequence[type[SchemaExtension]] = ()) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[ParticipantRecord, ChangeRequest],
        scalar_overrides=SCALAR_OVERRIDES,
        extensions=list(extensions),
    )

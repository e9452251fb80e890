"""The root types and the served `Schema`."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from graphql import Executor
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from resolvers import audit as audit_resolvers
from resolvers import change_requests as request_resolvers
from resolvers import mutations, notifications, queries, subscriptions
from schema.audit import AccessLogConnection

from .extension_hooks import HookedSchema
from .notifications import NotificationFailure, NotificationPreferencesPayload
from .scalars import SCALAR_OVERRIDES
from .shared_events import sharing_events
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


@strawberry.type(
    description="What a signed-in user may read. LEA users see only their LEAs' schools, "
    "records and requests; ADE reviewers and admins see all."
)
class Query:
    node: Node | None = strawberry.field(
        resolver=queries.node,
        description="A ParticipantRecord or ChangeRequest by its global id; null when there is "
        "none or the viewer may not see it.",
    )
    viewer: Viewer = strawberry.field(
        resolver=queries.viewer, description="The signed-in user, from their token."
    )
    fiscal_year_status: FiscalYearStatus = strawberry.field(
        resolver=queries.fiscal_year_status,
        description="Where the fiscal calendar stands today: the participant fiscal year that "
        "lookups and new requests use.",
    )
    approved_programs: list[Program] = strawberry.field(
        resolver=queries.approved_programs,
        description="The Arizona CTE Approved Program list with each program's courses, by "
        "program number; every signed-in user may read it.",
    )
    participant_records: list[ParticipantRecord] = strawberry.field(
        resolver=queries.participant_records,
        description="The student's P/C records at the school in the participant fiscal year, "
        "one per program; empty when there are none. FORBIDDEN for a school outside an LEA "
        "user's LEAs; every lookup is recorded in the access log.",
    )

    preview_insert_credits_request: InsertCreditsPreview = strawberry.field(
        resolver=request_resolvers.preview_insert_credits_request,
        description="What submitting this input would do now: impact, advisories and "
        "refusals; nothing is stored.",
    )
    change_request: ChangeRequest | None = strawberry.field(
        resolver=request_resolvers.change_request,
        description="A change request by its global id; null when there is none or the viewer "
        "may not see it. Recorded in the access log.",
    )
    change_requests: ChangeRequestConnection = strawberry.field(
        resolver=request_resolvers.change_requests,
        description="The change requests the viewer may see, a page at a time: newest first, "
        "or as `order` says (a reviewer's queue: OLDEST_FIRST).",
    )
    access_log: AccessLogConnection = strawberry.field(
        resolver=audit_resolvers.access_log,
        description="Who read which student's data, newest first: admins only (FORBIDDEN "
        "for other roles).",
    )
    placement_survey_list: ParticipantRecordConnection = strawberry.field(
        resolver=request_resolvers.placement_survey_list,
        description="Records whose student is placement-survey eligible (a concentrator who "
        "left secondary education in that fiscal year); LEA users get their schools' only.",
    )
    notification_failures: list[NotificationFailure] = strawberry.field(
        resolver=notifications.notification_failures,
        description="Notifications that could not be delivered, newest first (at most 100). "
        "Admins only.",
    )


@strawberry.type(
    description="What a signed-in user may do. A refusal comes back in the payload's "
    "userErrors and changes nothing."
)
class Mutation:
    set_fiscal_year_dates: FiscalYearDatesPayload = strawberry.mutation(
        resolver=mutations.set_fiscal_year_dates,
        description="Set the P/C record creation dates of one fiscal year (admins only); "
        "refused with FORBIDDEN or INVALID_VALUE.",
    )
    submit_insert_credits_request: ChangeRequestPayload = strawberry.mutation(
        resolver=request_resolvers.submit_insert_credits_request,
        description="Ask ADE to insert credits into a student's P/C record (LEA users, for "
        "their LEAs' schools); send evidence as a GraphQL multipart request. Every problem is "
        "reported at once (codes such as NO_PARTICIPANT_RECORD, COURSE_NOT_IN_PROGRAM, "
        "DUPLICATE_REQUEST) and nothing is stored.",
    )
    approve_change_request: ChangeRequestPayload = strawberry.mutation(
        resolver=request_resolvers.approve_change_request,
        description="Approve a request pending review (reviewers and admins): the credits are "
        "added to the record exactly once and its flags recomputed. Refused with NOT_FOUND, "
        "FORBIDDEN, INVALID_TRANSITION or STALE_VERSION, or with PROGRAM_NOT_APPROVED, "
        "COURSE_NOT_IN_PROGRAM or NO_PARTICIPANT_RECORD when that changed since submission.",
    )
    reject_change_request: ChangeRequestPayload = strawberry.mutation(
        resolver=request_resolvers.reject_change_request,
        description="Reject an open request with a reason and a comment (reviewers and "
        "admins). Refused with NOT_FOUND, FORBIDDEN, INVALID_TRANSITION, STALE_VERSION or "
        "INVALID_VALUE.",
    )
    request_more_information: ChangeRequestPayload = strawberry.mutation(
        resolver=request_resolvers.request_more_information,
        description="Ask the LEA a question about a request pending review (reviewers and "
        "admins); it becomes MORE_INFORMATION_REQUESTED. Refused with NOT_FOUND, FORBIDDEN, "
        "INVALID_TRANSITION, STALE_VERSION or INVALID_VALUE.",
    )
    provide_information: ChangeRequestPayload = strawberry.mutation(
        resolver=request_resolvers.provide_information,
        description="Answer a reviewer's question (users of the request's LEA), optionally "
        "changing credits or justification and adding evidence; the request goes back to "
        "PENDING_REVIEW. Refused with NOT_FOUND, FORBIDDEN, INVALID_TRANSITION, STALE_VERSION, "
        "INVALID_VALUE, ATTACHMENT_TOO_LARGE or ATTACHMENT_TYPE_NOT_ALLOWED.",
    )
    withdraw_change_request: ChangeRequestPayload = strawberry.mutation(
        resolver=request_resolvers.withdraw_change_request,
        description="Withdraw an open request (users of the request's LEA). Refused with "
        "NOT_FOUND, FORBIDDEN, INVALID_TRANSITION or STALE_VERSION.",
    )
    set_notification_preferences: NotificationPreferencesPayload = strawberry.mutation(
        resolver=notifications.set_notification_preferences,
        description="Turn the viewer's optional notifications (APPROVED, DAILY_DIGEST) on or off; "
        "FORBIDDEN when the token has no email, INVALID_VALUE for a required kind.",
    )


@strawberry.type(
    description="Live updates over WebSocket (graphql-transport-ws), limited to what the "
    "viewer may see."
)
class Subscription:
    change_request_events: ChangeRequestEvent = strawberry.subscription(
        resolver=subscriptions.change_request_events,
        description="Events on the change requests the viewer may see, as they happen. With "
        "after, first replays the later events (oldest first). A subscriber that falls behind "
        "is disconnected with the event id to resume after.",
    )


def build_schema(
    extensions: Sequence[type[SchemaExtension]] = (),
    execution_context_class: type[Executor] | None = None,
) -> strawberry.Schema:
    """`execution_context_class`: the executor, e.g. schema.compiled's; graphql-core's if None.
    Either way, subscribers share the execution of a live event (schema.shared_events), and
    each result runs only the extension hooks that exist (schema.extension_hooks)."""
    executor = execution_context_class or StrawberryGraphQLCoreExecutionContext
    return HookedSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[ParticipantRecord, ChangeRequest],
        scalar_overrides=SCALAR_OVERRIDES,
        extensions=list(extensions),
        execution_context_class=sharing_events(executor),
    )

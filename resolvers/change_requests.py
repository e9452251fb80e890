"""Resolvers of the change request mutations and queries."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from domain.audit import AccessKind
from domain.change_requests.model import ChangeRequest as DomainChangeRequest
from domain.change_requests.model import RequestFilter, RequestOrder
from domain.change_requests.transitions import Action
from domain.change_requests.validation import ReviewInput, SubmissionInput
from domain.errors import DomainError, NotFound
from schema.context import viewer_of
from schema.ids import local_id
from schema.inputs import (
    ApproveChangeRequestInput,
    ChangeRequestFilter,
    PreviewInsertCreditsRequestInput,
    ProvideInformationInput,
    RejectChangeRequestInput,
    RequestMoreInformationInput,
    SubmitInsertCreditsRequestInput,
    WithdrawChangeRequestInput,
)
from schema.types import (
    Advisory,
    ChangeRequest,
    ChangeRequestConnection,
    ChangeRequestEdge,
    ChangeRequestPayload,
    InsertCreditsPreview,
    ParticipantRecord,
    ParticipantRecordConnection,
    ParticipantRecordEdge,
    StatusImpact,
)

from .audit import record
from .errors import top_level, user_error, user_errors
from .pagination import (
    After,
    First,
    check_first,
    page_info,
    parse_keyset_cursor,
    parse_record_cursor,
    record_cursor,
    request_cursor,
)
from .prefetch import (
    RECORD_CONNECTION,
    REQUEST_CONNECTION,
    prefetch_records,
    prefetch_requests,
)

ReviewActionInput = (
    ApproveChangeRequestInput
    | RejectChangeRequestInput
    | RequestMoreInformationInput
    | ProvideInformationInput
    | WithdrawChangeRequestInput
)


def _request_id(global_id: str) -> str:
    found = local_id(global_id, "ChangeRequest")
    if found is None:
        raise NotFound("The change request", "id")
    return found


def _submission(
    input: SubmitInsertCreditsRequestInput | PreviewInsertCreditsRequestInput, **more: Any
) -> SubmissionInput:
    """The domain's submission input from the fields both inputs share, and `more`."""
    return SubmissionInput(
        suid=input.suid,
        school_entity_id=input.school_entity_id,
        program_number=input.program_number,
        course_number=input.course_number,
        credits=input.credits,
        grade_level=input.grade_level,
        reason=input.reason,
        retired_suid=input.retired_suid,
        **more,
    )


async def submit_insert_credits_request(
    info: Info,
    input: Annotated[
        SubmitInsertCreditsRequestInput,
        strawberry.argument(description="The credits to insert, where, why and the evidence."),
    ],
) -> ChangeRequestPayload:
    if input.retired_suid:  # whether any SUID statewide has a record: audited
        await record(
            info,
            AccessKind.RETIRED_SUID_CHECKED,
            suid=input.retired_suid.strip(),
            school_entity_id=input.school_entity_id,
        )
    data = _submission(
        input,
        justification=input.justification,
        idempotency_key=input.idempotency_key,
        evidence=input.evidence,
    )
    try:
        request = await info.context.services.submissions.submit(viewer_of(info), data)
    except DomainError as error:
        return _payload(input, None, error)
    return _payload(input, request)


async def preview_insert_credits_request(
    info: Info,
    input: Annotated[
        PreviewInsertCreditsRequestInput,
        strawberry.argument(description="The submission so far, without justification or files."),
    ],
) -> InsertCreditsPreview:
    data = _submission(input, justification="")
    preview = await info.context.services.submissions.preview(viewer_of(info), data)
    assessed = preview.assessment
    return InsertCreditsPreview(
        record=ParticipantRecord.of(preview.record) if preview.record else None,
        impact=StatusImpact.of(assessed.impact) if assessed else None,
        advisories=[Advisory.of(a) for a in assessed.advisories] if assessed else [],
        user_errors=[user_error(p) for p in preview.problems],
    )


async def _act(
    info: Info, input: ReviewActionInput, action: Action, **fields: Any
) -> ChangeRequestPayload:
    """Run a review action; on refusal, the unchanged request (if visible) and the errors."""
    viewer = viewer_of(info)
    services = info.context.services
    try:
        data = ReviewInput(
            action=action,
            request_id=_request_id(input.id),
            expected_version=input.expected_version,
            comment=input.comment,
            **fields,
        )
        request = await services.reviews.act(viewer, data)
    except DomainError as error:
        request_id = local_id(input.id, "ChangeRequest")
        unchanged = await services.requests.get(viewer, request_id) if request_id else None
        return _payload(input, unchanged, error)
    return _payload(input, request)


def _payload(
    input: SubmitInsertCreditsRequestInput | ReviewActionInput,
    request: DomainChangeRequest | None,
    error: DomainError | None = None,
) -> ChangeRequestPayload:
    """A mutation's answer: the request (changed, or unchanged when refused) and the errors."""
    return ChangeRequestPayload(
        change_request=ChangeRequest.of(request) if request else None,
        user_errors=user_errors(error) if error else [],
        client_mutation_id=input.client_mutation_id,
    )


async def approve_change_request(
    info: Info,
    input: Annotated[
        ApproveChangeRequestInput,
        strawberry.argument(description="The request to approve and the version read."),
    ],
) -> ChangeRequestPayload:
    return await _act(info, input, Action.APPROVE)


async def reject_change_request(
    info: Info,
    input: Annotated[
        RejectChangeRequestInput,
        strawberry.argument(description="The request to reject, why, and the version read."),
    ],
) -> ChangeRequestPayload:
    return await _act(info, input, Action.REJECT, rejection_reason=input.reason)


async def request_more_information(
    info: Info,
    input: Annotated[
        RequestMoreInformationInput,
        strawberry.argument(description="The request, the question and the version read."),
    ],
) -> ChangeRequestPayload:
    return await _act(info, input, Action.REQUEST_MORE_INFORMATION)


async def provide_information(
    info: Info,
    input: Annotated[
        ProvideInformationInput,
        strawberry.argument(description="The request, the answer, any changes and the version."),
    ],
) -> ChangeRequestPayload:
    return await _act(
        info,
        input,
        Action.PROVIDE_INFORMATION,
        credits=input.credits,
        justification=input.justification,
        evidence=input.evidence,
    )


async def withdraw_change_request(
    info: Info,
    input: Annotated[
        WithdrawChangeRequestInput,
        strawberry.argument(description="The request to withdraw and the version read."),
    ],
) -> ChangeRequestPayload:
    return await _act(info, input, Action.WITHDRAW)


async def change_request(
    info: Info,
    id: Annotated[strawberry.ID, strawberry.argument(description="The request's global id.")],
) -> ChangeRequest | None:
    request_id = local_id(id, "ChangeRequest")
    if request_id is None:
        return None
    await record(info, AccessKind.CHANGE_REQUEST_OPENED, change_request_id=request_id)
    request = await info.context.services.requests.get(viewer_of(info), request_id)
    if request is None:
        return None
    await prefetch_requests(info, [request])
    return ChangeRequest.of(request)


async def change_requests(
    info: Info,
    filter: Annotated[
        ChangeRequestFilter | None,
        strawberry.argument(description="Only the requests that match; null for all."),
    ] = None,
    first: First = 25,
    after: After = None,
    order: Annotated[
        RequestOrder,
        strawberry.argument(
            description="NEWEST_FIRST (the default) or OLDEST_FIRST, a reviewer's queue; "
            "an `after` cursor continues the order it came from."
        ),
    ] = RequestOrder.NEWEST_FIRST,
) -> ChangeRequestConnection:
    given = filter or ChangeRequestFilter()
    filters = RequestFilter(
        statuses=tuple(given.status or ()),
        school_entity_id=given.school_entity_id,
        lea_entity_id=given.lea_entity_id,
        suid=given.suid,
        fiscal_year=given.fiscal_year,
        submitted_after=given.submitted_after,
        submitted_before=given.submitted_before,
    )
    service = info.context.services.requests
    try:
        page = await service.page(
            viewer_of(info), filters, check_first(first), parse_keyset_cursor(after), order
        )
    except DomainError as error:
        raise top_level(error) from None
    await prefetch_requests(info, page.items, REQUEST_CONNECTION)
    edges = [
        ChangeRequestEdge(cursor=request_cursor(r), node=ChangeRequest.of(r)) for r in page.items
    ]
    return ChangeRequestConnection(
        edges=edges, total_count=page.total_count, page_info=page_info(page, edges, after)
    )


async def placement_survey_list(
    info: Info,
    fiscal_year: Annotated[
        int | None,
        strawberry.argument(
            description="The fiscal year (e.g. 2026); the participant one when null."
        ),
    ] = None,
    school_entity_id: Annotated[
        int | None,
        strawberry.argument(
            description="Only this school's records (FORBIDDEN if not the viewer's)."
        ),
    ] = None,
    first: First = 25,
    after: After = None,
) -> ParticipantRecordConnection:
    try:
        page = await info.context.services.lookups.placement_survey_list(
            viewer_of(info),
            fiscal_year,
            school_entity_id,
            check_first(first),
            parse_record_cursor(after),
        )
    except DomainError as error:
        raise top_level(error) from None
    await prefetch_records(info, page.items, RECORD_CONNECTION)
    edges = [
        ParticipantRecordEdge(cursor=record_cursor(r), node=ParticipantRecord.of(r))
        for r in page.items
    ]
    return ParticipantRecordConnection(
        edges=edges, total_count=page.total_count, page_info=page_info(page, edges, after)
    )

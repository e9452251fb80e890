"""The two guards of an approval's writes, each on its own (a mutation run found both
untested): the claim's version filter, and the record write's `appliedRequestIds` filter
with the version check out of the way (the version given is the stored one)."""

from __future__ import annotations

from domain.access import EVERYTHING
from domain.change_requests.model import EventKind, RequestEvent, RequestStatus
from schema.ids import local_id
from tests.documents import APPROVE, PROVIDE_INFORMATION, REQUEST_MORE_INFORMATION
from tests.request_support import act, submitted


def approval_event(request, clock) -> RequestEvent:
    return RequestEvent(
        id=f"{request.id}:{request.version + 1}",
        kind=EventKind.APPROVED,
        at=clock(),
        actor=request.history[0].actor,
        comment=None,
        from_status=RequestStatus.PENDING_REVIEW,
        to_status=RequestStatus.APPROVED,
    )


async def test_a_claim_at_a_version_read_before_a_change_claims_nothing(gql, app, tokens, clock):
    """The request went back to PENDING_REVIEW in between, so status and `applying` match:
    only the version tells the claim that it is stale."""
    global_id = (await submitted(gql, tokens.mesa))["id"]
    request_id = local_id(global_id, "ChangeRequest")
    requests = app.state.services.store.requests
    stale = await requests.get(EVERYTHING, request_id)
    await act(gql, REQUEST_MORE_INFORMATION, tokens.reviewer, id=global_id, comment="Which?")
    await act(gql, PROVIDE_INFORMATION, tokens.mesa, id=global_id, comment="Austin High.")
    current = await requests.get(EVERYTHING, request_id)
    assert (current.status, current.applying) == (RequestStatus.PENDING_REVIEW, None)
    assert current.version > stale.version
    assert (
        await requests.claim_approval(stale, approval_event(stale, clock), stale.fiscal_year)
        is None
    )
    assert (await requests.get(EVERYTHING, request_id)).applying is None
    # The same claim at the current version succeeds: the version alone refused it.
    assert (
        await requests.claim_approval(current, approval_event(current, clock), current.fiscal_year)
        is not None
    )


async def test_a_record_that_holds_the_request_already_is_not_written_again(gql, app, tokens):
    request = await submitted(gql, tokens.mesa)
    assert (await act(gql, APPROVE, tokens.reviewer, id=request["id"]))["userErrors"] == []
    request_id = local_id(request["id"], "ChangeRequest")
    store = app.state.services.store
    stored = await store.requests.get(EVERYTHING, request_id)

    async def the_record():
        at_school = await store.records.at_school(
            EVERYTHING, stored.suid, stored.school_entity_id, stored.fiscal_year
        )
        return next(r for r in at_school if r.key == stored.record_key)

    record = await the_record()
    assert request_id in record.applied_request_ids
    changed = record.model_copy(update={"version": record.version + 1})
    # The version given is the stored one: only appliedRequestIds can refuse this write.
    assert await store.records.replace(changed, record.version, applying=request_id) is False
    assert await the_record() == record
    # The same write for a request not applied yet goes through: the filter alone refused it.
    assert await store.records.replace(changed, record.version, applying="another") is True

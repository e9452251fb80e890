"""Crashes during an approval: the process dies right after one of its writes, then recovery
finishes the approval. The credits land exactly once, the request ends APPROVED, and the
event log holds one APPROVED event, however often recovery runs."""

import asyncio
from collections import Counter
from datetime import timedelta

import pytest

from domain.change_requests.transitions import Action
from schema.ids import local_id
from server.app import RECOVERY_MIN_AGE, create_app
from tests.approval_support import (
    REVIEWER,
    Crash,
    approve,
    codes,
    crash_after,
    record_calls,
    reject,
    submit,
    yield_on_every_store_call,
)
from tests.conftest import RED_MOUNTAIN
from tests.domain_calls import review
from tests.sample import C1, CULINARY, MATEO

MATEOS_REQUEST = dict(suid=MATEO, school=RED_MOUNTAIN, program=CULINARY, course=C1, credits="0.5")
MATEO_RECORD = {"suid": MATEO, "fiscalYear": 2026, "programNumber": CULINARY}

# Every write of an approval, in order: (repository, method).
WRITES = [
    ("requests", "claim_approval"),  # 1. the request is claimed (being approved)
    ("records", "replace"),  # 2. credits and flags into the record
    ("requests", "finish_approval"),  # 3. the request becomes APPROVED
    ("events", "append"),  # 4. its event goes into the log
    ("requests", "mark_events_logged"),  # 5. the request's pending-log mark is cleared
]


@pytest.fixture
def approvals(app):
    return app.state.services.approvals


async def submitted(gql, tokens) -> tuple[str, str]:
    """A pending request for Mateo (C1 0.5 reported, + 0.5): its global and local ids."""
    request = await submit(gql, tokens.mesa, **MATEOS_REQUEST)
    return request["id"], local_id(request["id"], "ChangeRequest")


async def crash_approval(
    app, store, monkeypatch, request_id: str, repository: str, method: str
) -> None:
    """Approve, dying right after `repository.method` wrote."""
    with monkeypatch.context() as patch:
        crash_after(patch, getattr(store, repository), method)
        with pytest.raises(Crash):
            await review(app.state.services, REVIEWER, Action.APPROVE, request_id)


async def record_version(store) -> int:
    return (await store.db.records.find_one(MATEO_RECORD))["version"]


async def event_kinds(store) -> Counter:
    return Counter([e["kind"] async for e in store.db.events.find()])


async def assert_approved_once(store, request_id: str, version_before: int) -> None:
    request = await store.db.change_requests.find_one({})
    assert request["status"] == "APPROVED" and request["version"] == 2
    assert [e["kind"] for e in request["history"]] == ["SUBMITTED", "APPROVED"]
    for internal in ("applying", "eventLogPending", "openKey"):
        assert internal not in request, internal
    record = await store.db.records.find_one(MATEO_RECORD)
    assert record["appliedRequestIds"] == [request_id]
    [c1] = record["courses"]
    assert [(i["changeRequestId"], i["credits"]) for i in c1["insertions"]] == [(request_id, "0.5")]
    assert record["status"]["participant"] is True
    assert record["version"] == version_before + 1, "the record was written more than once"
    assert await event_kinds(store) == Counter({"SUBMITTED": 1, "APPROVED": 1})


@pytest.mark.parametrize("repository, method", WRITES)
async def test_crash_after_each_write_then_recovery_approves_exactly_once(
    app, gql, tokens, store, clock, monkeypatch, approvals, repository, method
):
    _, request_id = await submitted(gql, tokens)
    version = await record_version(store)
    approval_time = clock.now
    await crash_approval(app, store, monkeypatch, request_id, repository, method)
    clock.now = approval_time + timedelta(minutes=5)

    await approvals.recover()

    await assert_approved_once(store, request_id, version)
    record = await store.db.records.find_one(MATEO_RECORD)
    approved_at = record["courses"][0]["insertions"][0]["approvedAt"]
    assert approved_at == approval_time, "the insertion keeps the time of the approval"


@pytest.mark.parametrize("repository, method", WRITES)
async def test_recovery_is_idempotent(
    app, gql, tokens, store, monkeypatch, approvals, repository, method
):
    _, request_id = await submitted(gql, tokens)
    version = await record_version(store)
    await crash_approval(app, store, monkeypatch, request_id, repository, method)

    await approvals.recover()
    assert await approvals.recover() == 0

    await assert_approved_once(store, request_id, version)


@pytest.mark.parametrize("repository, method", WRITES[:2])
async def test_a_claimed_approval_refuses_other_decisions_until_recovered(
    app, gql, tokens, store, monkeypatch, approvals, repository, method
):
    """While a crashed approval holds the claim, another reviewer can neither approve (the
    credits would land twice) nor reject (the credits may be in the record already)."""
    global_id, request_id = await submitted(gql, tokens)
    version = await record_version(store)
    await crash_approval(app, store, monkeypatch, request_id, repository, method)

    assert codes(await approve(gql, tokens.reviewer2, global_id)) == ["INVALID_TRANSITION"]
    assert codes(await reject(gql, tokens.reviewer2, global_id)) == ["INVALID_TRANSITION"]
    await approvals.recover()

    await assert_approved_once(store, request_id, version)


@pytest.mark.parametrize("repository, method", WRITES)
async def test_the_app_recovers_at_start(
    app, gql, tokens, store, clock, settings, monkeypatch, repository, method
):
    """A new process on the same database finishes what the crashed one left."""
    _, request_id = await submitted(gql, tokens)
    version = await record_version(store)
    await crash_approval(app, store, monkeypatch, request_id, repository, method)

    clock.now += RECOVERY_MIN_AGE
    restarted = create_app(settings, store=store, clock=clock)
    async with restarted.router.lifespan_context(restarted):
        await assert_approved_once(store, request_id, version)


async def test_periodic_recovery_leaves_young_claims_to_their_own_process(
    app, gql, tokens, store, clock, monkeypatch, approvals
):
    _, request_id = await submitted(gql, tokens)
    version = await record_version(store)
    await crash_approval(app, store, monkeypatch, request_id, "requests", "claim_approval")
    min_age = timedelta(seconds=10)

    clock.now += timedelta(seconds=9)
    assert await approvals.recover(min_age) == 0
    assert (await store.db.change_requests.find_one({}))["applying"] is not None

    clock.now += timedelta(seconds=2)
    assert await approvals.recover(min_age) == 1
    await assert_approved_once(store, request_id, version)


async def test_recovery_releases_a_claim_whose_record_is_gone(
    app, gql, tokens, store, monkeypatch, approvals
):
    global_id, request_id = await submitted(gql, tokens)
    await crash_approval(app, store, monkeypatch, request_id, "requests", "claim_approval")
    await store.db.records.delete_one(MATEO_RECORD)

    await approvals.recover()

    request = await store.db.change_requests.find_one({})
    assert request["status"] == "PENDING_REVIEW" and "applying" not in request
    assert await event_kinds(store) == Counter({"SUBMITTED": 1})
    rejected = await reject(gql, tokens.reviewer, global_id)
    assert rejected["changeRequest"]["status"] == "REJECTED"


async def test_recovery_racing_a_live_approval_applies_the_credits_once(
    app, gql, tokens, store, monkeypatch, approvals
):
    """Recovery run at start (no minimum age) meets an approval in flight: both complete the
    same approval; the guards let the credits and the event land once."""
    global_id, request_id = await submitted(gql, tokens)
    version = await record_version(store)
    yield_on_every_store_call(store, monkeypatch)
    claimed = asyncio.Event()
    claim = store.requests.claim_approval

    async def signalling_claim(*args, **kwargs):
        result = await claim(*args, **kwargs)
        claimed.set()
        return result

    async def recover_once_claimed():
        await claimed.wait()
        return await approvals.recover()

    monkeypatch.setattr(store.requests, "claim_approval", signalling_claim)
    finishes = record_calls(monkeypatch, store.requests, "finish_approval")
    payload, touched = await asyncio.gather(
        approve(gql, tokens.reviewer, global_id), recover_once_claimed()
    )

    assert payload["userErrors"] == [] and payload["changeRequest"]["status"] == "APPROVED"
    assert touched >= 1, "recovery did not meet the approval in flight"
    assert sorted(f is not None for f in finishes) == [False, True], "both must try to finish"
    await assert_approved_once(store, request_id, version)


async def test_recovery_finishes_an_approval_whose_credits_landed_before_the_program_left(
    app, gql, tokens, store, monkeypatch, approvals
):
    """The crash came after the credits were written; the program then left the Approved
    Program list. The credits are in the record, so the approval must end APPROVED: released
    back to PENDING_REVIEW, it could be rejected with its credits still counted."""
    global_id, request_id = await submitted(gql, tokens)
    version = await record_version(store)
    await crash_approval(app, store, monkeypatch, request_id, "records", "replace")
    await store.db.programs.delete_one({"programNumber": CULINARY})

    await approvals.recover()

    await assert_approved_once(store, request_id, version)
    assert codes(await reject(gql, tokens.reviewer, global_id)) == ["INVALID_TRANSITION"]

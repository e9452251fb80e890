"""Approvals racing each other and a rejection, through the ASGI app with asyncio.gather.

Every repository call is made to suspend first (`yield_on_every_store_call`), as a network
driver does, so that the racing operations really interleave: each test also checks that the
race it is about did happen (both approvals reached the claim; record writes collided)."""

import asyncio
from collections import Counter
from decimal import Decimal

import pytest

from domain.change_requests.model import (
    Actor,
    ChangeRequest,
    InsertCreditsReason,
    RequestEvent,
    RequestStatus,
)
from domain.models import Role
from domain.repository.requests import new_request_id
from schema.ids import local_id, to_global_id
from tests.approval_support import (
    approve,
    codes,
    course_of,
    record_calls,
    record_of,
    reject,
    submit,
    yield_on_every_store_call,
)
from tests.conftest import MESA, RED_MOUNTAIN, SAMPLE_NOW
from tests.raw_requests import insert_with_open_key
from tests.sample import C1, C2, C3, CULINARY, MATEO, NOAH

MATEOS_REQUEST = dict(suid=MATEO, school=RED_MOUNTAIN, program=CULINARY, course=C1, credits="0.5")


async def stored_kinds(store) -> Counter:
    return Counter([event["kind"] async for event in store.db.events.find()])


async def test_two_approvals_of_one_request_give_one_approved_one_invalid_transition(
    gql, tokens, store, monkeypatch
):
    request = await submit(gql, tokens.mesa, **MATEOS_REQUEST)
    yield_on_every_store_call(store, monkeypatch)
    claims = record_calls(monkeypatch, store.requests, "claim_approval")

    payloads = await asyncio.gather(
        approve(gql, tokens.reviewer, request["id"]), approve(gql, tokens.reviewer2, request["id"])
    )

    assert sorted(codes(p) for p in payloads) == [[], ["INVALID_TRANSITION"]]
    [winner] = [p["changeRequest"] for p in payloads if not p["userErrors"]]
    assert winner["status"] == "APPROVED"
    assert [e["kind"] for e in winner["history"]] == ["SUBMITTED", "APPROVED"]
    # The race was real: both got past the status check and tried to claim the request.
    assert len(claims) == 2 and sum(c is None for c in claims) == 1
    record = await record_of(gql, tokens.mesa, MATEO, RED_MOUNTAIN, CULINARY)
    c1 = course_of(record, C1)
    assert (c1["insertedCredits"], c1["totalCredits"], len(c1["insertions"])) == ("0.5", "1", 1)
    assert (await stored_kinds(store))["APPROVED"] == 1


def direct_request(suid: str, course: str, credits: str) -> ChangeRequest:
    """A pending request as the service stores it, built without the submission rules."""
    request_id = new_request_id()
    actor = Actor(id="lea-mesa", name="Mesa Coordinator", role=Role.LEA_USER)
    submitted = RequestEvent(
        id=f"{request_id}:1",
        kind="SUBMITTED",
        at=SAMPLE_NOW,
        actor=actor,
        to_status=RequestStatus.PENDING_REVIEW,
    )
    return ChangeRequest(
        id=request_id,
        status=RequestStatus.PENDING_REVIEW,
        version=1,
        suid=suid,
        school_entity_id=RED_MOUNTAIN,
        lea_entity_id=MESA,
        fiscal_year=2026,
        program_number=CULINARY,
        course_number=course,
        credits=Decimal(credits),
        grade_level=11,
        reason=InsertCreditsReason.OUT_OF_STATE_TRANSFER,
        justification="Transcript.",
        history=(submitted,),
        submitted_by=actor,
        submitted_at=SAMPLE_NOW,
        updated_at=SAMPLE_NOW,
    )


async def test_twenty_approvals_into_one_record_all_land(gql, tokens, store, monkeypatch):
    """Noah: C1 0.25, C2 0.25 (no participant). 20 pending requests on his one Culinary record:
    8 x 0.1 of C1, 8 x 0.1 of C2, 4 x 0.25 of C3 (a course he lacks).

    The program has four courses and DUPLICATE_REQUEST allows one open request per course, so
    20 open requests on one record cannot come through `submitInsertCreditsRequest`. They are
    written straight into the store, each with its own open key; the approvals then go
    through the API as usual. This is the harshest case for the record write: every approval
    targets the same document."""
    plan = [(C1, "0.1")] * 8 + [(C2, "0.1")] * 8 + [(C3, "0.25")] * 4
    requests = [direct_request(NOAH, course, credits) for course, credits in plan]
    for n, request in enumerate(requests):
        await insert_with_open_key(store, request, f"direct-{n}")
    ids = [to_global_id("ChangeRequest", r.id) for r in requests]
    before = await record_of(gql, tokens.mesa, NOAH, RED_MOUNTAIN, CULINARY)
    yield_on_every_store_call(store, monkeypatch)
    writes = record_calls(monkeypatch, store.records, "replace")

    payloads = await asyncio.gather(*(approve(gql, tokens.reviewer, i) for i in ids))

    assert [codes(p) for p in payloads] == [[]] * 20
    assert {p["changeRequest"]["status"] for p in payloads} == {"APPROVED"}
    assert writes.count(False) > 0, "the record writes never collided: no race was tested"
    record = await record_of(gql, tokens.mesa, NOAH, RED_MOUNTAIN, CULINARY)
    totals = {
        c["course"]["courseNumber"]: (c["reportedCredits"], c["insertedCredits"], c["totalCredits"])
        for c in record["courses"]
    }
    assert totals == {C1: ("0.25", "0.8", "1.05"), C2: ("0.25", "0.8", "1.05"), C3: ("0", "1", "1")}
    assert record["totalCredits"] == "3.1"
    assert record["status"] == {
        "participant": True,
        "concentrator": True,
        "completer": True,
        "placementSurveyEligible": False,
    }
    assert record["version"] == before["version"] + 20
    inserted = sorted(i["changeRequestId"] for c in record["courses"] for i in c["insertions"])
    assert inserted == sorted(ids)
    stored = await store.db.records.find_one({"suid": NOAH, "fiscalYear": 2026})
    assert sorted(stored["appliedRequestIds"]) == sorted(r.id for r in requests)
    assert (await stored_kinds(store))["APPROVED"] == 20


async def later(steps: int, action):
    """Run `action` after letting the event loop turn `steps` times."""
    for _ in range(steps):
        await asyncio.sleep(0)
    return await action


# Which decision wins depends on how far the approval got when the rejection arrived: with
# these head starts both outcomes occur (the rejection wins with 0, the approval with 12).
@pytest.mark.parametrize("head_start", [0, 3, 6, 12])
async def test_approve_racing_reject_gives_exactly_one_decision(
    gql, tokens, store, monkeypatch, head_start
):
    request = await submit(gql, tokens.mesa, **MATEOS_REQUEST)
    yield_on_every_store_call(store, monkeypatch)
    payloads = await asyncio.gather(
        approve(gql, tokens.reviewer, request["id"]),
        later(head_start, reject(gql, tokens.reviewer2, request["id"])),
    )

    assert sorted(codes(p) for p in payloads) == [[], ["INVALID_TRANSITION"]]
    [decided] = [p["changeRequest"] for p in payloads if not p["userErrors"]]
    kinds = await stored_kinds(store)
    assert kinds["APPROVED"] + kinds["REJECTED"] == 1
    assert [e["kind"] for e in decided["history"]] == ["SUBMITTED", decided["status"]]
    applied = [local_id(request["id"], "ChangeRequest")] if decided["status"] == "APPROVED" else []
    stored = await store.db.records.find_one({"suid": MATEO, "fiscalYear": 2026})
    assert stored["appliedRequestIds"] == applied
    assert len(stored["courses"][0]["insertions"]) == len(applied)


async def test_reject_arriving_while_the_approval_is_applied_is_refused(
    gql, tokens, store, monkeypatch
):
    """The rejection arrives after the approval claimed the request and before its credits
    are written: it is refused, and the approval completes."""
    request = await submit(gql, tokens.mesa, **MATEOS_REQUEST)
    claimed, go_on = asyncio.Event(), asyncio.Event()
    write = store.records.replace

    async def paused_write(*args, **kwargs):
        claimed.set()
        await go_on.wait()
        return await write(*args, **kwargs)

    monkeypatch.setattr(store.records, "replace", paused_write)
    approval = asyncio.ensure_future(approve(gql, tokens.reviewer, request["id"]))
    await claimed.wait()

    rejection = await reject(gql, tokens.reviewer2, request["id"])
    go_on.set()
    approval = await approval

    assert codes(rejection) == ["INVALID_TRANSITION"]
    assert "being approved" in rejection["userErrors"][0]["message"]
    assert approval["userErrors"] == []
    assert approval["changeRequest"]["status"] == "APPROVED"
    assert [e["kind"] for e in approval["changeRequest"]["history"]] == ["SUBMITTED", "APPROVED"]
    assert course_of(approval["changeRequest"]["record"], C1)["insertedCredits"] == "0.5"


async def test_approval_after_a_rejection_slipped_in_is_refused(gql, tokens, store, monkeypatch):
    """The rejection lands between the approval's checks and its claim: the claim fails and
    the approval is refused with nothing applied."""
    request = await submit(gql, tokens.mesa, **MATEOS_REQUEST)
    checked, go_on = asyncio.Event(), asyncio.Event()
    claim = store.requests.claim_approval

    async def paused_claim(*args, **kwargs):
        checked.set()
        await go_on.wait()
        return await claim(*args, **kwargs)

    monkeypatch.setattr(store.requests, "claim_approval", paused_claim)
    approval = asyncio.ensure_future(approve(gql, tokens.reviewer, request["id"]))
    await checked.wait()

    rejection = await reject(gql, tokens.reviewer2, request["id"])
    go_on.set()
    approval = await approval

    assert rejection["userErrors"] == []
    assert codes(approval) == ["INVALID_TRANSITION"]
    assert approval["changeRequest"]["status"] == "REJECTED"
    stored = await store.db.records.find_one({"suid": MATEO, "fiscalYear": 2026})
    assert stored["appliedRequestIds"] == [] and stored["courses"][0]["insertions"] == []
    assert (await stored_kinds(store)) == Counter({"SUBMITTED": 1, "REJECTED": 1})


async def test_reject_checked_before_the_claim_but_written_after_it_is_refused(
    gql, tokens, store, monkeypatch
):
    """The rejection read the request while it was pending; the approval claims it before the
    rejection writes. The rejection's write must not land on a request being approved."""
    request = await submit(gql, tokens.mesa, **MATEOS_REQUEST)
    claimed, rejection_done = asyncio.Event(), asyncio.Event()
    transition, claim, write = (
        store.requests.transition,
        store.requests.claim_approval,
        store.records.replace,
    )

    written = []

    async def transition_after_claim(*args, **kwargs):
        await claimed.wait()
        written.append(await transition(*args, **kwargs))
        return written[-1]

    async def signalling_claim(*args, **kwargs):
        result = await claim(*args, **kwargs)
        claimed.set()
        return result

    async def write_after_rejection(*args, **kwargs):
        await rejection_done.wait()
        return await write(*args, **kwargs)

    monkeypatch.setattr(store.requests, "transition", transition_after_claim)
    monkeypatch.setattr(store.requests, "claim_approval", signalling_claim)
    monkeypatch.setattr(store.records, "replace", write_after_rejection)
    rejection = asyncio.ensure_future(reject(gql, tokens.reviewer2, request["id"]))
    approval = asyncio.ensure_future(approve(gql, tokens.reviewer, request["id"]))
    rejection = await rejection
    rejection_done.set()
    approval = await approval

    assert written == [None], "the rejection must have reached its write, and been refused there"
    assert codes(rejection) == ["INVALID_TRANSITION"]
    assert approval["userErrors"] == []
    assert [e["kind"] for e in approval["changeRequest"]["history"]] == ["SUBMITTED", "APPROVED"]
    assert approval["changeRequest"]["rejectionReason"] is None
    assert (await stored_kinds(store)) == Counter({"SUBMITTED": 1, "APPROVED": 1})

"""The review actions through the real app: every transition of domain.md's table, and each
kind of denial (role, LEA, status, version, input) with nothing changed, and the history.

The grids of role x action and status x action are unit tests of the table
(test_validation_rules.py); here each action shows its wiring once and each denial is shown
for a few actions, since every action is checked by the one path that applies the table."""

from __future__ import annotations

import pytest
from bson import ObjectId

from schema.ids import to_global_id
from tests.conftest import error_codes
from tests.documents import APPROVE, PROVIDE_INFORMATION, REJECT, REQUEST_MORE_INFORMATION, WITHDRAW
from tests.request_support import (
    MESA_2,
    act,
    acted,
    codes_and_fields,
    fetch,
    stored_counts,
    submitted,
)

PENDING, MORE_INFO = "PENDING_REVIEW", "MORE_INFORMATION_REQUESTED"
APPROVED, REJECTED, WITHDRAWN = "APPROVED", "REJECTED", "WITHDRAWN"


class Action:
    """One review action: its document, a valid input besides the id, and the statuses it
    may start from (domain.md's table)."""

    def __init__(self, name, document, sources, target, event, staff, **valid):
        self.name, self.document, self.sources = name, document, sources
        self.target, self.event, self.staff, self.valid = target, event, staff, valid

    def __repr__(self) -> str:
        return self.name


APPROVE_ACTION = Action(
    "approve", APPROVE, {PENDING}, APPROVED, "APPROVED", True, comment="Transcript checks out."
)
REJECT_ACTION = Action(
    "reject",
    REJECT,
    {PENDING, MORE_INFO},
    REJECTED,
    "REJECTED",
    True,
    reason="INADEQUATE_JUSTIFICATION",
    comment="No transcript attached.",
)
MORE_INFO_ACTION = Action(
    "requestMoreInformation",
    REQUEST_MORE_INFORMATION,
    {PENDING},
    MORE_INFO,
    "MORE_INFORMATION_REQUESTED",
    True,
    comment="Please attach the transcript.",
)
PROVIDE_ACTION = Action(
    "provideInformation",
    PROVIDE_INFORMATION,
    {MORE_INFO},
    PENDING,
    "INFORMATION_PROVIDED",
    False,
    comment="Transcript attached.",
)
WITHDRAW_ACTION = Action(
    "withdraw",
    WITHDRAW,
    {PENDING, MORE_INFO},
    WITHDRAWN,
    "WITHDRAWN",
    False,
    comment="Entered by mistake.",
)
ACTIONS = (APPROVE_ACTION, REJECT_ACTION, MORE_INFO_ACTION, PROVIDE_ACTION, WITHDRAW_ACTION)


async def request_in(gql, tokens, status: str) -> dict:
    """A fresh request of Mateo's, brought into `status`."""
    request = await submitted(gql, tokens.mesa)
    steps = {
        PENDING: [],
        MORE_INFO: [(MORE_INFO_ACTION, tokens.reviewer)],
        APPROVED: [(APPROVE_ACTION, tokens.reviewer)],
        REJECTED: [(REJECT_ACTION, tokens.reviewer)],
        WITHDRAWN: [(WITHDRAW_ACTION, tokens.mesa)],
    }[status]
    for action, token in steps:
        request = await acted(gql, action.document, token, id=request["id"], **action.valid)
    assert request["status"] == status
    return request


def actor_of(tokens, token) -> dict:
    return {
        tokens.reviewer: {"id": "reviewer-1", "name": "Riley Reviewer", "role": "REVIEWER"},
        tokens.admin: {"id": "admin-1", "name": "Alex Admin", "role": "ADMIN"},
        tokens.mesa: {"id": "lea-mesa", "name": "Mesa Coordinator", "role": "LEA_USER"},
        MESA_2: {"id": "lea-mesa-2", "name": "Mesa Second Coordinator", "role": "LEA_USER"},
    }[token]


async def assert_unchanged(gql, app, tokens, before: dict, counts, payload: dict) -> None:
    """The refused action changed nothing: same request (version, status, history), same
    number of logged events."""
    assert await fetch(gql, tokens.reviewer, before["id"]) == before
    assert await stored_counts(app) == counts
    assert payload["changeRequest"] in (None, before)


# --- every transition of the table --------------------------------------------------------

# Each (action, from status) once, the two roles (or two users of the LEA) taking turns.
GRANTS = [
    (action, source, ("reviewer", "admin", "mesa", "mesa_2")[2 * (not action.staff) + turn % 2])
    for turn, (action, source) in enumerate(
        (action, source) for action in ACTIONS for source in sorted(action.sources)
    )
]


@pytest.mark.parametrize("action, source, who", GRANTS)
async def test_each_transition_moves_the_request_and_appends_one_event(
    gql, app, tokens, action, source, who
):
    token = MESA_2 if who == "mesa_2" else getattr(tokens, who)
    before = await request_in(gql, tokens, source)
    counts = await stored_counts(app)
    payload = await act(
        gql, action.document, token, id=before["id"], clientMutationId="m-1", **action.valid
    )
    assert payload["userErrors"] == []
    assert payload["clientMutationId"] == "m-1"
    after = payload["changeRequest"]
    assert after["status"] == action.target
    assert after["version"] == before["version"] + 1
    assert after["history"][:-1] == before["history"]
    event = after["history"][-1]
    assert event["kind"] == action.event
    assert event["actor"] == actor_of(tokens, token)
    assert event["comment"] == action.valid["comment"]
    assert (event["fromStatus"], event["toStatus"]) == (source, action.target)
    assert after["updatedAt"] == event["at"]
    assert after["submittedAt"] == before["submittedAt"]
    assert after["rejectionReason"] == (action.valid["reason"] if action is REJECT_ACTION else None)
    assert await fetch(gql, tokens.reviewer, before["id"]) == after
    assert await stored_counts(app) == type(counts)(counts.requests, counts.events + 1)
    logged = await app.state.services.store.db.events.find_one({"_id": event["id"]})
    assert (logged["kind"], logged["fromStatus"], logged["toStatus"]) == (
        action.event,
        source,
        action.target,
    )


async def test_a_full_round_keeps_every_event_oldest_first(gql, tokens):
    request = await submitted(gql, tokens.mesa)
    for action, token in [
        (MORE_INFO_ACTION, tokens.reviewer),
        (PROVIDE_ACTION, tokens.mesa),
        (MORE_INFO_ACTION, tokens.admin),
        (PROVIDE_ACTION, MESA_2),
        (APPROVE_ACTION, tokens.reviewer),
    ]:
        request = await acted(gql, action.document, token, id=request["id"], **action.valid)
    history = request["history"]
    assert [e["kind"] for e in history] == [
        "SUBMITTED",
        "MORE_INFORMATION_REQUESTED",
        "INFORMATION_PROVIDED",
        "MORE_INFORMATION_REQUESTED",
        "INFORMATION_PROVIDED",
        "APPROVED",
    ]
    assert [e["toStatus"] for e in history[:-1]] == [e["fromStatus"] for e in history[1:]]
    assert request["version"] == len(history) == 6
    assert len({e["id"] for e in history}) == 6


@pytest.mark.parametrize("action", [APPROVE_ACTION, WITHDRAW_ACTION])
async def test_an_optional_comment_may_be_left_out(gql, tokens, action):
    request = await request_in(gql, tokens, PENDING)
    token = tokens.reviewer if action.staff else tokens.mesa
    after = await acted(gql, action.document, token, id=request["id"])
    assert after["status"] == action.target
    assert after["history"][-1]["comment"] is None


# --- roles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "action, source",
    [(APPROVE_ACTION, PENDING), (REJECT_ACTION, MORE_INFO)],
)
async def test_lea_users_may_not_decide(gql, app, tokens, action, source):
    before = await request_in(gql, tokens, source)
    counts = await stored_counts(app)
    payload = await act(gql, action.document, tokens.mesa, id=before["id"], **action.valid)
    assert [e["code"] for e in payload["userErrors"]] == ["FORBIDDEN"]
    assert payload["changeRequest"] == before
    await assert_unchanged(gql, app, tokens, before, counts, payload)


@pytest.mark.parametrize(
    "action, source, who",
    [(PROVIDE_ACTION, MORE_INFO, "reviewer"), (WITHDRAW_ACTION, PENDING, "admin")],
)
async def test_staff_may_not_answer_or_withdraw(gql, app, tokens, action, source, who):
    before = await request_in(gql, tokens, source)
    counts = await stored_counts(app)
    payload = await act(gql, action.document, getattr(tokens, who), id=before["id"], **action.valid)
    assert [e["code"] for e in payload["userErrors"]] == ["FORBIDDEN"]
    assert payload["changeRequest"] == before
    await assert_unchanged(gql, app, tokens, before, counts, payload)


@pytest.mark.parametrize("action, who", [(APPROVE_ACTION, "tucson"), (WITHDRAW_ACTION, "evit")])
async def test_another_leas_user_finds_nothing(gql, app, tokens, action, who):
    before = await request_in(gql, tokens, sorted(action.sources)[0])
    counts = await stored_counts(app)
    payload = await act(gql, action.document, getattr(tokens, who), id=before["id"], **action.valid)
    assert codes_and_fields(payload) == [("NOT_FOUND", ["input", "id"])]
    assert payload["changeRequest"] is None
    await assert_unchanged(gql, app, tokens, before, counts, payload)


async def test_another_leas_user_finds_nothing_even_with_bad_input(gql, app, tokens):
    """Visibility is checked first, so that a refusal never tells that the request exists."""
    before = await request_in(gql, tokens, MORE_INFO)
    payload = await act(
        gql,
        PROVIDE_INFORMATION,
        tokens.tucson,
        id=before["id"],
        comment=" ",
        credits="0",
        expectedVersion=99,
    )
    assert codes_and_fields(payload) == [("NOT_FOUND", ["input", "id"])]


# --- statuses outside the "from" column -------------------------------------------------

INVALID = [
    (APPROVE_ACTION, APPROVED),
    (REJECT_ACTION, WITHDRAWN),
    (PROVIDE_ACTION, PENDING),
    (WITHDRAW_ACTION, REJECTED),
]


@pytest.mark.parametrize("action, status", INVALID)
async def test_a_status_outside_the_from_column_is_an_invalid_transition(
    gql, app, tokens, action, status
):
    before = await request_in(gql, tokens, status)
    counts = await stored_counts(app)
    token = tokens.reviewer if action.staff else tokens.mesa
    payload = await act(gql, action.document, token, id=before["id"], **action.valid)
    assert codes_and_fields(payload) == [("INVALID_TRANSITION", None)]
    assert payload["changeRequest"] == before
    await assert_unchanged(gql, app, tokens, before, counts, payload)


async def test_a_rejected_approval_attempt_leaves_the_record_alone(gql, tokens):
    """Approving a withdrawn request must not touch the target record's credits."""
    before = await request_in(gql, tokens, WITHDRAWN)
    query = "query R($id: ID!) { changeRequest(id: $id) { record { version totalCredits } } }"
    record = (await gql.data(query, {"id": before["id"]}, tokens.reviewer))["changeRequest"]
    payload = await act(gql, APPROVE, tokens.reviewer, id=before["id"])
    assert codes_and_fields(payload) == [("INVALID_TRANSITION", None)]
    assert (await gql.data(query, {"id": before["id"]}, tokens.reviewer))["changeRequest"] == record


# --- comments and reasons ---------------------------------------------------------------


@pytest.mark.parametrize(
    "action, source",
    [
        (REJECT_ACTION, PENDING),
        (REJECT_ACTION, MORE_INFO),
        (MORE_INFO_ACTION, PENDING),
        (PROVIDE_ACTION, MORE_INFO),
    ],
)
@pytest.mark.parametrize("comment", ["   "], ids=["spaces"])
async def test_a_required_comment_must_be_given_and_short_enough(
    gql, app, tokens, action, source, comment
):
    before = await request_in(gql, tokens, source)
    counts = await stored_counts(app)
    token = tokens.reviewer if action.staff else tokens.mesa
    payload = await act(
        gql, action.document, token, id=before["id"], **{**action.valid, "comment": comment}
    )
    assert codes_and_fields(payload) == [("INVALID_VALUE", ["input", "comment"])]
    await assert_unchanged(gql, app, tokens, before, counts, payload)


@pytest.mark.parametrize("action", [APPROVE_ACTION, WITHDRAW_ACTION])
async def test_an_optional_comment_is_at_most_4000_characters(gql, app, tokens, action):
    before = await request_in(gql, tokens, PENDING)
    counts = await stored_counts(app)
    token = tokens.reviewer if action.staff else tokens.mesa
    payload = await act(gql, action.document, token, id=before["id"], comment="c" * 4001)
    assert codes_and_fields(payload) == [("INVALID_VALUE", ["input", "comment"])]
    await assert_unchanged(gql, app, tokens, before, counts, payload)


async def test_a_comment_of_4000_characters_after_trimming_is_kept_trimmed(gql, tokens):
    before = await request_in(gql, tokens, PENDING)
    after = await acted(
        gql,
        REJECT,
        tokens.reviewer,
        id=before["id"],
        reason="OTHER",
        comment="  " + "c" * 4000 + "\n",
    )
    assert after["history"][-1]["comment"] == "c" * 4000
    assert after["rejectionReason"] == "OTHER"


@pytest.mark.parametrize("reason", [None, "", "NOT_A_REASON"])
async def test_a_rejection_needs_a_valid_reason(gql, app, tokens, reason):
    """The reason is a required enum: leaving it out or sending another value is refused
    by the GraphQL layer (top-level error) and changes nothing."""
    before = await request_in(gql, tokens, PENDING)
    counts = await stored_counts(app)
    values = {"id": before["id"], "comment": "No proof."}
    if reason is not None:
        values["reason"] = reason
    body = await gql.post(REJECT, {"input": values}, tokens.reviewer)
    assert body.get("data") is None
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert "reason" in body["errors"][0]["message"]
    await assert_unchanged(gql, app, tokens, before, counts, {"changeRequest": None})


@pytest.mark.parametrize(
    "reason", ["NOT_NECESSARY", "ALTERNATIVE_METHOD_AVAILABLE", "MISREPORTED_ENROLLMENT"]
)
async def test_the_rejection_reason_is_kept(gql, tokens, reason):
    before = await request_in(gql, tokens, MORE_INFO)
    after = await acted(
        gql, REJECT, tokens.admin, id=before["id"], reason=reason, comment="See the policy."
    )
    assert (after["status"], after["rejectionReason"]) == (REJECTED, reason)


# --- expectedVersion --------------------------------------------------------------------


@pytest.mark.parametrize(
    "action, offset", [(action, (-1, 1)[turn % 2]) for turn, action in enumerate(ACTIONS)]
)
async def test_a_stale_expected_version_is_refused(gql, app, tokens, action, offset):
    before = await request_in(gql, tokens, sorted(action.sources)[0])
    counts = await stored_counts(app)
    token = tokens.reviewer if action.staff else tokens.mesa
    payload = await act(
        gql,
        action.document,
        token,
        id=before["id"],
        expectedVersion=before["version"] + offset,
        **action.valid,
    )
    assert codes_and_fields(payload) == [("STALE_VERSION", ["input", "expectedVersion"])]
    assert payload["changeRequest"] == before
    await assert_unchanged(gql, app, tokens, before, counts, payload)


@pytest.mark.parametrize("action", ACTIONS)
async def test_a_matching_expected_version_goes_through(gql, tokens, action):
    before = await request_in(gql, tokens, sorted(action.sources)[0])
    token = tokens.reviewer if action.staff else tokens.mesa
    after = await acted(
        gql,
        action.document,
        token,
        id=before["id"],
        expectedVersion=before["version"],
        **action.valid,
    )
    assert (after["status"], after["version"]) == (action.target, before["version"] + 1)


async def test_a_version_read_before_someone_elses_change_is_stale(gql, tokens):
    """A reviewer who read version 1 cannot approve after the LEA answered a question."""
    request = await request_in(gql, tokens, PENDING)
    await acted(
        gql, REQUEST_MORE_INFORMATION, tokens.reviewer2, id=request["id"], comment="Which school?"
    )
    payload = await act(
        gql,
        REJECT,
        tokens.reviewer,
        id=request["id"],
        expectedVersion=1,
        reason="OTHER",
        comment="Read an old copy.",
    )
    assert codes_and_fields(payload) == [("STALE_VERSION", ["input", "expectedVersion"])]
    assert payload["changeRequest"]["status"] == MORE_INFO


# --- provideInformation's replacements ----------------------------------------------------


async def test_provided_information_replaces_credits_and_justification(gql, app, tokens):
    before = await request_in(gql, tokens, MORE_INFO)
    after = await acted(
        gql,
        PROVIDE_INFORMATION,
        tokens.mesa,
        id=before["id"],
        comment="Corrected.",
        credits="0.75",
        justification="  The second page of the transcript shows 0.75.  ",
    )
    assert after["credits"] == "0.75"
    assert after["justification"] == "The second page of the transcript shows 0.75."
    stored = await app.state.services.store.db.change_requests.find_one()
    assert stored["credits"] == "0.75"


async def test_provided_information_without_replacements_keeps_them(gql, tokens):
    before = await request_in(gql, tokens, MORE_INFO)
    after = await acted(
        gql,
        PROVIDE_INFORMATION,
        tokens.mesa,
        id=before["id"],
        comment="The transcript is attached now.",
    )
    assert (after["credits"], after["justification"]) == (
        before["credits"],
        before["justification"],
    )


@pytest.mark.parametrize(
    "replacement, fault",
    [
        ({"credits": "0.125"}, "credits"),
        ({"credits": "3.5"}, "credits"),  # above the maximum
        ({"justification": "   "}, "justification"),
    ],
)
async def test_provided_replacements_are_validated(gql, app, tokens, replacement, fault):
    before = await request_in(gql, tokens, MORE_INFO)
    counts = await stored_counts(app)
    payload = await act(
        gql, PROVIDE_INFORMATION, tokens.mesa, id=before["id"], comment="Corrected.", **replacement
    )
    assert codes_and_fields(payload) == [("INVALID_VALUE", ["input", fault])]
    await assert_unchanged(gql, app, tokens, before, counts, payload)


async def test_every_problem_of_provided_information_is_reported(gql, app, tokens):
    before = await request_in(gql, tokens, MORE_INFO)
    counts = await stored_counts(app)
    payload = await act(
        gql,
        PROVIDE_INFORMATION,
        tokens.mesa,
        id=before["id"],
        comment=" ",
        credits="0",
        justification="",
    )
    assert sorted(codes_and_fields(payload)) == [
        ("INVALID_VALUE", ["input", "comment"]),
        ("INVALID_VALUE", ["input", "credits"]),
        ("INVALID_VALUE", ["input", "justification"]),
    ]
    await assert_unchanged(gql, app, tokens, before, counts, payload)


# --- ids that name no request -----------------------------------------------------------


async def _garbage_ids(app) -> list[str]:
    record = await app.state.services.store.db.records.find_one()
    return [
        "garbage",
        "",
        to_global_id("ChangeRequest", "not-an-object-id"),
        to_global_id("ChangeRequest", str(ObjectId())),
        to_global_id("ParticipantRecord", str(record["_id"])),
    ]


@pytest.mark.parametrize("action", ACTIONS)
async def test_ids_that_name_no_request_are_not_found(gql, app, tokens, action):
    await request_in(gql, tokens, sorted(action.sources)[0])
    counts = await stored_counts(app)
    token = tokens.reviewer if action.staff else tokens.mesa
    for garbage in await _garbage_ids(app):
        payload = await act(gql, action.document, token, id=garbage, **action.valid)
        assert codes_and_fields(payload) == [("NOT_FOUND", ["input", "id"])], garbage
        assert payload["changeRequest"] is None
    assert await stored_counts(app) == counts

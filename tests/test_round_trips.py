"""Database round trips of a page of change requests with every field selected: the
DataLoaders batch each kind of related object into one query, so the count does not grow
with the page size."""

from datetime import timedelta
from decimal import Decimal

import pytest

from domain.change_requests.model import (
    Actor,
    ChangeRequest,
    InsertCreditsReason,
    RejectionReason,
    RequestEvent,
    RequestStatus,
)
from domain.models import Role
from domain.repository.requests import new_request_id
from tests.approval_support import yield_on_every_store_call
from tests.conftest import (
    EVIT,
    EVIT_MAIN,
    MESA,
    MOUNTAIN_VIEW,
    RED_MOUNTAIN,
    SAMPLE_NOW,
    TUCSON,
    TUCSON_HIGH,
)
from tests.documents import CHANGE_REQUESTS_IN_FULL
from tests.raw_requests import insert_with_open_key
from tests.sample import AALIYAH, AALIYAH_RETIRED, ANA, ANDREW, ANGEL, DIEGO, DIEGO_RETIRED, RYAN

SUBMITTER = Actor(id="lea-user", name="LEA Coordinator", role=Role.LEA_USER)
REVIEWER = Actor(id="reviewer-1", name="Riley Reviewer", role=Role.REVIEWER)

# (suid, school, LEA, program, course, retired SUID, status): every kind of request a
# reviewer's page shows, repeated down the page so that any page holds them all.
KINDS = [
    (
        DIEGO,
        RED_MOUNTAIN,
        MESA,
        "12.0500",
        "12050010",
        DIEGO_RETIRED,
        RequestStatus.PENDING_REVIEW,
    ),  # retired SUID at another LEA's school
    (
        AALIYAH,
        MOUNTAIN_VIEW,
        MESA,
        "12.0500",
        "12050010",
        AALIYAH_RETIRED,
        RequestStatus.MORE_INFORMATION_REQUESTED,
    ),  # retired SUID at the same school
    (
        ANGEL,
        TUCSON_HIGH,
        TUCSON,
        "51.3900",
        "51390020",
        None,
        RequestStatus.PENDING_REVIEW,
    ),  # becomes placement eligible
    (
        RYAN,
        EVIT_MAIN,
        EVIT,
        "12.0500",
        "12050030",
        None,
        RequestStatus.REJECTED,
    ),  # completer, rejected with a reason
    (
        ANDREW,
        79014,
        MESA,
        "15.0400",
        "15040020",
        None,
        RequestStatus.PENDING_REVIEW,
    ),  # no FY2026 record there: record null
]


def stored_request(n: int) -> tuple[ChangeRequest, str]:
    """The n-th request of the page (newest first), and its open key."""
    suid, school, lea, program, course, retired, status = KINDS[n % len(KINDS)]
    request_id, at = new_request_id(), SAMPLE_NOW - timedelta(minutes=n)
    history = [
        RequestEvent(
            id=f"{request_id}:1",
            kind="SUBMITTED",
            at=at,
            actor=SUBMITTER,
            to_status=RequestStatus.PENDING_REVIEW,
        )
    ]
    if status is not RequestStatus.PENDING_REVIEW:
        history.append(
            RequestEvent(
                id=f"{request_id}:2",
                kind=(
                    "REJECTED" if status is RequestStatus.REJECTED else "MORE_INFORMATION_REQUESTED"
                ),
                at=at,
                actor=REVIEWER,
                comment="See the policy.",
                from_status=RequestStatus.PENDING_REVIEW,
                to_status=status,
            )
        )
    request = ChangeRequest(
        id=request_id,
        status=status,
        version=len(history),
        suid=suid,
        school_entity_id=school,
        lea_entity_id=lea,
        fiscal_year=2026,
        program_number=program,
        course_number=course,
        credits=Decimal("0.5"),
        grade_level=10,
        reason=InsertCreditsReason.RETIRED_SUID if retired else InsertCreditsReason.OTHER,
        retired_suid=retired,
        justification="Transcript attached to the district file.",
        rejection_reason=RejectionReason.NOT_NECESSARY
        if status is RequestStatus.REJECTED
        else None,
        history=tuple(history),
        submitted_by=SUBMITTER,
        submitted_at=at,
        updated_at=at,
    )
    return request, f"round-trips-{n}"


@pytest.fixture
async def hundred_requests(app, store):
    for n in range(100):
        request, key = stored_request(n)
        await insert_with_open_key(store, request, key)
    await app.state.services.calendar.all()  # warm: every page measured reads it from memory


async def round_trips_of_page(gql, store, token: str, first: int) -> tuple[int, list[dict]]:
    before = store.round_trips.count
    data = await gql.data(CHANGE_REQUESTS_IN_FULL, {"first": first}, token)
    return store.round_trips.count - before, [e["node"] for e in data["changeRequests"]["edges"]]


@pytest.mark.parametrize("driver", ["in-memory", "suspending"])
@pytest.mark.parametrize("viewer", ["reviewer", "mesa"])
async def test_round_trips_of_a_page_do_not_grow_with_its_size(
    gql, tokens, store, monkeypatch, hundred_requests, driver, viewer
):
    """'suspending' makes every store call suspend as a network driver does, so that the
    fields of the page's objects resolve concurrently, as they do on a real MongoDB."""
    if driver == "suspending":
        yield_on_every_store_call(store, monkeypatch)
    token = getattr(tokens, viewer)

    small, small_page = await round_trips_of_page(gql, store, token, 10)
    large, large_page = await round_trips_of_page(gql, store, token, 100)

    assert len(small_page) == 10
    assert len(large_page) == (100 if viewer == "reviewer" else 60)  # Mesa: 3 kinds of 5
    assert large == small, f"{small} round trips for 10 requests, {large} for 100"
    assert small < 15, "about one query per kind of object, not one per object"
    assert_every_kind_of_field_was_resolved(large_page, viewer)


def assert_every_kind_of_field_was_resolved(page: list[dict], viewer: str) -> None:
    """The page really exercised every relation: a count of 0 fields proves nothing."""
    by_suid = {node["student"]["suid"]: node for node in page}
    diego = by_suid[DIEGO]
    assert len(diego["retiredSuidRecords"]) == 1  # at Tucson High, shown with the request
    assert diego["record"]["courses"] and diego["school"]["lea"]["entityId"] == MESA
    assert by_suid[AALIYAH]["retiredSuidRecords"][0]["school"]["entityId"] == MOUNTAIN_VIEW
    assert by_suid[ANDREW]["record"] is None
    assert by_suid[AALIYAH]["advisories"]
    assert all(node["history"][0]["actor"]["id"] == "lea-user" for node in page)
    assert all(node["program"]["courses"] and node["course"]["name"] for node in page)
    if viewer == "reviewer":
        tucson = by_suid[ANGEL]
        assert tucson["impact"]["after"]["placementSurveyEligible"] is True
        assert by_suid[RYAN]["rejectionReason"] == "NOT_NECESSARY"


async def test_participant_records_reads_the_school_once(gql, tokens, store, app):
    """The school read for the visibility check serves the records' `school` field too."""
    query = f"""query($with: Boolean!) {{
      participantRecords(suid: "{ANA}", schoolEntityId: {RED_MOUNTAIN}) {{
        id school @include(if: $with) {{ name ctds }} }} }}"""

    async def trips(with_school: bool) -> int:
        before = store.round_trips.count
        await gql.data(query, {"with": with_school}, tokens.mesa)
        return store.round_trips.count - before

    await app.state.services.calendar.all()  # warm, as for every operation after the first
    assert await trips(True) == await trips(False)

"""Database round trips of a page of change requests or P/C records: the root resolver reads
what the selection needs in one gather (resolvers/prefetch.py), one query per kind, so the
count does not grow with the page size, and the relation fields find their values loaded."""

import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import strawberry.dataloader
from graphql import OperationDefinitionNode, parse, print_ast

import schema.maybe
import server.logging
from domain.access import EVERYTHING
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
from server.web import BUNDLE, MANIFEST
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
from tests.documents import (
    CHANGE_REQUEST_IN_FULL,
    CHANGE_REQUESTS_IN_FULL,
    PARTICIPANT_RECORDS_IN_FULL,
    PLACEMENT_SURVEY_LIST_IN_FULL,
    RECORD_FIELDS_IN_FULL,
    REQUEST_FIELDS_IN_FULL,
)
from tests.raw_requests import insert_with_open_key
from tests.sample import (
    AALIYAH,
    AALIYAH_RETIRED,
    ANA,
    ANDREW,
    ANGEL,
    DESERT_SKY,
    DIEGO,
    DIEGO_RETIRED,
    JAYLEN,
    RYAN,
)

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


def requests_in_detail() -> str:
    """A page of change requests with, on every node, what the web app's request page selects
    (the changeRequest field of its RequestDetail query, with its fragments)."""
    [text] = [t for t in MANIFEST_DOCUMENTS.values() if "query RequestDetail(" in t]
    document = parse(text)
    [operation] = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    [field] = [f for f in operation.selection_set.selections if f.name.value == "changeRequest"]
    fragments = [print_ast(d) for d in document.definitions if d is not operation]
    return "\n".join(
        [
            "query Page($first: Int) { changeRequests(first: $first) { totalCount",
            f"edges {{ node {print_ast(field.selection_set)} }} }} }}",
            *fragments,
        ]
    )


MANIFEST_DOCUMENTS = json.loads((Path(BUNDLE) / MANIFEST).read_text())
REQUESTS_IN_DETAIL = requests_in_detail()
PAGE_SIZES = (1, 10, 25, 100)


@pytest.fixture
def operation_trips(monkeypatch) -> list[int]:
    """The round trips of each operation, as its log line counts them: those the operation
    made (the store's own count holds the event feed's polls too, which run meanwhile)."""
    trips: list[int] = []
    log_operation = server.logging.log_operation

    def logged(*args, **kwargs):
        trips.append(kwargs.get("round_trips", 0))
        return log_operation(*args, **kwargs)

    monkeypatch.setattr(server.logging, "log_operation", logged)
    return trips


@pytest.fixture
def loader_batches(monkeypatch) -> list:
    """The DataLoaders that dispatch a batch, one entry a batch."""
    batches: list = []
    dispatch = strawberry.dataloader.dispatch

    def counted(loader, batch):
        batches.append(loader)
        return dispatch(loader, batch)

    monkeypatch.setattr(strawberry.dataloader, "dispatch", counted)
    return batches


@pytest.fixture
def awaited_fields(monkeypatch) -> list:
    """The relation fields that did not find their value loaded and returned an awaitable."""
    awaited: list = []
    later = schema.maybe._later

    def counted(value, use):
        awaited.append(use)
        return later(value, use)

    monkeypatch.setattr(schema.maybe, "_later", counted)
    return awaited


async def pages(gql, token: str, document: str) -> list[list[dict]]:
    """The first page of every size of PAGE_SIZES."""
    found = []
    for first in PAGE_SIZES:
        data = await gql.data(document, {"first": first}, token)
        found.append([edge["node"] for edge in data["changeRequests"]["edges"]])
    return found


@pytest.mark.parametrize("document", ["in full", "request page"])
@pytest.mark.parametrize("driver", ["in-memory", "suspending"])
@pytest.mark.parametrize("viewer", ["reviewer", "mesa"])
async def test_round_trips_of_a_page_are_the_same_for_every_page_size(
    gql, tokens, store, monkeypatch, hundred_requests, operation_trips, document, driver, viewer
):
    """'suspending' makes every store call suspend as a network driver does, so that the
    fields of the page's objects resolve concurrently, as they do on a real MongoDB. "request
    page" selects on every request of the page what the web app's request page does."""
    if driver == "suspending":
        yield_on_every_store_call(store, monkeypatch)
    query = CHANGE_REQUESTS_IN_FULL if document == "in full" else REQUESTS_IN_DETAIL

    found = await pages(gql, getattr(tokens, viewer), query)

    largest = 100 if viewer == "reviewer" else 60  # Mesa: 3 kinds of 5
    assert [len(page) for page in found] == [1, 10, 25, largest]
    assert len(set(operation_trips)) == 1, dict(zip(PAGE_SIZES, operation_trips, strict=True))
    # The page and its count, then one read of each kind in one gather, and one more for the
    # retired-SUID records' student, school and LEA (an LEA user's students take two).
    assert operation_trips[0] <= 12
    if document == "in full":
        assert_every_kind_of_field_was_resolved(found[-1], viewer)


@pytest.mark.parametrize("viewer", ["reviewer", "mesa"])
async def test_a_page_finds_what_its_fields_read_loaded(
    gql, tokens, hundred_requests, loader_batches, awaited_fields, viewer
):
    """The root resolver prefetches what the selection reads: no field waits for a DataLoader
    batch, and every relation field returns its value at once."""
    data = await gql.data(CHANGE_REQUESTS_IN_FULL, {"first": 100}, getattr(tokens, viewer))

    assert loader_batches == [] and awaited_fields == []
    assert_every_kind_of_field_was_resolved(
        [edge["node"] for edge in data["changeRequests"]["edges"]], viewer
    )


async def test_a_relation_the_prefetch_does_not_cover_is_still_loaded(
    gql, tokens, hundred_requests, loader_batches
):
    """A history event's request is a request the selection reaches deeper than the page's
    nodes: its fields read through the DataLoaders (primed by the prefetch)."""
    query = """query($first: Int) { changeRequests(first: $first) { edges { node {
      history { changeRequest { student { suid } school { lea { name } } } } } } } }"""
    data = await gql.data(query, {"first": 10}, tokens.reviewer)

    nodes = [edge["node"] for edge in data["changeRequests"]["edges"]]
    assert all(e["changeRequest"]["student"]["suid"] for n in nodes for e in n["history"])
    assert loader_batches  # the fallback, not a prefetch: the page's nodes selected nothing


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


async def test_a_directive_decides_what_is_prefetched_at_every_request(
    gql, tokens, app, hundred_requests, operation_trips, loader_batches
):
    """The prefetch's reading of a selection is kept per document, except where a directive
    (here its variable) decides what is selected: the same document prefetches the students
    or not, request by request."""
    query = """query($with: Boolean!) { changeRequests(first: 10) { edges { node {
      id student @include(if: $with) { suid } } } } }"""
    await app.state.services.calendar.all()
    for with_student in (False, True, False, True):
        data = await gql.data(query, {"with": with_student}, tokens.reviewer)
        nodes = [edge["node"] for edge in data["changeRequests"]["edges"]]
        assert all(("student" in node) == with_student for node in nodes)
    assert loader_batches == []  # the students were prefetched whenever selected
    without, with_, *again = operation_trips
    assert without < with_ and again == [without, with_]


async def test_participant_records_reads_the_school_once(gql, tokens, app, operation_trips):
    """The school read for the visibility check serves the records' `school` field too."""
    query = f"""query($with: Boolean!) {{
      participantRecords(suid: "{ANA}", schoolEntityId: {RED_MOUNTAIN}) {{
        id school @include(if: $with) {{ name ctds }} }} }}"""

    await app.state.services.calendar.all()  # warm, as for every operation after the first
    for with_school in (True, False):
        await gql.data(query, {"with": with_school}, tokens.mesa)
    assert operation_trips[0] == operation_trips[1]


@pytest.mark.parametrize("driver", ["in-memory", "suspending"])
async def test_round_trips_of_participant_records_do_not_grow_with_the_records(
    gql, tokens, store, app, monkeypatch, operation_trips, loader_batches, awaited_fields, driver
):
    """Ana has one participant-year record at Red Mountain, Jaylen two (two programs): with
    every field selected they cost as many round trips, and the fields find what they read
    loaded."""
    if driver == "suspending":
        yield_on_every_store_call(store, monkeypatch)
    await app.state.services.calendar.all()
    found = []
    for suid in (ANA, JAYLEN):
        variables = {"suid": suid, "school": RED_MOUNTAIN}
        found.append(
            (await gql.data(PARTICIPANT_RECORDS_IN_FULL, variables, tokens.mesa))[
                "participantRecords"
            ]
        )

    assert [len(records) for records in found] == [1, 2]
    for suid, records in zip((ANA, JAYLEN), found, strict=True):
        assert all(r["student"]["suid"] == suid for r in records)
        assert all(r["school"]["lea"]["entityId"] == MESA for r in records)
        assert all(r["program"]["courses"] and r["courses"] for r in records)
    assert operation_trips[0] == operation_trips[1]
    assert loader_batches == [] and awaited_fields == []


async def test_the_other_root_fields_find_what_their_fields_read_loaded(
    gql, tokens, hundred_requests, loader_batches, awaited_fields
):
    """changeRequest, node and placementSurveyList prefetch as the pages do."""
    page = await gql.data(CHANGE_REQUESTS_IN_FULL, {"first": 5}, tokens.reviewer)
    request_id = page["changeRequests"]["edges"][0]["node"]["id"]
    record_id = page["changeRequests"]["edges"][0]["node"]["record"]["id"]
    node = "query($id: ID!) {{ node(id: $id) {{ id ... on {} {{ {} }} }} }}"

    request = await gql.data(CHANGE_REQUEST_IN_FULL, {"id": request_id}, tokens.reviewer)
    as_node = await gql.data(
        node.format("ChangeRequest", REQUEST_FIELDS_IN_FULL), {"id": request_id}, tokens.reviewer
    )
    record = await gql.data(
        node.format("ParticipantRecord", RECORD_FIELDS_IN_FULL), {"id": record_id}, tokens.reviewer
    )
    survey = await gql.data(PLACEMENT_SURVEY_LIST_IN_FULL, {"fiscalYear": 2025}, tokens.reviewer)

    assert request["changeRequest"] == as_node["node"]
    assert request["changeRequest"]["school"]["lea"]["name"]
    assert record["node"]["school"]["lea"]["name"] and record["node"]["student"]["suid"]
    assert survey["placementSurveyList"]["edges"][0]["node"]["school"]["lea"]["name"]
    assert loader_batches == [] and awaited_fields == []


async def test_a_school_that_moved_to_another_lea_shows_the_lea_it_is_in_now(
    gql, tokens, store, hundred_requests, loader_batches
):
    """The prefetch reads a school's LEA by the id its request carries; a school moved to
    another LEA since shows the one it is in now, read by the field."""
    [red_mountain] = (await store.reference.schools(EVERYTHING, [RED_MOUNTAIN])).values()
    moved = red_mountain.model_copy(update={"lea_entity_id": DESERT_SKY})  # no request's LEA
    await store.reference.upsert([moved])
    query = """query($first: Int) { changeRequests(first: $first) { edges { node {
      school { entityId lea { entityId } } } } } }"""

    data = await gql.data(query, {"first": 100}, tokens.reviewer)

    schools = [edge["node"]["school"] for edge in data["changeRequests"]["edges"]]
    assert {s["lea"]["entityId"] for s in schools if s["entityId"] == RED_MOUNTAIN} == {DESERT_SKY}
    assert {s["lea"]["entityId"] for s in schools if s["entityId"] == MOUNTAIN_VIEW} == {MESA}
    assert len(loader_batches) == 1  # the moved school's LEA, the only one not prefetched

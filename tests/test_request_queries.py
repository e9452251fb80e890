"""The request queries through the real app: changeRequest and node by id, the
changeRequests connection (order, keyset pagination, the cap, every filter, LEA visibility)
and placementSurveyList; and the indexes behind them."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from bson import ObjectId

from domain.change_requests.model import ChangeRequest, InsertCreditsReason, RejectionReason
from domain.change_requests.transitions import Action
from domain.change_requests.validation import SubmissionInput
from domain.fiscal import ARIZONA
from domain.models import Role, Viewer
from schema.ids import to_global_id
from tests.conftest import (
    DESERT_SKY,
    EVIT,
    EVIT_MAIN,
    MESA,
    MOUNTAIN_VIEW,
    RED_MOUNTAIN,
    TUCSON,
    TUCSON_HIGH,
    error_codes,
    make_token,
)
from tests.documents import (
    ACCESS_LOG,
    APPROVE,
    CHANGE_REQUEST,
    CHANGE_REQUESTS,
    NODE,
    PLACEMENT_SURVEY_LIST,
)
from tests.domain_calls import review
from tests.request_support import acted, advance, submitted
from tests.sample import (
    ANGEL,
    CHRISTOPHER,
    EMILY,
    GABRIEL,
    GAVIN,
    NATALIE,
    RENATA,
    WESTWOOD,
    XIMENA,
)
from tests.sample_store import build_once

STAFF = Viewer(id="reviewer-1", name="Riley Reviewer", role=Role.REVIEWER)
ANYWHERE = Viewer(
    id="lea-all",
    name="Statewide Tester",
    role=Role.LEA_USER,
    lea_ids=frozenset({MESA, TUCSON, DESERT_SKY, EVIT}),
)


# --- creating many requests quickly, through the service ---------------------------------


@dataclass(frozen=True)
class Target:
    suid: str
    school: int
    program: str
    course: str


async def targets(app) -> list[Target]:
    """Every (student, school, program, course) that accepts a request in FY2026, with the
    schools taking turns so that a short prefix spans every LEA."""
    db = app.state.services.store.db
    programs = {p["programNumber"]: p async for p in db.programs.find()}
    exited = {s["suid"] async for s in db.students.find({"exitedOn": {"$lt": "2025-07-01"}})}
    by_school: dict[int, list[Target]] = {}
    async for record in db.records.find({"fiscalYear": 2026}).sort("_id", 1):
        if record["suid"] in exited or not programs[record["programNumber"]]["onApprovedList"]:
            continue
        for course in programs[record["programNumber"]]["courses"]:
            by_school.setdefault(record["schoolEntityId"], []).append(
                Target(
                    record["suid"],
                    record["schoolEntityId"],
                    record["programNumber"],
                    course["courseNumber"],
                )
            )
    turns = list(by_school.values())
    return [
        t for i in range(max(map(len, turns))) for turn in turns if i < len(turn) for t in [turn[i]]
    ]


async def bulk_submit(
    app, clock, count: int, *, step: float = 1.0, start: int = 0
) -> list[ChangeRequest]:
    """`count` requests on distinct targets, the clock moving `step` seconds between them."""
    service = app.state.services.submissions
    created = []
    for target in (await targets(app))[start : start + count]:
        created.append(
            await service.submit(
                ANYWHERE,
                SubmissionInput(
                    suid=target.suid,
                    school_entity_id=target.school,
                    program_number=target.program,
                    course_number=target.course,
                    credits=Decimal("0.5"),
                    grade_level=11,
                    reason=InsertCreditsReason.OTHER,
                    retired_suid=None,
                    justification="Bulk request for paging tests.",
                ),
            )
        )
        advance(clock, step)
    assert len(created) == count
    return created


def gid(request: ChangeRequest) -> str:
    return to_global_id("ChangeRequest", request.id)


def newest_first(requests: list[ChangeRequest]) -> list[str]:
    ordered = sorted(requests, key=lambda r: (r.submitted_at, r.id), reverse=True)
    return [gid(r) for r in ordered]


async def page(gql, token, filter=None, first=None, after=None, order=None) -> dict:
    variables = {"filter": filter, "after": after}
    if first is not None:
        variables["first"] = first
    if order is not None:
        variables["order"] = order
    return (await gql.data(CHANGE_REQUESTS, variables, token))["changeRequests"]


def ids(connection: dict) -> list[str]:
    return [edge["node"]["id"] for edge in connection["edges"]]


async def walk(gql, token, first: int, filter=None, between=None, order=None) -> list[str]:
    """Every id of the connection, page by page; `between` runs between pages."""
    seen, after = [], None
    while True:
        connection = await page(gql, token, filter, first, after, order)
        seen += ids(connection)
        if not connection["pageInfo"]["hasNextPage"]:
            assert connection["pageInfo"]["endCursor"] == (
                connection["edges"][-1]["cursor"] if connection["edges"] else None
            )
            return seen
        after = connection["pageInfo"]["endCursor"]
        assert after == connection["edges"][-1]["cursor"]
        if between is not None:
            await between()


# --- one request by id --------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, visible",
    [("mesa", True), ("reviewer", True), ("admin", True), ("tucson", False), ("evit", False)],
)
async def test_change_request_by_id_is_visible_to_its_lea_and_staff(gql, tokens, who, visible):
    request = await submitted(gql, tokens.mesa)
    found = await gql.data(CHANGE_REQUEST, {"id": request["id"]}, getattr(tokens, who))
    assert found["changeRequest"] == (request if visible else None)
    node = (await gql.data(NODE, {"id": request["id"]}, getattr(tokens, who)))["node"]
    if visible:
        assert node == {
            "__typename": "ChangeRequest",
            "id": request["id"],
            "status": "PENDING_REVIEW",
            "version": 1,
            "student": {"suid": request["student"]["suid"]},
        }
    else:
        assert node is None


async def test_a_user_of_two_leas_sees_the_requests_of_both(gql, tokens):
    mesa_request = await submitted(gql, tokens.mesa)
    evit_request = await submitted(
        gql,
        tokens.evit,
        suid=GAVIN,
        schoolEntityId=EVIT_MAIN,
        programNumber="15.0400",
        courseNumber="15040010",
    )
    both = make_token(Role.LEA_USER, "lea-both", "Two LEAs", (MESA, EVIT))
    for request in (mesa_request, evit_request):
        found = await gql.data(CHANGE_REQUEST, {"id": request["id"]}, both)
        assert found["changeRequest"]["id"] == request["id"]
    assert sorted(ids(await page(gql, both))) == sorted([mesa_request["id"], evit_request["id"]])


async def test_ids_that_name_no_visible_request_read_as_null(gql, app, tokens):
    await submitted(gql, tokens.mesa)
    record = await app.state.services.store.db.records.find_one()
    for garbage in [
        "garbage",
        "",
        "%%%",
        to_global_id("ChangeRequest", "xyz"),
        to_global_id("ChangeRequest", str(ObjectId())),
        to_global_id("Nothing", str(ObjectId())),
    ]:
        for query, name in ((CHANGE_REQUEST, "changeRequest"), (NODE, "node")):
            assert (await gql.data(query, {"id": garbage}, tokens.reviewer))[name] is None
    record_id = to_global_id("ParticipantRecord", str(record["_id"]))
    found = await gql.data(CHANGE_REQUEST, {"id": record_id}, tokens.reviewer)
    assert found["changeRequest"] is None


# --- order and pagination ---------------------------------------------------------------


async def test_requests_come_newest_first(gql, app, tokens, clock):
    created = await bulk_submit(app, clock, 6)
    connection = await page(gql, tokens.reviewer)
    assert ids(connection) == [gid(r) for r in reversed(created)]
    times = [e["node"]["submittedAt"] for e in connection["edges"]]
    assert times == sorted(times, reverse=True) and len(set(times)) == 6
    assert connection["totalCount"] == 6
    assert connection["pageInfo"]["hasNextPage"] is False


async def test_pages_stay_stable_while_requests_are_added(gql, app, tokens, clock):
    created = await bulk_submit(app, clock, 10)
    added: list[ChangeRequest] = []

    async def more_requests():
        added.extend(await bulk_submit(app, clock, 2, start=10 + len(added)))

    seen = await walk(gql, tokens.reviewer, 3, between=more_requests)
    assert seen == newest_first(created)
    assert len(added) == 6  # three gaps between four pages
    connection = await page(gql, tokens.reviewer, first=100)
    assert ids(connection) == newest_first(created + added)
    assert connection["totalCount"] == 16


async def test_requests_submitted_at_the_same_moment_page_by_id(gql, app, tokens, clock):
    earlier = await bulk_submit(app, clock, 2)
    same_moment = await bulk_submit(app, clock, 7, step=0, start=2)
    advance(clock)
    later = await bulk_submit(app, clock, 2, start=9)
    assert len({r.submitted_at for r in same_moment}) == 1
    everything = earlier + same_moment + later
    for first in (1, 2, 3, 4):
        assert await walk(gql, tokens.reviewer, first) == newest_first(everything)


async def test_oldest_first_pages_forward_in_submission_order(gql, app, tokens, clock):
    earlier = await bulk_submit(app, clock, 2)
    same_moment = await bulk_submit(app, clock, 5, step=0, start=2)
    advance(clock)
    later = await bulk_submit(app, clock, 2, start=7)
    oldest_first = newest_first(earlier + same_moment + later)[::-1]
    for first in (1, 2, 3):
        assert await walk(gql, tokens.reviewer, first, order="OLDEST_FIRST") == oldest_first
    connection = await page(gql, tokens.reviewer, order="OLDEST_FIRST")
    assert ids(connection) == oldest_first and connection["totalCount"] == 9


async def test_a_queue_walked_oldest_first_ends_with_the_requests_added_meanwhile(
    gql, app, tokens, clock
):
    created = await bulk_submit(app, clock, 6)
    added: list[ChangeRequest] = []

    async def more_requests():
        added.extend(await bulk_submit(app, clock, 1, start=6 + len(added)))

    seen = await walk(gql, tokens.reviewer, 2, between=more_requests, order="OLDEST_FIRST")
    # Keyset pages never repeat or skip one: what was added while walking comes last.
    assert seen == newest_first(created + added)[::-1]
    assert len(added) >= 2 and len(set(seen)) == len(seen)


async def test_first_may_be_100(gql, app, tokens, clock):
    created = await bulk_submit(app, clock, 110)
    connection = await page(gql, tokens.reviewer, first=100)
    assert len(connection["edges"]) == 100
    assert connection["pageInfo"]["hasNextPage"] is True
    assert connection["totalCount"] == 110
    rest = await page(gql, tokens.reviewer, first=100, after=connection["pageInfo"]["endCursor"])
    assert (len(rest["edges"]), rest["pageInfo"]["hasNextPage"]) == (10, False)
    assert ids(connection) + ids(rest) == newest_first(created)


# Every connection of the schema, with a viewer who may read it.
CONNECTIONS = [
    (CHANGE_REQUESTS, "reviewer"),
    (PLACEMENT_SURVEY_LIST, "reviewer"),
    (ACCESS_LOG, "admin"),
]


@pytest.mark.parametrize(("document", "viewer"), CONNECTIONS)
@pytest.mark.parametrize("first", [101, 5000])
async def test_first_above_100_is_an_error_on_every_connection(
    gql, app, tokens, clock, document, viewer, first
):
    await bulk_submit(app, clock, 2)
    body = await gql.post(document, {"first": first}, getattr(tokens, viewer))
    assert body["data"] is None
    assert error_codes(body) == ["INVALID_VALUE"]
    assert "0 to 100" in body["errors"][0]["message"]


async def test_page_info_tells_where_a_page_starts(gql, app, tokens, clock):
    created = newest_first(await bulk_submit(app, clock, 5))
    first = await page(gql, tokens.reviewer, first=2)
    assert first["pageInfo"]["hasPreviousPage"] is False
    assert first["pageInfo"]["startCursor"] == first["edges"][0]["cursor"]
    second = await page(gql, tokens.reviewer, first=2, after=first["pageInfo"]["endCursor"])
    assert second["pageInfo"]["hasPreviousPage"] is True
    assert second["pageInfo"]["startCursor"] == second["edges"][0]["cursor"]
    assert ids(second) == created[2:4]
    empty = await page(gql, tokens.reviewer, first=0)
    assert (empty["pageInfo"]["startCursor"], empty["pageInfo"]["endCursor"]) == (None, None)


async def test_an_empty_after_means_the_first_page(gql, app, tokens, clock):
    created = newest_first(await bulk_submit(app, clock, 3))
    connection = await page(gql, tokens.reviewer, first=2, after="")
    assert ids(connection) == created[:2]
    assert connection["pageInfo"]["hasPreviousPage"] is False
    records = await placement(gql, tokens.reviewer, first=2, after="")
    assert records["pageInfo"]["hasPreviousPage"] is False
    await gql.data(CHANGE_REQUEST, {"id": created[0]}, tokens.reviewer)  # an audited read
    log = (await gql.data(ACCESS_LOG, {"first": 1}, tokens.admin))["accessLog"]
    assert len(log["edges"]) == 1
    same = (await gql.data(ACCESS_LOG, {"first": 1, "after": ""}, tokens.admin))["accessLog"]
    assert same == log and log["pageInfo"]["hasPreviousPage"] is False


async def test_the_default_page_is_25(gql, app, tokens, clock):
    await bulk_submit(app, clock, 30)
    connection = await page(gql, tokens.reviewer)
    assert (len(connection["edges"]), connection["pageInfo"]["hasNextPage"]) == (25, True)


async def test_first_zero_gives_only_the_count(gql, app, tokens, clock):
    await bulk_submit(app, clock, 3)
    connection = await page(gql, tokens.reviewer, first=0)
    assert (connection["edges"], connection["totalCount"]) == ([], 3)


@pytest.mark.parametrize("first", [-1, -100])
async def test_a_negative_first_is_an_error(gql, app, tokens, clock, first):
    await bulk_submit(app, clock, 2)
    body = await gql.post(CHANGE_REQUESTS, {"first": first}, tokens.reviewer)
    assert body["data"] is None
    assert error_codes(body) == ["INVALID_VALUE"]


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


BAD_CURSORS = [
    "garbage",
    "!!!!",
    _b64("nothing"),
    _b64("2026-11-28T19:00:00+00:00|xyz"),
    _b64(f"yesterday|{ObjectId()}"),
    _b64(f"2026-11-28T19:00:00|{ObjectId()}"),
    _b64(f"2026-11-28T19:00:00+00:00|{ObjectId()}0"),
    _b64(str(ObjectId())),
    base64.urlsafe_b64encode(b"\xff\xfe|\x00").decode(),
    # int(x, 16) would take these; they are not ObjectIds
    _b64("2026-11-28T19:00:00+00:00|+0000000000000000000000a"),
    _b64("2026-11-28T19:00:00+00:00|0_000000000000000000000a"),
]


@pytest.mark.parametrize("cursor", BAD_CURSORS)
async def test_a_bad_cursor_is_an_error(gql, app, tokens, clock, cursor):
    await bulk_submit(app, clock, 2)
    body = await gql.post(CHANGE_REQUESTS, {"after": cursor}, tokens.reviewer)
    assert body["data"] is None
    assert error_codes(body) == ["INVALID_VALUE"]


# --- filters ----------------------------------------------------------------------------


@dataclass
class DataSet:
    requests: list[ChangeRequest]

    def expected(self, keep) -> list[str]:
        return newest_first([r for r in self.requests if keep(r)])


@pytest.fixture
async def data_set(app, clock) -> DataSet:
    """Requests across every LEA, in every status, and one of FY2025 (Christopher Lee's
    record at EVIT, the only one he has). Made once per session (tests/sample_store.py):
    later tests get a copy of the requests, and the clock where the first one left it."""
    data, clock.now = await build_once(
        "request_queries", app.state.services.store, lambda: _make_data_set(app, clock)
    )
    return data


async def _make_data_set(app, clock) -> tuple[DataSet, datetime]:
    service = app.state.services.submissions
    clock.now = datetime(2025, 9, 1, 19, 0, tzinfo=UTC)  # participant FY2025
    fy2025 = await service.submit(
        ANYWHERE,
        SubmissionInput(
            suid=CHRISTOPHER,
            school_entity_id=EVIT_MAIN,
            program_number="12.0500",
            course_number="12050020",
            credits=Decimal("1"),
            grade_level=10,
            reason=InsertCreditsReason.IN_STATE_TRANSFER_UNREPORTED,
            retired_suid=None,
            justification="Unreported credit from FY2025.",
        ),
    )
    clock.now = datetime(2026, 11, 28, 19, 0, tzinfo=UTC)
    created = await bulk_submit(app, clock, 15)
    lea = Viewer(
        id="lea-all", name="Statewide Tester", role=Role.LEA_USER, lea_ids=ANYWHERE.lea_ids
    )
    services = app.state.services
    more = Action.REQUEST_MORE_INFORMATION
    await review(services, STAFF, more, created[1].id, comment="Which school?")
    await review(services, STAFF, more, created[2].id, comment="Which school?")
    for rejected in created[2:4]:
        reason = RejectionReason.OTHER
        await review(
            services, STAFF, Action.REJECT, rejected.id, comment="No.", rejection_reason=reason
        )
    await review(services, lea, Action.WITHDRAW, created[4].id)
    await review(services, STAFF, Action.APPROVE, created[5].id)
    everything = [fy2025, *created]
    latest = [(await services.requests.get(STAFF, r.id)) for r in everything]
    assert {r.status for r in latest} == {
        "PENDING_REVIEW",
        "MORE_INFORMATION_REQUESTED",
        "REJECTED",
        "WITHDRAWN",
        "APPROVED",
    }
    assert {r.lea_entity_id for r in latest} == {MESA, TUCSON, DESERT_SKY, EVIT}
    return DataSet(latest), clock.now


def at(request: ChangeRequest, seconds: float = 0) -> str:
    return (request.submitted_at + timedelta(seconds=seconds)).isoformat()


FILTERS = {
    "pending": ({"status": ["PENDING_REVIEW"]}, lambda r, s: r.status == "PENDING_REVIEW"),
    "decided": (
        {"status": ["APPROVED", "REJECTED"]},
        lambda r, s: r.status in ("APPROVED", "REJECTED"),
    ),
    "not pending": (
        {"status": ["MORE_INFORMATION_REQUESTED", "WITHDRAWN"]},
        lambda r, s: r.status in ("MORE_INFORMATION_REQUESTED", "WITHDRAWN"),
    ),
    "red mountain": (
        {"schoolEntityId": RED_MOUNTAIN},
        lambda r, s: r.school_entity_id == RED_MOUNTAIN,
    ),
    "tucson high": (
        {"schoolEntityId": TUCSON_HIGH},
        lambda r, s: r.school_entity_id == TUCSON_HIGH,
    ),
    "mesa": ({"leaEntityId": MESA}, lambda r, s: r.lea_entity_id == MESA),
    "evit": ({"leaEntityId": EVIT}, lambda r, s: r.lea_entity_id == EVIT),
    "fy2025": ({"fiscalYear": 2025}, lambda r, s: r.fiscal_year == 2025),
    "fy2026": ({"fiscalYear": 2026}, lambda r, s: r.fiscal_year == 2026),
    "fy2024": ({"fiscalYear": 2024}, lambda r, s: False),
    "mesa pending": (
        {"leaEntityId": MESA, "status": ["PENDING_REVIEW"]},
        lambda r, s: r.lea_entity_id == MESA and r.status == "PENDING_REVIEW",
    ),
}


@pytest.mark.parametrize("name", FILTERS)
async def test_each_filter_selects_its_requests(gql, tokens, data_set, name):
    given, keep = FILTERS[name]
    expected = data_set.expected(lambda r: keep(r, data_set))
    if name != "fy2024":
        assert 0 < len(expected) < len(data_set.requests), "the data set must split"
    connection = await page(gql, tokens.reviewer, given, first=100)
    assert ids(connection) == expected
    assert connection["totalCount"] == len(expected)


async def test_the_suid_filter(gql, tokens, data_set):
    suid = data_set.requests[3].suid
    expected = data_set.expected(lambda r: r.suid == suid)
    connection = await page(gql, tokens.reviewer, {"suid": suid})
    assert ids(connection) == expected and connection["totalCount"] == len(expected) > 0
    assert (await page(gql, tokens.reviewer, {"suid": "1009999999"}))["totalCount"] == 0


async def test_submitted_after_and_before_are_exclusive_bounds(gql, tokens, data_set):
    by_time = sorted(data_set.requests, key=lambda r: r.submitted_at)
    low, high = by_time[4], by_time[10]
    cases = [
        ({"submittedAfter": at(low)}, lambda r: r.submitted_at > low.submitted_at),
        ({"submittedBefore": at(high)}, lambda r: r.submitted_at < high.submitted_at),
        (
            {"submittedAfter": at(low), "submittedBefore": at(high)},
            lambda r: low.submitted_at < r.submitted_at < high.submitted_at,
        ),
        (
            {"submittedAfter": at(low, -0.5), "submittedBefore": at(low, 0.5)},
            lambda r: r.id == low.id,
        ),
        # the same instant in Arizona time: bounds compare instants, not wall clocks
        (
            {"submittedAfter": low.submitted_at.astimezone(ARIZONA).isoformat()},
            lambda r: r.submitted_at > low.submitted_at,
        ),
    ]
    for given, keep in cases:
        expected = data_set.expected(keep)
        connection = await page(gql, tokens.reviewer, given, first=100)
        assert ids(connection) == expected, given
        assert connection["totalCount"] == len(expected)


async def test_filters_and_pagination_combine(gql, tokens, data_set):
    given = {"status": ["PENDING_REVIEW", "MORE_INFORMATION_REQUESTED"], "fiscalYear": 2026}
    expected = data_set.expected(lambda r: r.status in given["status"] and r.fiscal_year == 2026)
    assert await walk(gql, tokens.reviewer, 2, given) == expected


# --- what LEA users see -------------------------------------------------------------------


@pytest.mark.parametrize("who, lea", [("mesa", MESA), ("tucson", TUCSON), ("evit", EVIT)])
async def test_lea_users_see_only_their_leas_requests(gql, tokens, data_set, who, lea):
    expected = data_set.expected(lambda r: r.lea_entity_id == lea)
    assert 0 < len(expected) < len(data_set.requests)
    connection = await page(gql, getattr(tokens, who), first=100)
    assert ids(connection) == expected
    assert connection["totalCount"] == len(expected)
    assert {e["node"]["school"]["lea"]["entityId"] for e in connection["edges"]} == {lea}


async def test_lea_users_may_filter_within_their_leas(gql, tokens, data_set):
    for given, keep in [
        ({"leaEntityId": MESA}, lambda r: r.lea_entity_id == MESA),
        ({"schoolEntityId": MOUNTAIN_VIEW}, lambda r: r.school_entity_id == MOUNTAIN_VIEW),
        (
            {"status": ["PENDING_REVIEW"]},
            lambda r: r.lea_entity_id == MESA and r.status == "PENDING_REVIEW",
        ),
    ]:
        expected = data_set.expected(keep)
        assert (ids(await page(gql, tokens.mesa, given, first=100))) == expected, given


async def test_an_lea_user_filtering_by_another_leas_student_sees_nothing(gql, tokens, data_set):
    tucson_suid = next(r.suid for r in data_set.requests if r.lea_entity_id == TUCSON)
    connection = await page(gql, tokens.mesa, {"suid": tucson_suid})
    assert (connection["edges"], connection["totalCount"]) == ([], 0)


@pytest.mark.parametrize(
    "given",
    [
        {"schoolEntityId": TUCSON_HIGH},
        {"schoolEntityId": 999999},
        {"leaEntityId": TUCSON},
        {"leaEntityId": 999999},
        {"leaEntityId": MESA, "schoolEntityId": EVIT_MAIN},
    ],
)
async def test_lea_users_asking_about_another_lea_are_forbidden(gql, tokens, data_set, given):
    body = await gql.post(CHANGE_REQUESTS, {"filter": given}, tokens.mesa)
    assert body["data"] is None
    assert error_codes(body) == ["FORBIDDEN"]


async def test_staff_filtering_by_an_unknown_school_get_an_empty_list(gql, tokens, data_set):
    connection = await page(gql, tokens.admin, {"schoolEntityId": 999999})
    assert (connection["edges"], connection["totalCount"]) == ([], 0)


# --- the indexes --------------------------------------------------------------------------


async def test_an_index_serves_each_filter_and_the_sort(app):
    info = await app.state.services.store.db.change_requests.index_information()
    keys = [
        tuple((name, int(direction)) for name, direction in index["key"]) for index in info.values()
    ]
    sort = (("submittedAt", -1), ("_id", -1))
    assert sort in keys
    for field in ("status", "schoolEntityId", "leaEntityId", "suid", "fiscalYear"):
        assert ((field, 1), *sort) in keys, field


# --- placementSurveyList --------------------------------------------------------------------

EMILY, XIMENA, NATALIE = EMILY, XIMENA, NATALIE
# Approving 0.5 in the second required course makes these placement-survey eligible.
TO_ELIGIBLE = [
    (GABRIEL, RED_MOUNTAIN, "12.0500", "12050020", "mesa"),
    (ANGEL, TUCSON_HIGH, "51.3900", "51390020", "tucson"),
    (RENATA, TUCSON_HIGH, "12.0500", "12050020", "tucson"),
]


async def placement(gql, token, **variables) -> dict:
    return (await gql.data(PLACEMENT_SURVEY_LIST, variables, token))["placementSurveyList"]


def suids(connection) -> list[str]:
    return [e["node"]["student"]["suid"] for e in connection["edges"]]


async def make_eligible(gql, tokens) -> None:
    for suid, school, program, course, who in TO_ELIGIBLE:
        request = await submitted(
            gql,
            getattr(tokens, who),
            suid=suid,
            schoolEntityId=school,
            programNumber=program,
            courseNumber=course,
        )
        await acted(gql, APPROVE, tokens.reviewer, id=request["id"])


async def test_placement_list_defaults_to_the_participant_year(gql, tokens):
    connection = await placement(gql, tokens.reviewer)
    assert sorted(suids(connection)) == sorted([EMILY, XIMENA])
    assert connection["totalCount"] == 2
    assert {e["node"]["fiscalYear"] for e in connection["edges"]} == {2026}
    assert all(e["node"]["status"]["placementSurveyEligible"] for e in connection["edges"])


async def test_placement_list_by_fiscal_year(gql, tokens):
    assert suids(await placement(gql, tokens.reviewer, fiscalYear=2025)) == [NATALIE]
    assert suids(await placement(gql, tokens.reviewer, fiscalYear=2024)) == []


async def test_placement_list_by_school(gql, tokens):
    assert suids(await placement(gql, tokens.admin, school=TUCSON_HIGH)) == [XIMENA]
    assert suids(await placement(gql, tokens.admin, school=999999)) == []


@pytest.mark.policy("P18")
async def test_an_approval_puts_a_student_on_the_placement_list_at_once(gql, tokens):
    await make_eligible(gql, tokens)
    connection = await placement(gql, tokens.reviewer)
    assert sorted(suids(connection)) == sorted([EMILY, XIMENA] + [t[0] for t in TO_ELIGIBLE])


async def test_placement_list_pages_by_keyset(gql, tokens):
    await make_eligible(gql, tokens)
    everything = await placement(gql, tokens.reviewer, first=100)
    assert everything["totalCount"] == 5
    seen, after, pages = [], None, 0
    while True:
        connection = await placement(gql, tokens.reviewer, first=2, after=after)
        pages += 1
        assert connection["totalCount"] == 5
        seen += [e["node"]["id"] for e in connection["edges"]]
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
        assert after == connection["edges"][-1]["cursor"]
    assert pages == 3
    assert seen == [e["node"]["id"] for e in everything["edges"]]
    assert len(set(seen)) == 5


@pytest.mark.parametrize(
    "who, lea_schools",
    [("mesa", {RED_MOUNTAIN, MOUNTAIN_VIEW, WESTWOOD}), ("tucson", {TUCSON_HIGH}), ("evit", set())],
)
async def test_lea_users_see_only_their_schools_on_the_placement_list(
    gql, tokens, who, lea_schools
):
    await make_eligible(gql, tokens)
    staff = await placement(gql, tokens.reviewer, first=100)
    expected = [
        e["node"]["id"] for e in staff["edges"] if e["node"]["school"]["entityId"] in lea_schools
    ]
    connection = await placement(gql, getattr(tokens, who), first=100)
    assert [e["node"]["id"] for e in connection["edges"]] == expected
    assert connection["totalCount"] == len(expected)


@pytest.mark.parametrize("who, expected", [("mesa", [NATALIE]), ("tucson", []), ("evit", [])])
async def test_lea_users_placement_list_of_another_year(gql, tokens, who, expected):
    """Natalie Reyes (Westwood, Mesa) is on the FY2025 list only."""
    assert suids(await placement(gql, getattr(tokens, who), fiscalYear=2025)) == expected


@pytest.mark.parametrize("school", [TUCSON_HIGH, EVIT_MAIN, 999999])
async def test_lea_users_asking_for_another_leas_placement_list_are_forbidden(gql, tokens, school):
    body = await gql.post(PLACEMENT_SURVEY_LIST, {"school": school}, tokens.mesa)
    assert body["data"] is None
    assert error_codes(body) == ["FORBIDDEN"]


@pytest.mark.parametrize(
    "variables, code",
    [
        ({"first": -1}, "INVALID_VALUE"),
        ({"after": "garbage"}, "INVALID_VALUE"),
        ({"after": _b64("not-an-id")}, "INVALID_VALUE"),
    ],
)
async def test_placement_list_refuses_bad_paging(gql, tokens, variables, code):
    body = await gql.post(PLACEMENT_SURVEY_LIST, variables, tokens.reviewer)
    assert body["data"] is None
    assert error_codes(body) == [code]

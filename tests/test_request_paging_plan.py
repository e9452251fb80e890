"""What the changeRequests connection asks MongoDB: the keyset `after` query carries an index
bound on submittedAt beside its $or, and a count with no condition at all is the collection's
own count, while any condition (an LEA's scope, the open queue) is counted on its index. The
mock has no explain: these tests check the filters sent, the README says why they are
index-bounded on a real MongoDB, and the results are checked against what each viewer sees."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bson import ObjectId

from domain.access import scope_of
from domain.change_requests.model import OPEN_STATUSES, RequestFilter
from domain.models import Role, Viewer
from domain.repository.requests import after_keyset
from tests.approval_support import approved, submit
from tests.conftest import MESA, RED_MOUNTAIN, TUCSON, TUCSON_HIGH
from tests.documents import CHANGE_REQUESTS
from tests.sample import C1, C2, CULINARY, ISABEL, MATEO

AT = datetime(2026, 11, 28, 17, 0, tzinfo=UTC)
LAST = str(ObjectId())
TIES = [{"submittedAt": {"$lt": AT}}, {"submittedAt": AT, "_id": {"$lt": ObjectId(LAST)}}]


def test_the_keyset_puts_a_bound_on_submitted_at_beside_its_or():
    query = after_keyset({"status": {"$in": ["PENDING_REVIEW"]}}, AT, LAST)
    assert query == {
        "status": {"$in": ["PENDING_REVIEW"]},
        "submittedAt": {"$lte": AT},
        "$or": TIES,
    }


def test_the_bound_joins_a_submitted_window_of_the_filter():
    window = {"$gt": datetime(2026, 1, 1, tzinfo=UTC), "$lt": datetime(2026, 12, 1, tzinfo=UTC)}
    query = after_keyset({"submittedAt": dict(window)}, AT, LAST)
    assert query == {"submittedAt": {**window, "$lte": AT}, "$or": TIES}


def spy(monkeypatch, store, method: str) -> list[dict]:
    """The filters the requests collection's `method` receives (calls still go through)."""
    collection = store.requests._requests
    real, calls = getattr(collection, method), []

    def recording(*args, **kwargs):
        calls.append(args[0] if args else {})
        return real(*args, **kwargs)

    monkeypatch.setattr(collection, method, recording)
    return calls


async def page(gql, token, **variables) -> dict:
    return (await gql.data(CHANGE_REQUESTS, variables, token))["changeRequests"]


@pytest.fixture
async def requests(app, gql, tokens):
    """Three Mesa requests (one approved) and one of Tucson."""
    mine = [
        await submit(gql, tokens.mesa, suid=MATEO, school=RED_MOUNTAIN, program=CULINARY,
                     course=course, credits="0.5")
        for course in (C1, C2)
    ]  # fmt: skip
    await approved(gql, tokens.reviewer, mine[0]["id"])
    await submit(gql, tokens.tucson, suid=ISABEL, school=TUCSON_HIGH, program=CULINARY,
                 course=C1, credits="0.5")  # fmt: skip


async def test_the_next_page_sends_the_bounded_keyset(gql, tokens, store, requests, monkeypatch):
    first = await page(gql, tokens.reviewer, first=1)
    finds = spy(monkeypatch, store, "find")
    second = await page(gql, tokens.reviewer, first=1, after=first["pageInfo"]["endCursor"])
    [sent] = [f for f in finds if "$or" in f]
    assert set(sent["submittedAt"]) == {"$lte"} and len(sent["$or"]) == 2
    assert second["edges"][0]["node"]["id"] != first["edges"][0]["node"]["id"]


async def test_staff_without_a_filter_get_the_collections_own_count(
    gql, tokens, store, requests, monkeypatch
):
    scans = spy(monkeypatch, store, "count_documents")
    estimates = spy(monkeypatch, store, "estimated_document_count")
    assert (await page(gql, tokens.reviewer))["totalCount"] == 3  # the approved one too
    assert (len(estimates), scans) == (1, [])


@pytest.mark.parametrize(
    "who, variables, total, condition",
    [
        # The reviewer's queue: open requests only, not the collection.
        ("reviewer", {"filter": {"status": list(OPEN_STATUSES)}}, 2, "status"),
        # An LEA user's "no filter" is their LEAs': the collection's count would tell them
        # how many requests other LEAs have.
        ("mesa", {}, 2, "leaEntityId"),
        ("tucson", {}, 1, "leaEntityId"),
    ],
)
async def test_any_condition_is_counted_not_estimated(
    gql, tokens, store, requests, monkeypatch, who, variables, total, condition
):
    scans = spy(monkeypatch, store, "count_documents")
    estimates = spy(monkeypatch, store, "estimated_document_count")
    assert (await page(gql, getattr(tokens, who), **variables))["totalCount"] == total
    assert estimates == [] and [condition in sent for sent in scans] == [True]


async def test_only_an_empty_query_uses_the_estimate(store, monkeypatch):
    """Straight at the repository: a scope of everything with a filter is counted too."""
    estimates = spy(monkeypatch, store, "estimated_document_count")
    staff = scope_of(Viewer(id="r", name="R", role=Role.REVIEWER))
    lea = scope_of(Viewer(id="m", name="M", role=Role.LEA_USER, lea_ids=frozenset({MESA})))
    await store.requests.count(staff, RequestFilter(lea_entity_id=TUCSON))
    await store.requests.count(lea, RequestFilter())
    assert estimates == []
    await store.requests.count(staff, RequestFilter())
    assert len(estimates) == 1

"""Limits on every operation: each refuses a document just over it, with a code and a clear
message, and accepts one at it. Batching and GET are refused."""

from __future__ import annotations

from graphql import Lexer, Source, TokenKind, parse

from domain.models import Role
from schema.root import build_schema
from server import cost
from server.limits import cost_model
from server.settings import Settings
from tests.conftest import RED_MOUNTAIN, error_codes
from tests.hardening import (
    development,
    request_inputs,
    serving,
    submit_requests,
    token_for,
    transport_refusal,
)
from tests.sample import ANA

RECORDS = f'participantRecords(suid: "{ANA}", schoolEntityId: {RED_MOUNTAIN})'

FULL_PAGE = """
query ReviewerPage($after: String) {
  changeRequests(first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ...Request } }
  }
}
fragment Flags on StatusFlags { participant concentrator completer placementSurveyEligible }
fragment CourseFields on Course { courseNumber name kind required }
fragment Student on Student { suid firstName lastName exitedOn exitReason }
fragment School on School { entityId ctds name lea { entityId name kind } }
fragment Program on Program { programNumber name courses { ...CourseFields } }
fragment Record on ParticipantRecord {
  id fiscalYear version updatedAt totalCredits
  student { ...Student } school { ...School } program { ...Program }
  courses {
    course { ...CourseFields } reportedCredits insertedCredits totalCredits
    insertions { changeRequestId credits approvedAt }
  }
  status { ...Flags }
}
fragment Request on ChangeRequest {
  id kind status version fiscalYear credits gradeLevel reason retiredSuid justification
  rejectionReason submittedAt updatedAt
  student { ...Student } school { ...School } program { ...Program }
  course { ...CourseFields }
  record { ...Record }
  retiredSuidRecords { ...Record }
  impact { before { ...Flags } after { ...Flags } changesStatus }
  advisories { code message }
  history {
    id kind at comment fromStatus toStatus
    actor { id name role }
    changeRequest { id }
  }
  submittedBy { id name role }
  evidence { id filename contentType size sha256 downloadUrl uploadedAt }
}
"""

# The same page with every request's history followed twice more, in full.
HUNDREDFOLD_PAGE = FULL_PAGE.replace(
    "edges { cursor node { ...Request } }",
    "edges { cursor node { ...Request history { changeRequest { ...Request "
    "history { changeRequest { ...Request } } } } } }",
)


def price(document: str, settings: Settings) -> int:
    parsed = parse(document)
    operation = next(d for d in parsed.definitions if d.kind == "operation_definition")
    return cost.operation_cost(build_schema()._schema, parsed, operation, cost_model(settings))


def token_count(document: str) -> int:
    lexer = Lexer(Source(document))
    count = 0
    while lexer.advance().kind != TokenKind.EOF:
        count += 1
    return count


async def post(settings, store, clock, document, variables=None):
    async with serving(settings, store, clock) as gql:
        return await gql.post(document, variables, token_for(settings))


# --- cost -------------------------------------------------------------------------------


def test_the_default_budget_admits_a_full_page_of_100_requests_and_not_100_times_more():
    settings = development()
    page = price(FULL_PAGE, settings)
    assert page <= settings.max_cost < 100 * page
    assert price(HUNDREDFOLD_PAGE, settings) >= 100 * page


async def test_a_full_page_runs_within_the_default_limits(store, clock):
    settings = development()
    async with serving(settings, store, clock) as gql:
        await submit_requests(gql, token_for(settings), request_inputs({RED_MOUNTAIN})[:3])
        reviewer = token_for(settings, Role.REVIEWER, "reviewer-1", "Riley Reviewer", ())
        data = await gql.data(FULL_PAGE, token=reviewer)
    page = data["changeRequests"]
    assert page["totalCount"] == 3
    assert all(edge["node"]["record"]["courses"] for edge in page["edges"])


async def test_a_hundredfold_page_is_refused_saying_its_cost_and_the_budget(store, clock):
    settings = development()
    body = await post(settings, store, clock, HUNDREDFOLD_PAGE)
    [error] = body["errors"]
    expected = price(HUNDREDFOLD_PAGE, settings)
    assert body["data"] is None
    assert error["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": expected,
        "budget": settings.max_cost,
    }
    assert f"costs {expected:,}, above the budget of {settings.max_cost:,}" in error["message"]
    assert "'ReviewerPage'" in error["message"]


async def test_an_operation_at_the_budget_runs_and_one_just_over_is_refused(store, clock):
    at_budget = f"{{ {RECORDS} {{ id fiscalYear }} }}"
    over = f"{{ {RECORDS} {{ id fiscalYear version }} }}"
    settings = development(max_cost=21)
    assert (price(at_budget, settings), price(over, settings)) == (21, 31)
    async with serving(settings, store, clock) as gql:
        token = token_for(settings)
        data = await gql.data(at_budget, token=token)
        refused = await gql.post(over, token=token)
    assert data["participantRecords"][0]["fiscalYear"] == 2026
    assert error_codes(refused) == ["QUERY_TOO_COSTLY"]
    assert "costs 31, above the budget of 21" in refused["errors"][0]["message"]


async def test_a_page_size_in_a_variable_is_priced_at_the_cap(store, clock):
    settings = development(max_cost=100)
    document = "query($n: Int) { changeRequests(first: $n) { totalCount } }"
    body = await post(settings, store, clock, document, {"n": 1})
    assert error_codes(body) == ["QUERY_TOO_COSTLY"]  # 1 + 100 * 1


# --- depth ------------------------------------------------------------------------------


async def test_depth_at_the_limit_runs_and_one_deeper_is_refused(store, clock):
    settings = development(max_depth=2)
    async with serving(settings, store, clock) as gql:
        token = token_for(settings)
        data = await gql.data(f"{{ {RECORDS} {{ school {{ name }} }} }}", token=token)
        refused = await gql.post(f"{{ {RECORDS} {{ school {{ lea {{ name }} }} }} }}", token=token)
    assert data["participantRecords"][0]["school"]["name"] == "Red Mountain High School"
    assert error_codes(refused) == ["QUERY_TOO_DEEP"]
    assert "exceeds maximum operation depth of 2" in refused["errors"][0]["message"]


def test_the_default_depth_limit_is_at_most_15():
    assert development().max_depth <= 15


# --- aliases ----------------------------------------------------------------------------


def aliased_viewers(count: int) -> str:
    return "{ " + " ".join(f"a{i}: viewer {{ id }}" for i in range(count)) + " }"


async def test_aliases_at_the_limit_run_and_one_more_is_refused(store, clock):
    settings = development()
    limit = settings.max_aliases
    async with serving(settings, store, clock) as gql:
        token = token_for(settings)
        data = await gql.data(aliased_viewers(limit), token=token)
        refused = await gql.post(aliased_viewers(limit + 1), token=token)
    assert len(data) == limit
    assert error_codes(refused) == ["TOO_MANY_ALIASES"]
    assert f"{limit + 1} aliases found. Allowed: {limit}" in refused["errors"][0]["message"]


# --- tokens -----------------------------------------------------------------------------


def statuses_filter(tokens: int) -> str:
    """A changeRequests query of exactly `tokens` tokens, padded with filter values."""
    frame = "{ changeRequests(first: 1, filter: {status: [%s]}) { totalCount } }"
    padding = tokens - token_count(frame % "")
    document = frame % " ".join(["PENDING_REVIEW"] * padding)
    assert token_count(document) == tokens
    return document


async def test_a_document_at_the_token_limit_parses_and_one_token_more_is_refused(store, clock):
    settings = development()
    async with serving(settings, store, clock) as gql:
        token = token_for(settings)
        at_limit = await gql.data(statuses_filter(settings.max_tokens), token=token)
        refused = await gql.post(statuses_filter(settings.max_tokens + 1), token=token)
    assert at_limit["changeRequests"]["totalCount"] == 0
    assert error_codes(refused) == ["QUERY_TOO_LARGE"]
    assert f"more than {settings.max_tokens} tokens" in refused["errors"][0]["message"]


# --- caches -----------------------------------------------------------------------------


async def test_the_limits_do_not_defeat_the_validation_cache(store, clock, monkeypatch):
    """The rules are built once per app, so a repeated document is validated (and priced)
    once; a limiter made per request would make the cache miss every time."""
    priced = []
    real = cost.operation_cost
    monkeypatch.setattr(cost, "operation_cost", lambda *a: priced.append(1) or real(*a))
    settings = development()
    document = f"query Repeated {{ {RECORDS} {{ id fiscalYear version }} }}"
    async with serving(settings, store, clock) as gql:
        token = token_for(settings)
        for _ in range(3):
            await gql.data(document, token=token)
    assert len(priced) == 1


async def test_a_document_that_passed_is_not_walked_again_and_a_refused_one_is(
    store, clock, monkeypatch
):
    """The checks before validation (expanded size, selection sets) and validation run once
    per parsed document that passed them all; a refused document, or an anonymous caller's,
    is checked at each request (it is not kept: see server.prevalidation.DocumentCheck)."""
    from server import document_size, limits, selection_limits

    walks: list[str] = []

    def counting(module, name):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a: walks.append(name) or real(*a))

    counting(document_size, "expanded_fields")
    counting(limits, "validate_document")
    check = selection_limits.SelectionBounds.check
    monkeypatch.setattr(
        selection_limits.SelectionBounds,
        "check",
        lambda self, document: walks.append("selections") or check(self, document),
    )
    settings = development()
    valid = f"query Repeated {{ {RECORDS} {{ id fiscalYear version }} }}"
    invalid = f"query Wrong {{ {RECORDS} {{ id noSuchField }} }}"
    async with serving(settings, store, clock) as gql:
        token = token_for(settings)
        for _ in range(3):
            await gql.data(valid, token=token)
        assert walks == ["expanded_fields", "selections", "validate_document"]
        walks.clear()
        for _ in range(2):
            body = await gql.post(invalid, token=token)
            assert error_codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
        assert walks == ["expanded_fields", "selections", "validate_document"] * 2
        walks.clear()
        for _ in range(2):  # an anonymous caller's document is parsed afresh: not kept
            assert await gql.data("query { __schema { queryType { name } } }")
    assert walks == ["expanded_fields", "selections", "validate_document"] * 2


# --- transport --------------------------------------------------------------------------


async def test_a_batch_of_operations_is_refused(store, clock):
    settings = development()
    async with serving(settings, store, clock) as gql:
        response = await gql.http.post(
            "/graphql",
            json=[{"query": "{ viewer { id } }"}, {"query": "{ viewer { id } }"}],
            headers={"Authorization": f"Bearer {token_for(settings)}"},
        )
    status, code, message = transport_refusal(response)
    assert (status, code) == (400, "BAD_REQUEST")
    assert "Batching is not enabled" in message


async def test_operations_by_get_are_refused(store, clock):
    settings = development()
    headers = {"Authorization": f"Bearer {token_for(settings)}"}
    async with serving(settings, store, clock) as gql:
        query = await gql.http.get(
            "/graphql", params={"query": "{ viewer { id } }"}, headers=headers
        )
        mutation = await gql.http.get(
            "/graphql",
            headers=headers,
            params={
                "query": "mutation { setFiscalYearDates(input: {fiscalYear: 2030}) "
                "{ userErrors { code } } }"
            },
        )
    assert (query.status_code, mutation.status_code) == (400, 400)
    _, code, message = transport_refusal(query)
    assert code == "BAD_REQUEST" and "not allowed when using GET" in message
    assert "viewer" not in query.text


async def test_a_body_that_is_not_a_json_object_is_a_400(store, clock):
    """Found by fuzzing: strawberry answered 500 to these."""
    settings = development()
    headers = {"Authorization": f"Bearer {token_for(settings)}", "Content-Type": "application/json"}
    async with serving(settings, store, clock) as gql:
        answers = [
            await gql.http.post("/graphql", content=body, headers=headers)
            for body in (
                b"null",
                b"1",
                b'"{ viewer { id } }"',
                b"\xff\xfe{",
                b"[" * 30_000 + b"]" * 30_000,  # past the recursion limit, within 64 KiB
            )
        ]
    assert [transport_refusal(a)[:2] for a in answers] == [(400, "BAD_REQUEST")] * 5


async def test_an_operation_name_that_is_not_a_string_is_refused_not_crashed(store, clock):
    """Found by fuzzing: the operation log choked on `operationName: true`."""
    settings = development()
    async with serving(settings, store, clock) as gql:
        response = await gql.http.post(
            "/graphql",
            json={"query": "query Q { viewer { id } }", "operationName": True},
            headers={"Authorization": f"Bearer {token_for(settings)}"},
        )
    assert transport_refusal(response) == (400, "BAD_REQUEST", 'Unknown operation named "True".')


async def test_an_anonymous_caller_is_refused_before_any_validation(store, clock, monkeypatch):
    priced = []
    real = cost.operation_cost
    monkeypatch.setattr(cost, "operation_cost", lambda *a: priced.append(1) or real(*a))
    async with serving(development(), store, clock) as gql:
        body = await gql.post(HUNDREDFOLD_PAGE)
    assert error_codes(body) == ["UNAUTHENTICATED"]
    assert priced == []

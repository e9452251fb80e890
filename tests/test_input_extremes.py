"""Values at the edges of what Python can represent are input errors, never internal ones:
far dates in filters, huge exponents in credits, token expiries that are not times."""

from __future__ import annotations

from datetime import UTC, datetime

import jwt
import pytest
from starlette.testclient import TestClient

from server.settings import DEVELOPMENT_SECRET
from tests.conftest import error_codes
from tests.documents import CHANGE_REQUESTS
from tests.request_support import submit, submitted
from tests.ws import PROTOCOL, Socket


@pytest.mark.parametrize(
    "given",
    [
        {"submittedBefore": "9999-12-31T23:59:59-14:00"},
        {"submittedAfter": "0001-01-01T00:00:00+14:00"},
        {"submittedAfter": "0001-01-01T00:00:00"},
        {"submittedBefore": "not a time"},
    ],
)
async def test_a_date_beyond_the_range_is_bad_input(gql, tokens, given):
    body = await gql.post(CHANGE_REQUESTS, {"filter": given}, tokens.reviewer)
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["data"] is None


async def test_far_but_representable_dates_filter_normally(gql, tokens):
    request = await submitted(gql, tokens.mesa)
    body = await gql.data(
        CHANGE_REQUESTS,
        {
            "filter": {
                "submittedAfter": "0001-01-03T00:00:00+14:00",
                "submittedBefore": "9999-12-29T00:00:00-14:00",
            }
        },
        tokens.reviewer,
    )
    assert [e["node"]["id"] for e in body["changeRequests"]["edges"]] == [request["id"]]


@pytest.mark.parametrize("credits", ["1e999999999", "1e-999999999", "-1e99"])
async def test_credits_with_a_huge_exponent_are_refused_even_when_resent(gql, tokens, credits):
    for _ in range(2):  # the resent one used to fail inside the idempotency fingerprint
        body = await gql.post(
            "mutation S($input: SubmitInsertCreditsRequestInput!) {"
            " submitInsertCreditsRequest(input: $input) { userErrors { code field } } }",
            {"input": _input(credits=credits, idempotencyKey="same")},
            tokens.mesa,
        )
        assert "errors" not in body, body
        errors = body["data"]["submitInsertCreditsRequest"]["userErrors"]
        assert errors == [{"code": "INVALID_VALUE", "field": ["input", "credits"]}]


def _input(**overrides):
    from tests.request_support import submit_input

    return submit_input(**overrides)


def _token(exp) -> str:
    claims = {"sub": "lea-mesa", "name": "Mesa", "role": "LEA_USER", "lea_ids": [4235]}
    return jwt.encode({**claims, "exp": exp}, DEVELOPMENT_SECRET, algorithm="HS256")


BAD_EXPIRIES = [str(int(datetime.now(UTC).timestamp()) + 3600), 10**12, 1e300]


@pytest.mark.parametrize("exp", BAD_EXPIRIES, ids=["numeric-string", "year-33658", "huge-float"])
async def test_a_token_whose_exp_is_not_a_time_is_unauthenticated(gql, exp):
    response = await gql.http.post(
        "/graphql",
        json={"query": "{ viewer { id } }"},
        headers={"Authorization": f"Bearer {_token(exp)}"},
    )
    assert response.status_code == 200
    assert error_codes(response.json()) == ["UNAUTHENTICATED"]


@pytest.mark.parametrize("exp", BAD_EXPIRIES, ids=["numeric-string", "year-33658", "huge-float"])
def test_such_a_token_closes_a_websocket_with_4403(app, exp):
    with (
        TestClient(app) as client,
        client.websocket_connect("/graphql", subprotocols=[PROTOCOL]) as session,
    ):
        closed = Socket(session).init({"Authorization": f"Bearer {_token(exp)}"})
    assert (closed["type"], closed["code"]) == ("close", 4403)


async def test_the_submission_itself_still_works(gql, tokens):
    assert (await submit(gql, tokens.mesa))["userErrors"] == []

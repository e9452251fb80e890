"""Denial-of-service bounds and GraphQL-over-HTTP answers through the real app: the query
text's length, anonymous documents (parsed only when short, never cached, refused before
validation in production), refused documents dropped from the parser cache, the bounds on
selection sets, uploads refused before their body is read, and
application/graphql-response+json."""

from __future__ import annotations

import graphql
import pytest

from server import cost, parsing
from tests.conftest import error_codes
from tests.evidence_files import multipart_form, pdf_bytes
from tests.hardening import development, production, serving, token_for, transport_refusal

INTROSPECTION = graphql.get_introspection_query(descriptions=True)


def cached_queries(app) -> set[str]:
    extension = next(
        factory for factory in app.state.graphql.schema.extensions if _is_parser(factory)
    )
    return {key[0] for key in extension.keywords["cache"].documents}


def _is_parser(factory) -> bool:
    return getattr(factory, "func", None) is parsing.GuardedParser


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Every query text graphql-core's parser is given."""
    seen: list[str] = []
    real = parsing.parse
    monkeypatch.setattr(parsing, "parse", lambda text, **kw: seen.append(text) or real(text, **kw))
    return seen


async def test_a_query_text_past_the_length_limit_is_refused_before_parsing(store, clock, parses):
    settings = development(max_query_chars=1000)
    text = "{ viewer { id } }" + "#" * 1000  # one token, but long
    async with serving(settings, store, clock) as gql:
        body = await gql.post(text, token=token_for(settings))
    assert error_codes(body) == ["QUERY_TOO_LARGE"]
    assert "longer than 1000 characters" in body["errors"][0]["message"]
    assert text not in parses


async def test_an_anonymous_long_text_is_refused_without_parsing(store, clock, parses):
    text = "{ viewer { id } }" + " " * parsing.ANONYMOUS_MAX_CHARS
    async with serving(development(), store, clock) as gql:
        body = await gql.post(text)
    assert error_codes(body) == ["UNAUTHENTICATED"]
    assert text not in parses


async def test_anonymous_documents_are_never_cached(store, clock):
    async with serving(development(), store, clock) as gql:
        app = gql.http._transport.app
        introspected = await gql.post(INTROSPECTION)
        refused = await gql.post("{ viewer { id } }")
        assert "errors" not in introspected
        assert error_codes(refused) == ["UNAUTHENTICATED"]
        assert cached_queries(app) == set()


async def test_a_document_refused_before_validation_leaves_the_cache(store, clock):
    settings = development(max_field_repeats=2)
    token = token_for(settings)
    refused_text = "{ viewer { id } viewer { id } viewer { id } }"
    async with serving(settings, store, clock) as gql:
        app = gql.http._transport.app
        assert error_codes(await gql.post(refused_text, token=token)) == ["QUERY_TOO_LARGE"]
        await gql.data("{ viewer { id } }", token=token)
        assert cached_queries(app) == {"{ viewer { id } }"}


def repeated(count: int) -> str:
    return "{ viewer { " + " ".join(["leas { name }"] * count) + " } }"


async def test_repeated_response_names_are_refused_before_validation(gql, tokens, monkeypatch):
    validated = []  # the cost rule runs in validation, with the other rules
    real = cost.operation_cost
    monkeypatch.setattr(cost, "operation_cost", lambda *a: validated.append(1) or real(*a))
    body = await gql.post(repeated(490), token=tokens.mesa)
    assert error_codes(body) == ["QUERY_TOO_LARGE"]
    assert error_codes(await gql.post(repeated(6), token=tokens.mesa)) == ["QUERY_TOO_LARGE"]
    assert validated == []
    assert "errors" not in await gql.post(repeated(5), token=tokens.mesa)
    assert validated != []


async def test_repeats_through_fragments_count_as_the_validation_rule_merges_them(gql, tokens):
    document = (
        "{ viewer { ...A ...B ... on Viewer { leas { name } leas { name } } } }"
        " fragment A on Viewer { leas { name } leas { name } }"
        " fragment B on Viewer { leas { name } leas { name } }"
    )
    body = await gql.post(document, token=tokens.mesa)
    assert error_codes(body) == ["QUERY_TOO_LARGE"]


async def test_a_selection_set_past_the_field_limit_is_refused(store, clock):
    settings = development(max_selections=10, max_aliases=100)
    fields = " ".join(f"a{i}: id" for i in range(11))
    async with serving(settings, store, clock) as gql:
        body = await gql.post("{ viewer { " + fields + " } }", token=token_for(settings))
    assert error_codes(body) == ["QUERY_TOO_LARGE"]
    assert "more than 10 fields" in body["errors"][0]["message"]


async def test_production_refuses_anonymous_introspection_before_validation(store, clock):
    shaped = "{ __schema { " + " ".join(["types { name }"] * 400) + " } }"
    async with serving(production(), store, clock) as gql:
        body = await gql.post(shaped)
        plain = await gql.post(INTROSPECTION)
    assert error_codes(body) == ["UNAUTHENTICATED"]
    assert error_codes(plain) == ["UNAUTHENTICATED"]


async def test_an_anonymous_upload_is_refused_before_its_body_is_read(gql, monkeypatch):
    from strawberry.http.async_base_view import AsyncBaseHTTPView

    read = []
    real = AsyncBaseHTTPView.parse_multipart

    async def recording(self, request):
        read.append(1)
        return await real(self, request)

    monkeypatch.setattr(AsyncBaseHTTPView, "parse_multipart", recording)
    data, files = multipart_form(
        "{ viewer { id } }",
        {"u": [None]},
        [("a.pdf", pdf_bytes(), "application/pdf")],
        "variables.u",
    )
    response = await gql.http.post(
        "/graphql",
        data=data,
        files=files,
        headers={"Apollo-Require-Preflight": "1", "Authorization": "Bearer forged"},
    )
    assert transport_refusal(response) == (401, "UNAUTHENTICATED", "The token is not valid.")
    assert read == []


# --- application/graphql-response+json ---------------------------------------------------

GRAPHQL_RESPONSE = {"Accept": "application/graphql-response+json"}


async def post(gql, query: str, token: str | None, headers: dict):
    all_headers = {**headers, **({"Authorization": f"Bearer {token}"} if token else {})}
    return await gql.http.post("/graphql", json={"query": query}, headers=all_headers)


@pytest.mark.parametrize(
    "query, status, code",
    [
        ("{ viewer { id ", 400, "GRAPHQL_PARSE_FAILED"),
        ("{ viewer { nope } }", 400, "GRAPHQL_VALIDATION_FAILED"),
    ],
)
async def test_request_errors_are_4xx_without_data(gql, tokens, query, status, code):
    response = await post(gql, query, tokens.mesa, GRAPHQL_RESPONSE)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/graphql-response+json")
    body = response.json()
    assert "data" not in body
    assert error_codes(body) == [code]


async def test_an_unauthenticated_request_is_401(gql):
    response = await post(gql, "{ viewer { id } }", None, GRAPHQL_RESPONSE)
    assert response.status_code == 401
    assert "data" not in response.json()


async def test_a_result_that_ran_is_200_with_its_data(gql, tokens):
    response = await post(gql, "{ viewer { id } }", tokens.mesa, GRAPHQL_RESPONSE)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphql-response+json")
    assert response.json() == {"data": {"viewer": {"id": "lea-mesa"}}}


async def test_application_json_stays_as_it_was(gql, tokens):
    headers = {"Accept": "application/json, application/graphql-response+json;q=0.9"}
    response = await post(gql, "{ viewer { id ", tokens.mesa, headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["data"] is None


async def test_a_transport_refusal_follows_the_accept_header(gql, tokens):
    response = await gql.http.post(
        "/graphql",
        content=b"[1",
        headers={**GRAPHQL_RESPONSE, "Content-Type": "application/json"},
    )
    assert response.headers["content-type"].startswith("application/graphql-response+json")
    assert transport_refusal(response)[:2] == (400, "BAD_REQUEST")


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml"])
async def test_an_unsupported_content_type_is_a_json_graphql_error(gql, tokens, content_type):
    response = await gql.http.post(
        "/graphql",
        content=b"{ viewer { id } }",
        headers={
            "Content-Type": content_type,
            "Apollo-Require-Preflight": "1",  # past the CSRF check, to the content type's
            "Authorization": f"Bearer {tokens.mesa}",
        },
    )
    assert transport_refusal(response) == (400, "BAD_REQUEST", "Unsupported content type")

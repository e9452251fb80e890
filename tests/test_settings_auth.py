"""Settings (production refuses the development secret) and authentication: without a valid
token every operation is a top-level UNAUTHENTICATED error with no data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx2
import jwt
import pytest
from typer.testing import CliRunner

from domain.models import Role
from server.app import create_app
from server.auth import issue_token
from server.cli import app as cli
from server.settings import DEVELOPMENT_SECRET, Settings, UnsafeSettings
from tests.conftest import MESA, RED_MOUNTAIN, error_codes
from tests.sample import KAYLA

STRONG_SECRET = "a-long-random-production-secret-0123456789"


def test_production_refuses_the_development_secret():
    settings = Settings(env="production", jwt_secret=DEVELOPMENT_SECRET)
    with pytest.raises(UnsafeSettings, match="development secret"):
        settings.check()


def test_production_refuses_a_short_secret():
    with pytest.raises(UnsafeSettings, match="32 characters"):
        Settings(env="production", jwt_secret="short-secret").check()


def test_production_accepts_a_long_secret_and_development_the_default():
    Settings(env="production", jwt_secret=STRONG_SECRET).check()
    Settings(env="development").check()


def test_settings_come_from_ctecr_environment_variables(monkeypatch):
    monkeypatch.setenv("CTECR_MONGODB_URI", "mongodb://db.example:27017")
    monkeypatch.setenv("CTECR_DATABASE", "ctecr_x")
    monkeypatch.setenv("CTECR_JWT_SECRET", STRONG_SECRET)
    monkeypatch.setenv("CTECR_ENV", "production")
    monkeypatch.setenv("CTECR_MAX_CREDITS_PER_REQUEST", "2.5")
    settings = Settings()
    assert settings.mongodb_uri == "mongodb://db.example:27017"
    assert settings.database == "ctecr_x"
    assert settings.jwt_secret.get_secret_value() == STRONG_SECRET
    assert settings.production is True
    assert str(settings.max_credits_per_request) == "2.5"


def test_the_app_refuses_to_be_created_with_the_development_secret_in_production(store):
    with pytest.raises(UnsafeSettings):
        create_app(Settings(env="production", jwt_secret=DEVELOPMENT_SECRET), store=store)


def test_ctecr_serve_in_production_with_the_development_secret_exits_saying_why(monkeypatch):
    monkeypatch.delenv("CTECR_JWT_SECRET", raising=False)
    monkeypatch.delenv("CTECR_MONGODB_URI", raising=False)
    result = CliRunner().invoke(cli, ["serve"], env={"CTECR_ENV": "production"})
    assert result.exit_code != 0
    message = " ".join(result.output.split())  # rich wraps long lines
    assert "Refusing to start" in message
    assert "CTECR_JWT_SECRET is the development secret" in message


VIEWER = "query { viewer { id role } }"


async def assert_unauthenticated(gql, headers: dict, query: str = VIEWER, variables=None):
    body = await gql.post(query, variables, headers=headers)
    assert error_codes(body) == ["UNAUTHENTICATED"]
    assert body.get("data") is None
    return body


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def claims(**changes) -> dict:
    now = datetime.now(UTC)
    base = {
        "sub": "lea-mesa",
        "name": "Mesa",
        "role": "LEA_USER",
        "lea_ids": [MESA],
        "iat": now,
        "exp": now + timedelta(hours=1),
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def signed(secret: str = DEVELOPMENT_SECRET, **changes) -> str:
    return jwt.encode(claims(**changes), secret, algorithm="HS256")


async def test_a_well_formed_token_is_accepted(gql):
    data = await gql.data(VIEWER, token=signed())
    assert data["viewer"] == {"id": "lea-mesa", "role": "LEA_USER"}


async def test_the_email_claim_is_the_viewers_email(gql):
    with_email = await gql.data("{ viewer { email } }", token=signed(email="ana@example.org"))
    without = await gql.data("{ viewer { email } }", token=signed())
    assert with_email["viewer"] == {"email": "ana@example.org"}
    assert without["viewer"] == {"email": None}


async def test_no_token_is_unauthenticated(gql):
    body = await assert_unauthenticated(gql, {})
    assert "Authorization" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    "header", ["Token abc", "Bearer", "Bearer   ", "Basic dXNlcjpwYXNz", "Bearer not.a.jwt"]
)
async def test_a_malformed_authorization_header_is_unauthenticated(gql, header):
    await assert_unauthenticated(gql, {"Authorization": header})


async def test_an_expired_token_is_unauthenticated(gql):
    past = datetime.now(UTC) - timedelta(hours=13)
    token = issue_token(DEVELOPMENT_SECRET, role=Role.ADMIN, sub="a", name="A", now=past)
    body = await assert_unauthenticated(gql, bearer(token))
    assert "expired" in body["errors"][0]["message"]


async def test_a_token_signed_with_another_secret_is_unauthenticated(gql):
    forged = signed(secret="someone-elses-secret-0123456789abcdef")
    await assert_unauthenticated(gql, bearer(forged))


async def test_an_unsigned_token_is_unauthenticated(gql):
    token = jwt.encode(claims(role="ADMIN"), key=None, algorithm="none")
    await assert_unauthenticated(gql, bearer(token))


@pytest.mark.parametrize(
    "bad",
    [
        {"role": "SUPERUSER"},
        {"role": "lea_user"},
        {"sub": None},
        {"name": None},
        {"role": None},
        {"exp": None},
        {"lea_ids": ["not-an-id"]},
        {"lea_ids": "4235"},
        {"lea_ids": [True]},
        {"lea_ids": ["4235"]},
        {"email": ["ana@example.org"]},
    ],
    ids=[
        "unknown role",
        "lower-case role",
        "no sub",
        "no name",
        "no role",
        "no exp",
        "bad lea ids",
        "lea ids as a string",
        "lea id as a boolean",
        "lea id as a string",
        "email not a string",
    ],
)
async def test_a_token_with_bad_claims_is_unauthenticated(gql, bad):
    await assert_unauthenticated(gql, bearer(signed(**bad)))


OPERATIONS = {
    "viewer": (VIEWER, None),
    "fiscalYearStatus": ("query { fiscalYearStatus { participantFiscalYear } }", None),
    "approvedPrograms": ("query { approvedPrograms { programNumber } }", None),
    "participantRecords": (
        "query($s: String!, $school: Int!) { participantRecords(suid: $s, schoolEntityId: $school)"
        " { id } }",
        {"s": KAYLA, "school": RED_MOUNTAIN},
    ),
    "node": ('query { node(id: "UGFydGljaXBhbnRSZWNvcmQ6eA") { id } }', None),
}


@pytest.mark.parametrize("name", list(OPERATIONS))
async def test_every_query_needs_a_token(gql, name):
    query, variables = OPERATIONS[name]
    await assert_unauthenticated(gql, {}, query, variables)


async def test_a_mutation_without_a_token_changes_nothing(gql, app):
    before = await app.state.services.store.calendar.all()
    await assert_unauthenticated(
        gql,
        {},
        "mutation { setFiscalYearDates(input: {fiscalYear: 2027, "
        'preliminaryRecordsCreatedOn: "2026-08-01"}) { userErrors { code } } }',
    )
    assert await app.state.services.store.calendar.all() == before


@pytest.fixture
async def production_http(store, clock, tmp_path):
    """The app as production runs it (a strong secret, trusted documents required: none but
    the admin's documents here), without data."""
    manifest = tmp_path / "persisted-documents.json"
    manifest.write_text("{}")
    settings = Settings(
        env="production", jwt_secret=STRONG_SECRET, trusted_documents_manifest=manifest
    )
    application = create_app(settings, store=store, clock=clock)
    async with application.router.lifespan_context(application):
        transport = httpx2.ASGITransport(app=application)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


async def test_production_turns_introspection_off_but_serves_queries(production_http):
    token = issue_token(STRONG_SECRET, role=Role.ADMIN, sub="admin-1", name="Alex")
    headers = bearer(token)
    introspection = await production_http.post(
        "/graphql", json={"query": "{ __schema { queryType { name } } }"}, headers=headers
    )
    body = introspection.json()
    assert body.get("data") is None
    assert "introspection has been disabled" in body["errors"][0]["message"]
    typename = await production_http.post(
        "/graphql", json={"query": '{ __type(name: "Query") { name } }'}, headers=headers
    )
    assert typename.json().get("data") is None
    served = await production_http.post("/graphql", json={"query": VIEWER}, headers=headers)
    assert served.json() == {"data": {"viewer": {"id": "admin-1", "role": "ADMIN"}}}


async def test_production_serves_no_graphiql(production_http):
    page = await production_http.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert "graphiql" not in page.text.lower()


async def test_development_serves_introspection(http, tokens):
    """(GraphiQL's page is tested in test_web.py.)"""
    response = await http.post(
        "/graphql",
        json={"query": "{ __schema { queryType { name } } }"},
        headers=bearer(tokens.reviewer),
    )
    assert response.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


async def test_an_invalid_document_without_a_token_is_unauthenticated_not_validated(gql):
    """Validation errors (with their "Did you mean" suggestions) would describe the schema to
    an anonymous caller: the token is checked first."""
    body = await assert_unauthenticated(gql, {}, "{ viewr { id } participantRecord { id } }")
    assert "Did you mean" not in str(body)


async def test_typename_alone_without_a_token_is_unauthenticated(gql):
    await assert_unauthenticated(gql, {}, "{ __typename }")


async def test_schema_introspection_without_a_token_is_answered_in_development(gql):
    body = await gql.post("{ __schema { queryType { name } } }")
    assert body == {"data": {"__schema": {"queryType": {"name": "Query"}}}}

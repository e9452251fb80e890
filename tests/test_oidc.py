"""Access tokens of an OpenID Connect issuer, through the real app: a stand-in issuer serves
discovery and its JWKS over HTTP on loopback (tests/oidc_issuer.py), with keys generated
here. Each refusal is a top-level UNAUTHENTICATED error with no data."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from starlette.testclient import TestClient
from typer.testing import CliRunner

from domain.models import Role
from server.app import create_app, sample_data_dir
from server.auth import issue_token
from server.cli import app as cli
from server.oidc import browser_config
from server.settings import DEVELOPMENT_SECRET, Settings, UnsafeSettings
from tests.conftest import MESA, error_codes
from tests.hardening import UNUSED_URI, log_lines, serving  # noqa: F401 (a fixture)
from tests.oidc_issuer import AUDIENCE, SigningKey, serve_issuer
from tests.ws import PROTOCOL, Socket, connect

VIEWER = "{ viewer { id name role email } }"
STRONG_SECRET = "a-long-random-production-secret-0123456789"


@pytest.fixture(scope="module")
def rsa_key() -> SigningKey:
    return SigningKey.rsa("rsa-1")


@pytest.fixture(scope="module")
def ec_key() -> SigningKey:
    return SigningKey.ec("ec-1")


@pytest.fixture(scope="module")
def stranger_key() -> SigningKey:
    """A key the issuer never published."""
    return SigningKey.rsa("rsa-1")


@pytest.fixture
def issuer(rsa_key, ec_key):
    with serve_issuer(rsa_key, ec_key) as issuer:
        yield issuer


def oidc_settings(issuer, **overrides) -> Settings:
    options = {
        "mongodb_uri": UNUSED_URI,
        "env": "production",
        "trusted_documents": "allowed",  # production's default needs the web app's manifest
        "oidc_issuer": issuer.url,
        "oidc_audience": AUDIENCE,
        **overrides,
    }
    return Settings(**options)


@pytest.fixture
async def api(issuer, store, clock):
    """The production app trusting the stand-in issuer (and, with it, no HS256 token)."""
    async with serving(oidc_settings(issuer), store, clock) as gql:
        yield gql


async def refused(gql, token: str) -> str:
    body = await gql.post(VIEWER, token=token)
    assert error_codes(body) == ["UNAUTHENTICATED"], body
    assert body.get("data") is None
    return body["errors"][0]["message"]


async def test_an_rs256_access_token_of_the_issuer_is_accepted(api, issuer, rsa_key):
    token = issuer.token(rsa_key, email="riley@example.org")
    assert (await api.data(VIEWER, token=token))["viewer"] == {
        "id": "reviewer-oidc",
        "name": "Riley Reviewer",
        "role": "REVIEWER",
        "email": "riley@example.org",
    }


async def test_an_es256_access_token_of_the_issuer_is_accepted(api, issuer, ec_key):
    token = issuer.token(ec_key, role="LEA_USER", lea_ids=[MESA], sub="lea-oidc")
    data = await api.data("{ viewer { id role leas { entityId } } }", token=token)
    assert data["viewer"] == {"id": "lea-oidc", "role": "LEA_USER", "leas": [{"entityId": MESA}]}


async def test_a_token_signed_by_a_key_the_issuer_never_published_is_refused(
    api, issuer, stranger_key
):
    await refused(api, issuer.token(stranger_key))
    await refused(api, issuer.token(SigningKey.ec("not-published")))


async def test_an_unsigned_token_is_refused(api, issuer):
    token = jwt.encode(issuer.claims(role="ADMIN"), None, algorithm="none", headers={"kid": "x"})
    await refused(api, token)


def _hs256_with(secret: bytes, header: dict, claims: dict) -> str:
    """HS256 signed by hand: PyJWT rightly refuses to use a public key as an HMAC secret."""

    def part(data: dict) -> bytes:
        raw = json.dumps(data, default=lambda t: int(t.timestamp())).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=")

    signing_input = part(header) + b"." + part(claims)
    signature = hmac.new(secret, signing_input, hashlib.sha256).digest()
    return (signing_input + b"." + base64.urlsafe_b64encode(signature).rstrip(b"=")).decode()


@pytest.mark.parametrize("public_as", ["pem", "jwk json"])
async def test_hs256_with_the_issuers_public_key_as_secret_is_refused(
    api, issuer, rsa_key, public_as
):
    public = rsa_key.private.public_key()
    secret = (
        public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        if public_as == "pem"
        else json.dumps(rsa_key.jwk()).encode()
    )
    header = {"alg": "HS256", "typ": "JWT", "kid": rsa_key.kid}
    await refused(api, _hs256_with(secret, header, issuer.claims(role="ADMIN")))


async def test_a_development_token_is_refused_in_production_with_an_issuer(issuer, store, clock):
    settings = oidc_settings(issuer, jwt_secret=STRONG_SECRET)
    async with serving(settings, store, clock) as gql:
        token = issue_token(STRONG_SECRET, role=Role.ADMIN, sub="admin-1", name="Alex")
        await refused(gql, token)


async def test_development_accepts_both_the_issuers_and_development_tokens(
    issuer, rsa_key, store, clock
):
    settings = oidc_settings(issuer, env="development", jwt_secret=DEVELOPMENT_SECRET)
    async with serving(settings, store, clock) as gql:
        dev = issue_token(DEVELOPMENT_SECRET, role=Role.ADMIN, sub="admin-1", name="Alex")
        assert (await gql.data(VIEWER, token=dev))["viewer"]["id"] == "admin-1"
        assert (await gql.data(VIEWER, token=issuer.token(rsa_key)))["viewer"]["role"] == "REVIEWER"
        public = rsa_key.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        header = {"alg": "HS256", "typ": "JWT", "kid": rsa_key.kid}
        await refused(gql, _hs256_with(public, header, issuer.claims(role="ADMIN")))


def _ago(**delta) -> datetime:
    return datetime.now(UTC) - timedelta(**delta)


async def test_an_expired_token_is_refused_beyond_the_leeway_only(api, issuer):
    """The default leeway is 30 seconds."""
    message = await refused(api, issuer.token(exp=_ago(seconds=45)))
    assert "expired" in message
    assert (await api.data(VIEWER, token=issuer.token(exp=_ago(seconds=10))))["viewer"]


async def test_a_token_not_yet_valid_is_refused_beyond_the_leeway_only(api, issuer):
    message = await refused(api, issuer.token(nbf=_ago(seconds=-45)))
    assert "not valid yet" in message
    assert (await api.data(VIEWER, token=issuer.token(nbf=_ago(seconds=-10))))["viewer"]


async def test_the_leeway_is_a_setting(issuer, store, clock):
    async with serving(oidc_settings(issuer, oidc_leeway_seconds=0), store, clock) as gql:
        await refused(gql, issuer.token(exp=_ago(seconds=2)))


@pytest.mark.parametrize(
    "claims",
    [
        {"iss": "https://login.example.org"},
        {"iss": None},
        {"aud": "another-api"},
        {"aud": None},
        {"exp": None},
    ],
    ids=["wrong issuer", "no issuer", "wrong audience", "no audience", "no expiry"],
)
async def test_a_token_with_the_wrong_issuer_or_audience_is_refused(api, issuer, claims):
    await refused(api, issuer.token(**claims))


async def test_rotation_a_new_key_is_accepted_without_restart(issuer, rsa_key, store, clock):
    settings = oidc_settings(issuer, oidc_key_refresh_seconds=0.2)
    async with serving(settings, store, clock) as gql:
        assert (await gql.data(VIEWER, token=issuer.token(rsa_key)))["viewer"]
        rotated = SigningKey.ec("ec-2")
        issuer.keys = [rotated]
        await asyncio.sleep(0.3)
        assert (await gql.data(VIEWER, token=issuer.token(rotated)))["viewer"]["id"]
        await refused(gql, issuer.token(rsa_key))  # the retired key is gone after the refresh


async def test_unknown_key_ids_refresh_the_keys_at_most_once_per_interval(api, issuer, rsa_key):
    assert (await api.data(VIEWER, token=issuer.token(rsa_key)))["viewer"]
    for n in range(5):
        await refused(api, issuer.token(SigningKey.ec(f"unknown-{n}")))
    assert issuer.jwks_fetches == 1


async def test_with_the_jwks_endpoint_down_the_cached_keys_go_on_working(
    issuer, rsa_key, store, clock, log_lines
):
    settings = oidc_settings(issuer, oidc_key_cache_seconds=0.1)
    async with serving(settings, store, clock) as gql:
        assert (await gql.data(VIEWER, token=issuer.token(rsa_key)))["viewer"]
        issuer.jwks_down = True
        await asyncio.sleep(0.2)  # the cached set has expired: the next token fetches it again
        assert (await gql.data(VIEWER, token=issuer.token(rsa_key)))["viewer"]
    warnings = [r["event"] for r in log_lines.records() if r.get("level") == "warning"]
    assert any(
        f"JWKS endpoint {issuer.url}/jwks unavailable" in w and "going on with the keys" in w
        for w in warnings
    ), warnings


async def test_an_unreachable_issuer_does_not_stop_the_start_and_its_tokens_are_refused(
    rsa_key, store, clock
):
    with serve_issuer(rsa_key) as gone:
        pass  # served no more
    async with serving(oidc_settings(gone), store, clock) as gql:
        message = await refused(gql, gone.token(rsa_key))
    assert "identity provider cannot be reached" in message


async def test_with_the_jwks_endpoint_down_from_the_start_tokens_are_refused_saying_why(
    issuer, rsa_key, store, clock, log_lines
):
    issuer.jwks_down = True
    async with serving(oidc_settings(issuer), store, clock) as gql:
        message = await refused(gql, issuer.token(rsa_key))
    assert "identity provider cannot be reached" in message
    assert "JWKS endpoint unavailable and no keys fetched yet" in log_lines.text


async def test_the_mapping_is_logged_at_start_without_secrets(issuer, store, clock, log_lines):
    settings = oidc_settings(
        issuer,
        env="development",
        jwt_secret=STRONG_SECRET,
        oidc_role_claim="groups",
        oidc_role_values={"ctecr-reviewers": "REVIEWER"},
    )
    async with serving(settings, store, clock):
        pass
    lines = [r["event"] for r in log_lines.records() if r.get("logger") == "ctecr.auth"]
    assert any(
        f"issuer {issuer.url} (audience {AUDIENCE})" in line
        and "HS256 development tokens (development claims)" in line
        and "role=groups (ctecr-reviewers->REVIEWER)" in line
        for line in lines
    ), lines
    assert STRONG_SECRET not in log_lines.text


# Claim mapping: a provider's own claims.


async def test_a_groups_claim_maps_to_roles_and_the_most_privileged_wins(
    issuer, rsa_key, store, clock
):
    settings = oidc_settings(
        issuer,
        oidc_id_claim="oid",
        oidc_name_claim="preferred_username",
        oidc_role_claim="groups",
        oidc_role_values={"ctecr-lea": "LEA_USER", "ctecr-reviewers": "REVIEWER"},
        oidc_lea_ids_claim="ctecr_leas",
        oidc_email_claim="upn",
    )
    async with serving(settings, store, clock) as gql:
        lea = issuer.token(
            rsa_key,
            oid="0b9f-oid",
            preferred_username="ana@mesa.example.org",
            groups=["staff", "ctecr-lea"],
            ctecr_leas=[MESA],
            upn="ana@mesa.example.org",
            role="ADMIN",  # the development claim means nothing once the mapping names another
        )
        data = await gql.data("{ viewer { id name role email leas { entityId } } }", token=lea)
        assert data["viewer"] == {
            "id": "0b9f-oid",
            "name": "ana@mesa.example.org",
            "role": "LEA_USER",
            "email": "ana@mesa.example.org",
            "leas": [{"entityId": MESA}],
        }
        both = issuer.token(
            rsa_key, oid="x", preferred_username="x", groups=["ctecr-lea", "ctecr-reviewers"]
        )
        assert (await gql.data(VIEWER, token=both))["viewer"]["role"] == "REVIEWER"
        message = await refused(gql, issuer.token(rsa_key, oid="x", preferred_username="x"))
        assert "'groups' claim" in message
        unmapped = issuer.token(rsa_key, oid="x", preferred_username="x", groups=["staff"])
        assert "'groups' claim has no value that maps to a role" in await refused(gql, unmapped)
        assert "'oid' claim" in await refused(gql, issuer.token(rsa_key, preferred_username="x"))


@pytest.mark.parametrize(
    ("lea_ids", "accepted"),
    [
        (["4235"], True),
        ([4235, "4406"], True),
        (["4235x"], False),
        ("4235", False),
        ([True], False),
    ],
)
async def test_the_issuers_lea_ids_may_be_digit_strings(api, issuer, lea_ids, accepted):
    """Unlike development tokens', whose ids must be numbers (tests/test_settings_auth.py)."""
    token = issuer.token(role="LEA_USER", lea_ids=lea_ids)
    if accepted:
        data = await api.data("{ viewer { leas { entityId } } }", token=token)
        assert MESA in [lea["entityId"] for lea in data["viewer"]["leas"]]
    else:
        assert "'lea_ids' claim must be a list of LEA entity ids" in await refused(api, token)


async def test_a_nested_claim_is_named_by_a_dotted_path(issuer, rsa_key, store, clock):
    """Keycloak's realm roles: `realm_access.roles`."""
    settings = oidc_settings(
        issuer, oidc_role_claim="realm_access.roles", oidc_role_values={"ctecr-admin": "ADMIN"}
    )
    async with serving(settings, store, clock) as gql:
        token = issuer.token(rsa_key, role=None, realm_access={"roles": ["ctecr-admin"]})
        assert (await gql.data(VIEWER, token=token))["viewer"]["role"] == "ADMIN"
        wrong = issuer.token(rsa_key, role=None, realm_access={"roles": ["ADMIN"]})
        assert "realm_access.roles" in await refused(gql, wrong)


async def test_development_tokens_keep_the_development_claims_under_a_mapping(
    issuer, rsa_key, store, clock
):
    """`ctecr token` goes on working in development next to a provider's mapping."""
    settings = oidc_settings(
        issuer,
        env="development",
        oidc_role_claim="groups",
        oidc_role_values={"ctecr-admins": "ADMIN"},
    )
    async with serving(settings, store, clock) as gql:
        dev = issue_token(DEVELOPMENT_SECRET, role=Role.REVIEWER, sub="r", name="R")
        assert (await gql.data(VIEWER, token=dev))["viewer"]["role"] == "REVIEWER"
        # The issuer's token is read through the mapping: its `role` claim means nothing.
        assert "'groups' claim" in await refused(gql, issuer.token(rsa_key, role="ADMIN"))
        admin = issuer.token(rsa_key, groups=["ctecr-admins"])
        assert (await gql.data(VIEWER, token=admin))["viewer"]["role"] == "ADMIN"


def test_ctecr_token_refuses_when_production_accepts_only_the_issuer():
    env = {"CTECR_ENV": "production", "CTECR_OIDC_ISSUER": "https://login.example.org"}
    env |= {"CTECR_OIDC_AUDIENCE": AUDIENCE, "CTECR_MONGODB_URI": UNUSED_URI}
    result = CliRunner().invoke(
        cli, ["token", "--role", "ADMIN", "--sub", "a", "--name", "A"], env=env
    )
    assert result.exit_code == 2
    assert "accepts only the issuer's tokens" in " ".join(result.output.split())
    assert "eyJ" not in result.output


# Settings.


def test_an_issuer_without_an_audience_is_refused():
    with pytest.raises(UnsafeSettings, match="CTECR_OIDC_AUDIENCE"):
        Settings(oidc_issuer="https://login.example.org").check()


def test_production_with_an_issuer_needs_no_secret():
    Settings(
        env="production",
        oidc_issuer="https://login.example.org",
        oidc_audience=AUDIENCE,
        mongodb_uri=UNUSED_URI,
    ).check()


def test_production_with_neither_an_issuer_nor_a_strong_secret_is_refused():
    with pytest.raises(UnsafeSettings, match="CTECR_OIDC_ISSUER"):
        Settings(env="production").check()


@pytest.mark.parametrize("algorithms", [["HS256"], ["RS256", "none"], []])
def test_only_asymmetric_algorithms_may_be_accepted(algorithms):
    with pytest.raises(ValueError, match="accepted algorithms"):
        Settings(oidc_algorithms=algorithms)


@pytest.mark.parametrize("url", ["http://login.example.org", "ftp://127.0.0.1", "file:///etc"])
def test_the_issuer_is_https_except_on_loopback(url):
    with pytest.raises(ValueError, match="https://"):
        Settings(oidc_issuer=url)


def test_the_browser_config_names_the_issuer_and_the_client():
    assert browser_config(Settings()) is None
    assert browser_config(Settings(oidc_issuer="https://login.example.org")) is None
    settings = Settings(
        oidc_issuer="https://login.example.org", oidc_audience=AUDIENCE, oidc_client_id="web"
    )
    assert browser_config(settings) == {
        "issuer": "https://login.example.org",
        "clientId": "web",
        "scope": "openid profile email",
    }


async def test_the_web_apps_config_names_the_issuer_and_the_client(issuer, store, clock):
    settings = oidc_settings(issuer, oidc_client_id="ctecr-web")
    async with serving(settings, store, clock) as gql:
        config = (await gql.http.get("/app/config.json")).json()
    assert config["oidc"] == {
        "issuer": issuer.url,
        "clientId": "ctecr-web",
        "scope": "openid profile email",
    }
    assert config["devSignIn"] is False


# WebSocket: connection_init takes the same tokens.


@pytest.fixture
def ws_client(issuer, store, clock):
    app = create_app(oidc_settings(issuer), store=store, clock=clock, data_dir=sample_data_dir())
    with TestClient(app) as client:
        yield client


def test_a_websocket_connection_takes_the_issuers_token(ws_client, issuer, ec_key):
    with connect(ws_client, issuer.token(ec_key)) as socket:
        socket.subscribe()
        socket.session.send_json({"id": "1", "type": "complete"})


@pytest.mark.parametrize(
    "changes", [{"aud": "another-api"}, {"iss": "https://login.example.org"}, {"role": "BOSS"}]
)
def test_a_websocket_connection_refuses_a_bad_token_with_4403(ws_client, issuer, changes):
    with ws_client.websocket_connect("/graphql", subprotocols=[PROTOCOL]) as session:
        closed = Socket(session).init({"Authorization": f"Bearer {issuer.token(**changes)}"})
    assert (closed["type"], closed["code"]) == ("close", 4403)


def test_a_websocket_connection_closes_with_4403_when_the_issuers_token_expires(ws_client, issuer):
    token = issuer.token(exp=datetime.now(UTC) + timedelta(seconds=1))
    with connect(ws_client, token) as socket:
        socket.subscribe()
        closed = socket.receive(timeout=5)
    assert (closed["type"], closed["code"], closed["reason"]) == ("close", 4403, "token expired")

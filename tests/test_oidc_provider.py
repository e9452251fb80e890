"""Against a real, certified OpenID Connect provider: oidc-provider (npm), run by
tests/oidc/provider.mjs on loopback, issues JWT access tokens for the API's resource indicator
to users who sign in on its login page (Authorization Code with PKCE, driven here over HTTP)
and to robot clients (client credentials); the API accepts them through discovery, its JWKS
and a claim mapping of its `groups`. Skipped, saying why, without Node or without `npm ci` in
tests/oidc (`make test` runs it)."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urljoin, urlparse

import httpx2
import pytest
from starlette.testclient import TestClient

from server.app import create_app, sample_data_dir
from server.settings import Settings
from tests.conftest import MESA, error_codes
from tests.hardening import UNUSED_URI, serving
from tests.oidc_provider import AUDIENCE, ROLE_VALUES, run_provider
from tests.ws import connect

RESOURCE = "urn:ctecr:api"
REDIRECT_URI = "http://127.0.0.1/signed-in"  # never visited: the code is read from the redirect
CLIENT_SECRETS = {  # as tests/oidc/provider.mjs registers them
    "reviewer-robot": "reviewer-robot-test-secret",
    "mesa-robot": "mesa-robot-test-secret",
}
VIEWER = "{ viewer { id name role leas { entityId } } }"


@pytest.fixture(scope="module")
def provider_issuer():
    with run_provider(CTECR_TEST_REDIRECT_URI=REDIRECT_URI) as issuer:
        yield issuer


def access_token(issuer: str, client_id: str) -> str:
    response = httpx2.post(
        f"{issuer}/token",
        data={"grant_type": "client_credentials", "scope": "ctecr", "resource": "urn:ctecr:api"},
        auth=(client_id, CLIENT_SECRETS[client_id]),
    )
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def _redirected_to_app(browser: httpx2.Client, response: httpx2.Response) -> str:
    """Follow the provider's redirects until one leads back to the app; its URL."""
    while response.status_code in (302, 303):
        location = urljoin(str(response.url), response.headers["location"])
        if location.startswith(REDIRECT_URI):
            return location
        response = browser.get(location)
    raise AssertionError(f"no redirect to the app: {response.status_code} {response.text[:300]}")


def sign_in(issuer: str, login: str) -> str:
    """The access token a user gets by signing in on the provider's login page, as the web app
    does: Authorization Code with PKCE (S256), for the API's resource."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    with httpx2.Client() as browser:  # keeps the provider's cookies, as a browser would
        page = browser.get(
            f"{issuer}/auth",
            params={
                "client_id": "ctecr-web",
                "response_type": "code",
                "redirect_uri": REDIRECT_URI,
                "scope": "openid profile email",
                "resource": RESOURCE,
                "code_challenge": challenge,
                "code_challenge_method": "S256",
                "state": secrets.token_urlsafe(16),
            },
            follow_redirects=True,
        )
        action = re.search(r'<form[^>]*action="([^"]+)"', page.text)
        assert action, page.text[:500]
        submitted = browser.post(
            urljoin(str(page.url), action.group(1)),
            data={"prompt": "login", "login": login, "password": "any password"},
        )
        back = _redirected_to_app(browser, submitted)
        code = parse_qs(urlparse(back).query)["code"][0]
        response = browser.post(
            f"{issuer}/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": REDIRECT_URI,
                "client_id": "ctecr-web",
                "code_verifier": verifier,
                "resource": RESOURCE,
            },
        )
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def provider_settings(issuer: str, **overrides) -> Settings:
    options = {
        "mongodb_uri": UNUSED_URI,
        "env": "production",
        "trusted_documents": "allowed",  # production's default needs the web app's manifest
        "oidc_issuer": issuer,
        "oidc_audience": AUDIENCE,
        "oidc_role_claim": "groups",
        "oidc_role_values": ROLE_VALUES,
    }
    return Settings(**(options | overrides))


async def test_users_signed_in_at_the_provider_are_the_api_viewers(provider_issuer, store, clock):
    query = "{ viewer { id name role email leas { entityId } } }"
    async with serving(provider_settings(provider_issuer), store, clock) as gql:
        lea = await gql.data(query, token=sign_in(provider_issuer, "ana.mesa"))
        reviewer = await gql.data(query, token=sign_in(provider_issuer, "riley.reviewer"))
    assert lea["viewer"] == {
        "id": "ana.mesa",
        "name": "Ana Mesa",
        "role": "LEA_USER",
        "email": "ana.mesa@example.org",
        "leas": [{"entityId": MESA}],
    }
    assert reviewer["viewer"]["role"] == "REVIEWER"
    assert reviewer["viewer"]["email"] == "riley@example.org"


async def test_the_robots_access_tokens_are_accepted(provider_issuer, store, clock):
    async with serving(provider_settings(provider_issuer), store, clock) as gql:
        reviewer = await gql.data(VIEWER, token=access_token(provider_issuer, "reviewer-robot"))
        lea = await gql.data(VIEWER, token=access_token(provider_issuer, "mesa-robot"))
    assert reviewer["viewer"] == {
        "id": "reviewer-robot",
        "name": "Riley Reviewer",
        "role": "REVIEWER",
        "leas": [],
    }
    assert lea["viewer"]["role"] == "LEA_USER"
    assert lea["viewer"]["leas"] == [{"entityId": MESA}]


async def test_the_providers_tokens_for_another_audience_are_refused(provider_issuer, store, clock):
    settings = provider_settings(provider_issuer, oidc_audience="another-api")
    async with serving(settings, store, clock) as gql:
        body = await gql.post(VIEWER, token=access_token(provider_issuer, "reviewer-robot"))
    assert error_codes(body) == ["UNAUTHENTICATED"]
    assert "another audience" in body["errors"][0]["message"]


def test_a_websocket_connection_takes_the_providers_token(provider_issuer, store, clock):
    app = create_app(
        provider_settings(provider_issuer), store=store, clock=clock, data_dir=sample_data_dir()
    )
    token = access_token(provider_issuer, "reviewer-robot")
    with TestClient(app) as client, connect(client, token) as socket:
        socket.subscribe()
        socket.session.send_json({"id": "1", "type": "complete"})

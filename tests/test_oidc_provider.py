"""Against a real, certified OpenID Connect provider: oidc-provider (npm), run by
tests/oidc/provider.mjs on loopback, issues JWT access tokens (client credentials grant with
a resource indicator) that the API accepts through discovery, its JWKS and a claim mapping
of its `groups`. Skipped, saying why, without Node or without `npm ci` in tests/oidc
(`make test` runs it)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import httpx2
import pytest
from starlette.testclient import TestClient

from server.app import create_app, sample_data_dir
from server.settings import Settings
from tests.conftest import MESA, error_codes
from tests.hardening import serving
from tests.ws import connect

PROVIDER = Path(__file__).parent / "oidc"
AUDIENCE = "ctecr-api"
CLIENT_SECRETS = {  # as tests/oidc/provider.mjs registers them
    "reviewer-robot": "reviewer-robot-test-secret",
    "mesa-robot": "mesa-robot-test-secret",
}
VIEWER = "{ viewer { id name role leas { entityId } } }"


@pytest.fixture(scope="module")
def provider_issuer():
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: the oidc-provider tests need it")
    if not (PROVIDER / "node_modules" / "oidc-provider").is_dir():
        pytest.skip("oidc-provider is not installed: run `make test` (npm ci in tests/oidc)")
    process = subprocess.Popen(
        [node, str(PROVIDER / "provider.mjs")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={"CTECR_TEST_AUDIENCE": AUDIENCE, "PATH": ""},
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line, "oidc-provider exited before it listened"
        yield json.loads(line)["issuer"]
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


def access_token(issuer: str, client_id: str) -> str:
    response = httpx2.post(
        f"{issuer}/token",
        data={"grant_type": "client_credentials", "scope": "ctecr", "resource": "urn:ctecr:api"},
        auth=(client_id, CLIENT_SECRETS[client_id]),
    )
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def provider_settings(issuer: str, **overrides) -> Settings:
    options = {
        "mongodb_uri": None,
        "env": "production",
        "oidc_issuer": issuer,
        "oidc_audience": AUDIENCE,
        "oidc_role_claim": "groups",
        "oidc_role_values": {"ctecr-lea": "LEA_USER", "ctecr-reviewers": "REVIEWER"},
    }
    return Settings(**(options | overrides))


async def test_the_providers_access_tokens_are_accepted(provider_issuer, store, clock):
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

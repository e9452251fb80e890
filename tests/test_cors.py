"""CORS for single page apps served elsewhere: CTECR_ALLOWED_ORIGINS names the other origins
whose pages may call /graphql (and download attachments); by default only the service's own
origin may. The same list decides which pages may open the GraphQL WebSocket. CORS adds to
the CSRF preflight rule, never replaces it."""

from __future__ import annotations

import httpx2
import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from domain.repository import open_store
from server.app import create_app
from server.request_guards import PREFLIGHT_MESSAGE
from tests.hardening import development, production, token_for

PORTAL = "https://portal.example"
ELSEWHERE = "https://elsewhere.example"
ASKED_HEADERS = "authorization, content-type, apollo-require-preflight"


@pytest.fixture
async def portal_allowed(store, clock):
    settings = production(allowed_origins=[PORTAL])
    app = create_app(settings, store=store, clock=clock)
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client, settings


async def preflight(client, origin: str, path: str = "/graphql"):
    return await client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": ASKED_HEADERS,
        },
    )


async def test_a_preflight_from_an_allowed_origin_allows_the_apps_headers(portal_allowed):
    client, _ = portal_allowed
    response = await preflight(client, PORTAL)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == PORTAL
    allowed = {
        h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")
    }
    assert {"authorization", "content-type", "apollo-require-preflight"} <= allowed
    assert "POST" in response.headers["access-control-allow-methods"]


async def test_a_preflight_from_another_origin_is_refused(portal_allowed):
    client, _ = portal_allowed
    response = await preflight(client, ELSEWHERE)
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


async def test_by_default_no_other_origin_passes_the_preflight(store, clock):
    app = create_app(development(), store=store, clock=clock)
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await preflight(client, PORTAL)
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


async def test_only_an_allowed_origins_page_may_read_the_answer(portal_allowed):
    client, settings = portal_allowed
    headers = {"Authorization": f"Bearer {token_for(settings)}"}
    body = {"query": "{ viewer { id } }"}
    allowed = await client.post("/graphql", json=body, headers={**headers, "Origin": PORTAL})
    other = await client.post("/graphql", json=body, headers={**headers, "Origin": ELSEWHERE})
    assert allowed.headers["access-control-allow-origin"] == PORTAL
    assert "access-control-allow-origin" not in other.headers


async def test_an_allowed_origin_still_needs_the_csrf_preflight_header(portal_allowed):
    client, settings = portal_allowed
    response = await client.post(
        "/graphql",
        content=b'{"query": "{ viewer { id } }"}',
        headers={
            "Authorization": f"Bearer {token_for(settings)}",
            "Content-Type": "text/plain",
            "Origin": PORTAL,
        },
    )
    assert response.status_code == 400
    assert response.text == PREFLIGHT_MESSAGE


def opens_websocket(allowed: list[str], origin: str) -> bool:
    settings = production(allowed_origins=allowed)
    app = create_app(settings, store=open_store(None, "ctecr_cors_ws"))
    init = {
        "type": "connection_init",
        "payload": {"Authorization": f"Bearer {token_for(settings)}"},
    }
    with TestClient(app) as client:
        try:
            with client.websocket_connect(
                "/graphql", subprotocols=["graphql-transport-ws"], headers={"origin": origin}
            ) as socket:
                socket.send_json(init)
                return socket.receive_json()["type"] == "connection_ack"
        except WebSocketDisconnect:
            return False


def test_the_allowed_origins_decide_who_opens_the_websocket():
    assert opens_websocket([PORTAL], PORTAL)
    assert not opens_websocket([PORTAL], ELSEWHERE)
    assert not opens_websocket([], PORTAL)
    assert opens_websocket([], "http://testserver")  # the service's own origin


def test_allowed_origins_come_from_the_environment_under_both_names(monkeypatch):
    monkeypatch.setenv("CTECR_WEBSOCKET_ALLOWED_ORIGINS", f'["{ELSEWHERE}"]')
    assert development().allowed_origins == [ELSEWHERE]
    monkeypatch.setenv("CTECR_ALLOWED_ORIGINS", '["https://Portal.example:443"]')
    assert development().allowed_origins == [PORTAL]


def test_an_allowed_origin_that_is_not_an_origin_is_refused():
    with pytest.raises(ValueError, match="Invalid origin"):
        development(allowed_origins=["https://portal.example/app"])


async def test_a_body_too_large_is_still_413_and_readable_by_the_allowed_page(store, clock):
    settings = production(allowed_origins=[PORTAL], max_request_bytes=1000)
    app = create_app(settings, store=store, clock=clock)
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post(
            "/graphql",
            json={"query": "{ viewer { id } }", "variables": {"pad": "x" * 2000}},
            headers={"Origin": PORTAL, "Authorization": f"Bearer {token_for(settings)}"},
        )
    assert response.status_code == 413
    assert response.headers["access-control-allow-origin"] == PORTAL

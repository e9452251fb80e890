"""Driving the real app over graphql-transport-ws with Starlette's TestClient, and the
mutations over HTTP on the same client, so that everything runs on the app's event loop."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import anyio
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient, WebSocketTestSession

from server.websocket import TransportWSHandler
from tests.documents import CHANGE_REQUEST_EVENTS, SUBMIT_BRIEF

PROTOCOL = "graphql-transport-ws"
TIMEOUT = 5.0


class Socket:
    """One graphql-transport-ws connection; every wait has a timeout so a test cannot hang."""

    def __init__(self, session: WebSocketTestSession):
        self.session = session
        self._held: list[dict[str, Any]] = []  # messages of other operations, in order

    def init(self, payload: dict[str, Any] | None) -> dict[str, Any]:
        message: dict[str, Any] = {"type": "connection_init"}
        if payload is not None:
            message["payload"] = payload
        self.session.send_json(message)
        return self.receive()

    def subscribe(
        self, variables: dict | None = None, op_id: str = "1", query: str = CHANGE_REQUEST_EVENTS
    ) -> None:
        self.session.send_json(
            {
                "id": op_id,
                "type": "subscribe",
                "payload": {"query": query, "variables": variables or {}},
            }
        )

    def receive(self, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The next ASGI message as a dict: a protocol message, or {"type": "close", ...}."""

        async def next_message():
            with anyio.fail_after(timeout):
                # Starlette's session offers no timeout of its own.
                return await self.session._send_rx.receive()

        message = self.session.portal.call(next_message)
        if message["type"] == "websocket.close":
            return {"type": "close", "code": message.get("code"), "reason": message.get("reason")}
        return json.loads(message["text"])

    def message(self, op_id: str = "1") -> dict[str, Any]:
        """The next message of operation `op_id` (or the close), holding the others'."""
        for index, held in enumerate(self._held):
            if held.get("id") == op_id:
                return self._held.pop(index)
        while True:
            message = self.receive()
            if message.get("id", op_id) == op_id:
                return message
            self._held.append(message)

    def event(self, op_id: str = "1") -> dict[str, Any]:
        """The next subscription event's data of operation `op_id`; fails on anything else."""
        message = self.message(op_id)
        assert message["type"] == "next", message
        assert "errors" not in message["payload"], message
        return message["payload"]["data"]["changeRequestEvents"]


@contextlib.contextmanager
def connect(client: TestClient, token: str | None, path: str = "/graphql") -> Iterator[Socket]:
    """An acknowledged connection for `token`."""
    with client.websocket_connect(path, subprotocols=[PROTOCOL]) as session:
        socket = Socket(session)
        ack = socket.init({"Authorization": f"Bearer {token}"})
        assert ack["type"] == "connection_ack", ack
        yield socket


def post(
    client: TestClient, query: str, variables: dict, token: str, path: str = "/graphql"
) -> dict[str, Any]:
    response = client.post(
        path,
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def submit(
    client: TestClient,
    token: str,
    suid: str,
    school: int,
    program: str,
    course: str,
    credits: str = "0.5",
    path: str = "/graphql",
) -> dict[str, Any]:
    data = post(
        client,
        SUBMIT_BRIEF,
        {
            "input": {
                "suid": suid,
                "schoolEntityId": school,
                "programNumber": program,
                "courseNumber": course,
                "credits": credits,
                "gradeLevel": 10,
                "reason": "OUT_OF_STATE_TRANSFER",
                "justification": "Transcript from Texas",
            }
        },
        token,
        path,
    )["submitInsertCreditsRequest"]
    assert data["userErrors"] == [], data
    return data["changeRequest"]


def wait_until(condition: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def mounted(**apps: Starlette) -> Starlette:
    """One ASGI app serving each of `apps` under /<name>, with all their lifespans: several
    app instances on one event loop, as separate processes would be on one database."""

    @contextlib.asynccontextmanager
    async def lifespan(_):
        async with contextlib.AsyncExitStack() as stack:
            for app in apps.values():
                await stack.enter_async_context(app.router.lifespan_context(app))
            yield

    return Starlette(
        routes=[Mount(f"/{name}", app) for name, app in apps.items()], lifespan=lifespan
    )


class HeldEvents:
    """Holds the subscription events sent to one viewer's sockets, as a client that stops
    reading holds them once the buffers are full, until `release`. `waiting`: how many of
    those sends are held now."""

    def __init__(self, client: TestClient, monkeypatch: pytest.MonkeyPatch, viewer_id: str):
        self.client = client
        self.waiting = 0
        self._gate = asyncio.Event()
        send = TransportWSHandler.send_message

        async def held(handler: TransportWSHandler, message) -> None:
            if message.get("type") == "next" and handler.context.viewer.id == viewer_id:
                self.waiting += 1
                await self._gate.wait()
                self.waiting -= 1
            await send(handler, message)

        monkeypatch.setattr(TransportWSHandler, "send_message", held)

    def release(self) -> None:
        self.client.portal.call(self._gate.set)

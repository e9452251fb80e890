"""`ctecr serve` compresses WebSockets only when CTECR_WEBSOCKET_COMPRESSION says so: a client
offering permessage-deflate (as browsers do) gets it only then (server/serving.py)."""

from __future__ import annotations

import asyncio

import pytest
from websockets.asyncio.client import connect

from tests.live_server import live_server


async def negotiated(port: int) -> str | None:
    url = f"ws://127.0.0.1:{port}/graphql"
    async with connect(url, subprotocols=["graphql-transport-ws"]) as socket:
        assert socket.response is not None
        return socket.response.headers.get("Sec-WebSocket-Extensions")


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("setting", "deflates"), [(None, False), ("true", True)])
def test_websocket_compression_follows_the_setting(setting, deflates):
    settings = {} if setting is None else {"CTECR_WEBSOCKET_COMPRESSION": setting}
    with live_server(**settings) as server:
        extensions = asyncio.run(negotiated(server.port))
    assert (extensions is not None and "permessage-deflate" in extensions) is deflates

"""A closed WebSocket leaves nothing behind: 5,000 connect / ack / close cycles against
`ctecr serve`, over real sockets, keep the server's resident set within 20 MB."""

from __future__ import annotations

import asyncio
import json

import pytest
from websockets.asyncio.client import connect

from tests.conftest import Tokens
from tests.live_server import LiveServer, live_server

CYCLES, WARM_UP, CONCURRENCY = 5000, 300, 20
ALLOWED_GROWTH = 20 * 1024 * 1024


async def cycle(url: str, init: str) -> None:
    async with connect(url, subprotocols=["graphql-transport-ws"]) as socket:
        await socket.send(init)
        assert json.loads(await socket.recv())["type"] == "connection_ack"


async def cycles(server: LiveServer, count: int) -> None:
    url = f"ws://127.0.0.1:{server.port}/graphql"
    init = json.dumps(
        {"type": "connection_init", "payload": {"Authorization": f"Bearer {Tokens().reviewer}"}}
    )
    pending = iter(range(count))

    async def worker() -> None:
        for _ in pending:
            await cycle(url, init)

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))


@pytest.mark.timeout(120)
def test_closed_websockets_leave_the_resident_set_within_20_mb():
    with live_server() as server:
        asyncio.run(cycles(server, WARM_UP))  # imports, caches and pools settle first
        before = server.rss_bytes()
        asyncio.run(cycles(server, CYCLES))
        grown = server.rss_bytes() - before
    assert grown < ALLOWED_GROWTH, f"{grown / 2**20:.1f} MB after {CYCLES} closed sockets"

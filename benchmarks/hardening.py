"""What an attacker can make the service spend. (1) The worst document of about 2 KB we can
build against the pre-validation bounds (repeated fields, wide selection sets, fragments,
introspection), each sent fresh (a unique comment defeats the caches) through the
in-process app with a valid token, and anonymously: the slowest answer, in ms. Issue 16 asks
for under 50 ms. (2) The memory a closed WebSocket leaves behind: connect / ack / close cycles
against `ctecr serve` over real sockets, the server's resident set before and after."""

from __future__ import annotations

import asyncio
import time

import httpx2

from domain.repository import open_store
from server.app import create_app, sample_data_dir
from tests.conftest import FixedClock
from tests.hardening import development, token_for
from tests.live_server import live_server
from tests.test_websocket_memory import cycles

SIZE = 2048
ROUNDS = 5
WS_WARM_UP, WS_CYCLES = 300, 3000


def _fill(make, size: int = SIZE) -> str:
    """The largest document `make(n)` not longer than `size`."""
    n = 1
    while len(make(n + 1)) <= size:
        n += 1
    return make(n)


def candidates() -> dict[str, str]:
    leaf = "leas { name kind entityId }"
    return {
        "one field repeated": _fill(
            lambda n: "{ viewer { " + " ".join(["leas { name }"] * n) + " } }"
        ),
        "five repeats, nested": _fill(
            lambda n: (
                "{ viewer { "
                + " ".join(f"a{i}: leas {{ {' '.join([leaf] * 5)} }}" for i in range(n))
                + " } }"
            )
        ),
        "wide aliases": _fill(
            lambda n: "{ viewer { " + " ".join(f"a{i}: id" for i in range(n)) + " } }"
        ),
        "fragments spread everywhere": _fill(
            lambda n: (
                "{ viewer { ...F ...F ...F ...F ...F } } fragment F on Viewer { "
                + " ".join(["leas { name }"] * n)
                + " }"
            )
        ),
        "introspection repeated": _fill(
            lambda n: "{ __schema { " + " ".join(["types { name fields { name } }"] * n) + " } }"
        ),
    }


async def worst_document_ms() -> list[tuple[str, str, float, str]]:
    settings = development()
    app = create_app(
        settings, store=open_store(None, "bench"), clock=FixedClock(), data_dir=sample_data_dir()
    )
    token = token_for(settings)
    rows = []
    async with app.router.lifespan_context(app):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://bench") as http:
            for name, document in candidates().items():
                for who, headers in (
                    ("token", {"Authorization": f"Bearer {token}"}),
                    ("anonymous", {}),
                ):
                    best = float("inf")
                    outcome = ""
                    for round_ in range(ROUNDS):
                        text = f"{document}\n# {round_}-{time.perf_counter_ns()}"
                        started = time.perf_counter()
                        body = (
                            await http.post("/graphql", json={"query": text}, headers=headers)
                        ).json()
                        best = min(best, (time.perf_counter() - started) * 1000)
                        codes = [
                            e.get("extensions", {}).get("code") for e in body.get("errors", [])
                        ]
                        outcome = ",".join(sorted(set(codes))) or "ok"
                    rows.append((name, who, best, outcome))
    return rows


def closed_websocket_bytes() -> float:
    with live_server() as server:
        asyncio.run(cycles(server, WS_WARM_UP))
        before = server.rss_bytes()
        asyncio.run(cycles(server, WS_CYCLES))
        return (server.rss_bytes() - before) / WS_CYCLES


def main() -> None:
    rows = asyncio.run(worst_document_ms())
    print(f"\nDocuments of at most {SIZE} bytes, best of {ROUNDS}, in process:")
    for name, who, ms, outcome in rows:
        print(f"  {name:30} {who:9} {ms:8.1f} ms  {outcome}")
    worst = max(rows, key=lambda row: row[2])
    print(f"worst-case 2 KB document: {worst[2]:.1f} ms ({worst[0]}, {worst[1]})")
    per_socket = closed_websocket_bytes()
    print(f"memory per closed WebSocket: {per_socket / 1024:.2f} KB ({WS_CYCLES} cycles, RSS)")

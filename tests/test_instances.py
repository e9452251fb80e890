"""Several processes on one database, and a graceful shutdown.

The embedded store lives in one process's memory, so "processes" here are two app instances
in this test process on one store: each has its own services, event feed, recovery task and
loaders, as separate processes would on one MongoDB (test_subscriptions has the subscriber on
one receiving the other's events). The shutdown test runs a real uvicorn server on loopback.
"""

import asyncio
import contextlib
import inspect
import json
import socket
from collections import Counter

import httpx2
import pytest
import websockets

from schema.ids import local_id
from server.app import create_app, sample_data_dir
from server.cli import APP_FACTORY
from server.shutdown import GracefulServer
from tests.approval_support import approve, codes, record_calls, submit, yield_on_every_store_call
from tests.conftest import RED_MOUNTAIN, GraphQLClient
from tests.documents import CHANGE_REQUEST_EVENTS
from tests.sample import C1, CULINARY, MATEO
from tests.ws import PROTOCOL

MATEOS_REQUEST = dict(suid=MATEO, school=RED_MOUNTAIN, program=CULINARY, course=C1, credits="0.5")


@contextlib.asynccontextmanager
async def instance(settings, store, clock):
    app = create_app(settings, store=store, clock=clock, data_dir=sample_data_dir())
    async with app.router.lifespan_context(app):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as http:
            yield app, GraphQLClient(http)


@pytest.mark.policy("P16")
async def test_approvals_racing_across_two_instances_land_once(
    settings, store, clock, tokens, monkeypatch
):
    async with (
        instance(settings, store, clock) as (one, gql_one),
        instance(settings, store, clock) as (other, gql_other),
    ):
        assert one.state.services is not other.state.services
        request = await submit(gql_one, tokens.mesa, **MATEOS_REQUEST)
        yield_on_every_store_call(store, monkeypatch)
        claims = record_calls(monkeypatch, store.requests, "claim_approval")
        payloads = await asyncio.gather(
            approve(gql_one, tokens.reviewer, request["id"]),
            approve(gql_other, tokens.reviewer2, request["id"]),
        )
    assert sorted(codes(p) for p in payloads) == [[], ["INVALID_TRANSITION"]]
    assert len(claims) == 2 and sum(c is None for c in claims) == 1  # the race was real
    record = await store.db.records.find_one(
        {"suid": MATEO, "fiscalYear": 2026, "programNumber": CULINARY}
    )
    request_id = local_id(request["id"], "ChangeRequest")
    assert record["appliedRequestIds"].count(request_id) == 1
    [course] = [c for c in record["courses"] if c["courseNumber"] == C1]
    assert [i["changeRequestId"] for i in course["insertions"]] == [request_id]
    kinds = Counter([e["kind"] async for e in store.db.events.find()])
    assert kinds["APPROVED"] == 1


# --- graceful shutdown ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def until(probe, wanted=True, seconds: float = 10) -> None:
    """Wait until `probe()` (a value or an awaitable) equals `wanted`, at most `seconds`."""
    async with asyncio.timeout(seconds):
        while True:
            found = probe()
            if (await found if inspect.isawaitable(found) else found) == wanted:
                return
            await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def uvicorn_serving(app):
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on")
    server = GracefulServer(config)
    task = asyncio.create_task(server.serve())
    await until(lambda: server.started)
    try:
        yield server, port
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 20)


async def test_shutdown_lets_requests_finish_and_closes_sockets_with_1001_and_a_resume_id(
    settings, store, clock, tokens, monkeypatch
):
    app = create_app(settings, store=store, clock=clock, data_dir=sample_data_dir())
    async with uvicorn_serving(app) as (server, port):
        base = f"http://127.0.0.1:{port}"
        async with httpx2.AsyncClient(base_url=base, timeout=20) as http:
            request = await submit(GraphQLClient(http), tokens.mesa, **MATEOS_REQUEST)
            feed = app.state.services.event_feed
            await until(lambda: feed.lag(), 0)  # the submission delivered: a resume point
            async with websockets.connect(
                f"ws://127.0.0.1:{port}/graphql", subprotocols=[PROTOCOL]
            ) as ws:
                auth = {"Authorization": f"Bearer {tokens.reviewer}"}
                await ws.send(json.dumps({"type": "connection_init", "payload": auth}))
                assert json.loads(await ws.recv())["type"] == "connection_ack"
                subscribe = {"query": CHANGE_REQUEST_EVENTS, "variables": {}}
                await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": subscribe}))
                await until(lambda: feed.subscriber_count == 1)

                # An approval in flight when the shutdown begins: its claim waits a while.
                claim = store.requests.claim_approval
                claimed = asyncio.Event()

                async def slow_claim(*args, **kwargs):
                    claimed.set()
                    await asyncio.sleep(0.5)
                    return await claim(*args, **kwargs)

                monkeypatch.setattr(store.requests, "claim_approval", slow_claim)
                in_flight = asyncio.create_task(
                    approve(GraphQLClient(http), tokens.reviewer, request["id"])
                )
                await claimed.wait()
                server.should_exit = True
                with pytest.raises(websockets.ConnectionClosed) as closed:
                    while True:
                        await asyncio.wait_for(ws.recv(), 10)
                payload = await in_flight
    assert closed.value.rcvd.code == 1001
    submitted = f"{local_id(request['id'], 'ChangeRequest')}:1"
    assert closed.value.rcvd.reason == f"server shutting down; resume with after: {submitted}"
    assert payload["userErrors"] == [] and payload["changeRequest"]["status"] == "APPROVED"


def test_workers_start_from_the_factory_and_their_metrics_are_summed(tmp_path, tokens):
    """`ctecr serve --workers 2` machinery, in a child process: two workers serve one port,
    the supervisor serves the sum of their metrics, and a SIGTERM to it stops them cleanly.
    (The embedded store is per process, which is why the command itself refuses --workers
    without CTECR_MONGODB_URI; here each worker has an empty store of its own.)"""
    import os
    import re
    import signal
    import subprocess
    import sys
    import time

    port, metrics_port = _free_port(), _free_port()
    script = (
        "import os; from server.cli import run_server, _multiprocess_dir; "
        "from server.settings import Settings; "
        "from server.metrics import serve_metrics; "
        f"serve_metrics('127.0.0.1', {metrics_port}, _multiprocess_dir()); "
        f"run_server({APP_FACTORY!r}, '127.0.0.1', {port}, Settings(), 2)"
    )
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        child = subprocess.Popen([sys.executable, "-c", script], stderr=out, stdout=out, env=env)
        try:
            deadline = time.monotonic() + 60
            while log.read_text().count("Application startup complete") < 2:
                assert time.monotonic() < deadline, log.read_text()[-2000:]
                assert child.poll() is None, log.read_text()[-2000:]
                time.sleep(0.1)
            auth = {"Authorization": f"Bearer {tokens.mesa}"}
            for _ in range(6):  # new connections: the kernel spreads them over the workers
                answer = httpx2.post(
                    f"http://127.0.0.1:{port}/graphql",
                    json={"query": "query Me { viewer { id } }"},
                    headers=auth,
                )
                assert answer.json()["data"]["viewer"]["id"] == "lea-mesa"
            text = httpx2.get(f"http://127.0.0.1:{metrics_port}/metrics").text
            child.send_signal(signal.SIGTERM)
            assert child.wait(timeout=30) == 0
        finally:
            if child.poll() is None:
                child.kill()
    summed = re.search(r'ctecr_operations_total\{[^}]*outcome="ok"[^}]*\} (\S+)', text)
    assert summed is not None and float(summed.group(1)) == 6, text[-3000:]
    served = log.read_text()
    workers = set(re.findall(r"Started server process \[(\d+)\]", served))
    assert len(workers) == 2, served[-2000:]
    assert served.count("Application shutdown complete") == 2

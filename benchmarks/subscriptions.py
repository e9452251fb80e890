"""Subscription delivery delay: 200 WebSocket subscribers (in this process) on a real uvicorn
server (in a child process, on the embedded store with the sample data), and mutations over
HTTP. For each mutation, the delay from its response reaching the client to each subscriber
receiving its event. Mutations are spaced at random within a poll interval so that they do
not line up with the poller. The clients' own work (200 sockets, JSON parsing) is part of
the figures."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import random
import socket
import statistics
import time
from datetime import UTC, datetime

import httpx2
import uvicorn
import websockets

from domain.models import Role
from domain.repository import open_store
from schema.ids import local_id
from server.app import create_app, sample_data_dir
from server.auth import issue_token
from server.logging import configure_logging
from server.settings import DEVELOPMENT_SECRET, Settings

SUBSCRIBERS = 200
MUTATIONS = 40
NOW = datetime(2026, 11, 28, 19, 0, tzinfo=UTC)  # FY2026 is the participant year

SUBSCRIPTION = "subscription { changeRequestEvents { id kind changeRequest { id status } } }"
SUBMIT = """mutation($input: SubmitInsertCreditsRequestInput!) {
  submitInsertCreditsRequest(input: $input) { changeRequest { id } userErrors { code } } }"""
ASK = """mutation($input: RequestMoreInformationInput!) {
  requestMoreInformation(input: $input) { changeRequest { id } userErrors { code } } }"""
PROVIDE = """mutation($input: ProvideInformationInput!) {
  provideInformation(input: $input) { changeRequest { id } userErrors { code } } }"""


def token(role: Role, sub: str, leas: tuple[int, ...] = ()) -> str:
    return issue_token(DEVELOPMENT_SECRET, role=role, sub=sub, name=sub, lea_ids=leas)


REVIEWER = token(Role.REVIEWER, "bench-reviewer")
MESA = token(Role.LEA_USER, "bench-mesa", (4235,))


def serve(port_out) -> None:
    """The server process: the app on uvicorn at a free local port, sent back on `port_out`."""
    settings = Settings(mongodb_uri=None, jwt_secret=DEVELOPMENT_SECRET, env="development")
    app = create_app(
        settings,
        store=open_store(None, "ctecr_bench"),
        clock=lambda: NOW,
        data_dir=sample_data_dir(),
    )
    configure_logging("INFO", open(os.devnull, "w"))  # one JSON line per operation, dropped
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port_out.send((listener.getsockname()[1], app.state.services.event_feed.interval))
    asyncio.run(uvicorn.Server(uvicorn.Config(app, log_level="warning")).serve([listener]))


class Server:
    """The server in its own process, so that the clients do not share its interpreter."""

    def __enter__(self) -> Server:
        context = multiprocessing.get_context("spawn")
        receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=serve, args=(sender,), daemon=True)
        self.process.start()
        self.port, self.interval = receiver.recv()
        deadline = time.monotonic() + 30
        while not self._healthy():
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        return self

    def _healthy(self) -> bool:
        try:
            return httpx2.get(f"http://127.0.0.1:{self.port}/healthz").status_code == 200
        except httpx2.TransportError:
            return False

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.join(10)


async def subscriber(url: str, ready: asyncio.Event, arrivals: dict[str, list[float]]):
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"], max_queue=None) as ws:
        await ws.send(
            json.dumps(
                {"type": "connection_init", "payload": {"Authorization": f"Bearer {REVIEWER}"}}
            )
        )
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(
            json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}})
        )
        ready.set()
        async for text in ws:
            received = time.perf_counter()
            message = json.loads(text)
            assert message["type"] == "next", message
            arrivals.setdefault(message["payload"]["data"]["changeRequestEvents"]["id"], []).append(
                received
            )


async def mutate(http: httpx2.AsyncClient, query: str, given: dict, bearer: str) -> str:
    response = await http.post(
        "/graphql",
        json={"query": query, "variables": {"input": given}},
        headers={"Authorization": f"Bearer {bearer}"},
    )
    payload = next(iter(response.json()["data"].values()))
    assert payload["userErrors"] == [], payload
    return payload["changeRequest"]["id"]


async def step(http: httpx2.AsyncClient, request_id: str, version: int) -> None:
    """The request's next transition: a reviewer asks, the LEA user answers, and again."""
    asking = version % 2 == 1  # odd versions are PENDING_REVIEW
    await mutate(
        http,
        ASK if asking else PROVIDE,
        {"id": request_id, "comment": f"version {version}"},
        REVIEWER if asking else MESA,
    )


async def all_arrived(arrivals: dict[str, list[float]], event_id: str, timeout: float) -> bool:
    deadline = time.perf_counter() + timeout
    while len(arrivals.get(event_id, ())) < SUBSCRIBERS:
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(0.001)
    return True


async def run(server: Server) -> tuple[list[float], list[float]]:
    arrivals: dict[str, list[float]] = {}
    readies = [asyncio.Event() for _ in range(SUBSCRIBERS)]
    url = f"ws://127.0.0.1:{server.port}/graphql"
    clients = [asyncio.create_task(subscriber(url, r, arrivals)) for r in readies]
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 60)
    delays, mutation_times = [], []
    async with httpx2.AsyncClient(base_url=f"http://127.0.0.1:{server.port}") as http:
        request_id = await mutate(
            http,
            SUBMIT,
            {
                "suid": "1002345701",
                "schoolEntityId": 79012,
                "programNumber": "12.0500",
                "courseNumber": "12050010",
                "credits": "0.5",
                "gradeLevel": 10,
                "reason": "OUT_OF_STATE_TRANSFER",
                "justification": "Transcript",
            },
            MESA,
        )
        event_of = f"{local_id(request_id, 'ChangeRequest')}:{{}}".format
        version = 1
        # Warm-up: until one event reaches every subscriber, they are not all registered.
        while not await all_arrived(arrivals, event_of(version), timeout=2):
            await step(http, request_id, version)
            version += 1
        for _ in range(MUTATIONS):
            await asyncio.sleep(random.uniform(0, server.interval))
            sent = time.perf_counter()
            await step(http, request_id, version)
            answered = time.perf_counter()
            version += 1
            mutation_times.append(answered - sent)
            assert await all_arrived(arrivals, event_of(version), timeout=30)
            delays.extend(t - answered for t in arrivals[event_of(version)])
    for client in clients:
        client.cancel()
    await asyncio.gather(*clients, return_exceptions=True)
    return delays, mutation_times


def millis(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return (
        f"p50 {statistics.median(values) * 1000:7.1f} ms   p99 {cuts[98] * 1000:7.1f} ms   "
        f"max {max(values) * 1000:7.1f} ms"
    )


def main() -> None:
    with Server() as server:
        delays, mutation_times = asyncio.run(run(server))
        interval = server.interval
    print(
        f"subscriptions: {SUBSCRIBERS} WebSocket subscribers, {MUTATIONS} mutations, "
        f"poll interval {interval * 1000:.0f} ms, embedded store"
    )
    print(f"  mutation response -> each subscriber's receipt ({len(delays)}): {millis(delays)}")
    print(f"  mutation round trip ({len(mutation_times)}): {millis(mutation_times)}")

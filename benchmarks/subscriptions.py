"""Subscription delivery delay: WebSocket subscribers (in this process) on real uvicorn servers
(in a child process) and mutations over HTTP. For each mutation, the delay from its response
reaching the client to each subscriber receiving its event. Mutations are spaced at random
within a poll interval so that they do not line up with the poller. The clients' own work (up
to 200 sockets, JSON parsing) is part of the figures.

The child process serves two app instances on one embedded store, each with its own event
feed, as two processes on one MongoDB would be (the embedded store lives in one process's
memory, so two processes cannot share it; tests/test_instances.py does the same). Mutations
always go to instance A: subscribers on A are woken by the write, subscribers on B learn of it
by polling. Rows with "a document each" give every subscriber its own operation name, so that
none shares another's execution: on B that is the delivery path before waking and sharing.
"""

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

# (instance, subscribers, a document each, mutations)
ROWS = [
    ("A", 1, False, 100),
    ("A", 50, False, 60),
    ("A", 200, False, 40),
    ("A", 200, True, 40),
    ("B", 1, False, 100),
    ("B", 200, False, 40),
    ("B", 200, True, 40),
]
NOW = datetime(2026, 11, 28, 19, 0, tzinfo=UTC)  # FY2026 is the participant year

SELECTION = "{ changeRequestEvents { id kind changeRequest { id status } } }"
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


def serve(ports_out) -> None:
    """The server process: instances A and B on one store, each on uvicorn at a free local
    port; the ports are sent back on `ports_out`."""
    settings = Settings(mongodb_uri=None, jwt_secret=DEVELOPMENT_SECRET, env="development")
    store = open_store(None, "ctecr_bench")
    apps = [
        create_app(settings, store=store, clock=lambda: NOW, data_dir=sample_data_dir()),
        create_app(settings, store=store, clock=lambda: NOW),
    ]
    configure_logging("INFO", open(os.devnull, "w"))  # one JSON line per operation, dropped
    listeners = [socket.socket() for _ in apps]
    for listener in listeners:
        listener.bind(("127.0.0.1", 0))
    ports = [listener.getsockname()[1] for listener in listeners]
    ports_out.send((ports, apps[0].state.services.event_feed.interval))
    asyncio.run(serve_all(apps, listeners))


async def serve_all(apps, listeners) -> None:
    servers = [uvicorn.Server(uvicorn.Config(app, log_level="warning")) for app in apps]
    await asyncio.gather(
        *(server.serve([listener]) for server, listener in zip(servers, listeners, strict=True))
    )


class Server:
    """The server in its own process, so that the clients do not share its interpreter."""

    def __enter__(self) -> Server:
        context = multiprocessing.get_context("spawn")
        receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=serve, args=(sender,), daemon=True)
        self.process.start()
        ports, self.interval = receiver.recv()
        self.ports = dict(zip("AB", ports, strict=True))
        deadline = time.monotonic() + 30
        while not all(self._healthy(port) for port in ports):
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        return self

    @staticmethod
    def _healthy(port: int) -> bool:
        try:
            return httpx2.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
        except httpx2.TransportError:
            return False

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.join(10)


async def subscriber(
    url: str, document: str, ready: asyncio.Event, arrivals: dict[str, list[float]]
) -> None:
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"], max_queue=None) as ws:
        await ws.send(
            json.dumps(
                {"type": "connection_init", "payload": {"Authorization": f"Bearer {REVIEWER}"}}
            )
        )
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": document}}))
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


async def all_arrived(
    arrivals: dict[str, list[float]], event_id: str, count: int, timeout: float
) -> bool:
    deadline = time.perf_counter() + timeout
    while len(arrivals.get(event_id, ())) < count:
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(0.001)
    return True


class Request:
    """The one request every row moves through its transitions, and its version."""

    def __init__(self, http: httpx2.AsyncClient, request_id: str):
        self.http = http
        self.id = request_id
        self.version = 1
        self.event_of = f"{local_id(request_id, 'ChangeRequest')}:{{}}".format

    @classmethod
    async def submit(cls, http: httpx2.AsyncClient) -> Request:
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
        return cls(http, request_id)

    async def step(self) -> str:
        """The next transition; the id of its event."""
        await step(self.http, self.id, self.version)
        self.version += 1
        return self.event_of(self.version)


async def run_row(
    server: Server, request: Request, row: tuple[str, int, bool, int]
) -> tuple[list[float], list[float]]:
    instance, count, own_documents, mutations = row
    arrivals: dict[str, list[float]] = {}
    readies = [asyncio.Event() for _ in range(count)]
    url = f"ws://127.0.0.1:{server.ports[instance]}/graphql"
    documents = [
        f"subscription Events{n if own_documents else ''} {SELECTION}" for n in range(count)
    ]
    clients = [
        asyncio.create_task(subscriber(url, document, ready, arrivals))
        for document, ready in zip(documents, readies, strict=True)
    ]
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 60)
    # Warm-up: until one event reaches every subscriber, they are not all registered.
    while not await all_arrived(arrivals, await request.step(), count, timeout=2):
        pass
    delays, mutation_times = [], []
    for _ in range(mutations):
        await asyncio.sleep(random.uniform(0, server.interval))
        sent = time.perf_counter()
        event_id = await request.step()
        answered = time.perf_counter()
        mutation_times.append(answered - sent)
        assert await all_arrived(arrivals, event_id, count, timeout=30)
        delays.extend(t - answered for t in arrivals[event_id])
    for client in clients:
        client.cancel()
    await asyncio.gather(*clients, return_exceptions=True)
    return delays, mutation_times


async def run(server: Server) -> list[tuple[list[float], list[float]]]:
    async with httpx2.AsyncClient(base_url=f"http://127.0.0.1:{server.ports['A']}") as http:
        request = await Request.submit(http)
        return [await run_row(server, request, row) for row in ROWS]


def millis(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return (
        f"p50 {statistics.median(values) * 1000:7.1f} ms   p99 {cuts[98] * 1000:7.1f} ms   "
        f"max {max(values) * 1000:7.1f} ms"
    )


def label(row: tuple[str, int, bool, int]) -> str:
    instance, count, own_documents, _ = row
    how = "woken by the write" if instance == "A" else "polling"
    each = ", a document each" if own_documents else ""
    return f"{instance} ({how}), {count} subscriber{'s' if count > 1 else ''}{each}"


def main() -> None:
    with Server() as server:
        results = asyncio.run(run(server))
        interval = server.interval
    print(
        "subscriptions: mutation response -> each subscriber's receipt; two app instances on "
        f"one embedded store, mutations on A, poll interval {interval * 1000:.0f} ms"
    )
    for row, (delays, _) in zip(ROWS, results, strict=True):
        print(f"  {label(row):<54} ({len(delays):5} receipts): {millis(delays)}")
    mutation_times = [t for _, times in results for t in times]
    print(f"  mutation round trip ({len(mutation_times)}): {millis(mutation_times)}")

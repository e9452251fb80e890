"""Subscription delivery delay: WebSocket subscribers (in this process) on real uvicorn servers
(in a child process) and mutations over HTTP. For each mutation, the delay from its response
reaching the client to each subscriber receiving its event. Mutations are spaced at random
within a poll interval so that they do not line up with the poller.

The clients share the bench's interpreter, and the machine may have two cores only, so they are
lean: each socket is websockets' sans-I/O protocol on an asyncio transport, offering
permessage-deflate as a browser does, and a message counts as received when its bytes reach
the client (`data_received`), before it is parsed and recorded; each mutation waits for its
last receipt without polling. The server runs with the options of `ctecr serve`
(server/serving.py) and its default settings.

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
from websockets.client import ClientProtocol
from websockets.extensions.permessage_deflate import enable_client_permessage_deflate
from websockets.frames import Opcode
from websockets.http11 import Response
from websockets.uri import parse_uri

from domain.models import Role
from domain.repository import open_store
from schema.ids import local_id
from server.app import create_app, sample_data_dir
from server.auth import issue_token
from server.logging import configure_logging
from server.serving import uvicorn_options
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
    asyncio.run(serve_all(apps, listeners, settings))


async def serve_all(apps, listeners, settings: Settings) -> None:
    options = uvicorn_options(settings)
    servers = [uvicorn.Server(uvicorn.Config(app, log_level="warning", **options)) for app in apps]
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


class Arrivals:
    """The receipt times of each event's messages, and a wait for the count expected."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}
        self._waits: dict[str, tuple[int, asyncio.Future[None]]] = {}

    def record(self, event_id: str, received: float) -> None:
        times = self.times.setdefault(event_id, [])
        times.append(received)
        count, done = self._waits.get(event_id, (0, None))
        if done is not None and len(times) >= count and not done.done():
            done.set_result(None)

    async def all_arrived(self, event_id: str, count: int, timeout: float) -> bool:
        if len(self.times.get(event_id, ())) >= count:
            return True
        done = asyncio.get_running_loop().create_future()
        self._waits[event_id] = (count, done)
        try:
            await asyncio.wait_for(done, timeout)
        except TimeoutError:
            return False
        finally:
            del self._waits[event_id]
        return True


class Subscriber(asyncio.Protocol):
    """One graphql-transport-ws subscriber: connection_init, subscribe, then every `next`
    is recorded with the time its bytes arrived."""

    def __init__(self, url: str, document: str, arrivals: Arrivals):
        self.protocol = ClientProtocol(
            parse_uri(url),
            subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
            extensions=enable_client_permessage_deflate(None),
            max_size=None,
        )
        self.document = document
        self.arrivals = arrivals
        self.subscribed = asyncio.get_running_loop().create_future()
        self.closed = asyncio.get_running_loop().create_future()

    def connection_made(self, transport) -> None:
        self.transport = transport
        self.protocol.send_request(self.protocol.connect())
        self._flush()

    def data_received(self, data: bytes) -> None:
        received = time.perf_counter()
        self.protocol.receive_data(data)
        for event in self.protocol.events_received():
            if isinstance(event, Response):
                init = {
                    "type": "connection_init",
                    "payload": {"Authorization": f"Bearer {REVIEWER}"},
                }
                self._send(init)
            elif event.opcode is Opcode.TEXT:
                self._message(json.loads(event.data), received)
        self._flush()

    def _message(self, message: dict, received: float) -> None:
        if message["type"] == "connection_ack":
            self._send({"id": "1", "type": "subscribe", "payload": {"query": self.document}})
            self.subscribed.set_result(None)
            return
        assert message["type"] == "next", message
        self.arrivals.record(message["payload"]["data"]["changeRequestEvents"]["id"], received)

    def _send(self, message: dict) -> None:
        self.protocol.send_text(json.dumps(message).encode())

    def _flush(self) -> None:
        self.transport.write(b"".join(self.protocol.data_to_send()))

    def connection_lost(self, exc) -> None:
        if not self.closed.done():
            self.closed.set_result(None)

    async def close(self) -> None:
        self.protocol.send_close()
        self._flush()
        self.transport.close()
        await self.closed


async def subscribe(port: int, document: str, arrivals: Arrivals) -> Subscriber:
    url = f"ws://127.0.0.1:{port}/graphql"
    loop = asyncio.get_running_loop()
    _, client = await loop.create_connection(
        lambda: Subscriber(url, document, arrivals), "127.0.0.1", port
    )
    await client.subscribed
    return client


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
    arrivals = Arrivals()
    documents = [
        f"subscription Events{n if own_documents else ''} {SELECTION}" for n in range(count)
    ]
    port = server.ports[instance]
    clients = await asyncio.wait_for(
        asyncio.gather(*(subscribe(port, document, arrivals) for document in documents)), 60
    )
    # Warm-up: until one event reaches every subscriber, they are not all registered.
    while not await arrivals.all_arrived(await request.step(), count, timeout=2):
        pass
    delays, mutation_times = [], []
    for _ in range(mutations):
        await asyncio.sleep(random.uniform(0, server.interval))
        sent = time.perf_counter()
        event_id = await request.step()
        answered = time.perf_counter()
        mutation_times.append(answered - sent)
        assert await arrivals.all_arrived(event_id, count, timeout=30)
        delays.extend(t - answered for t in arrivals.times[event_id])
    await asyncio.gather(*(client.close() for client in clients))
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

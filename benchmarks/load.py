"""A closed-loop load generator (a fixed number of concurrent workers, each sending its next
request when the last one is answered), an in-process client, and a uvicorn server on
loopback in a process of its own so that client and server do not share one interpreter."""

from __future__ import annotations

import asyncio
import contextlib
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx2

CONCURRENCY = 16


@dataclass
class Run:
    count: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile_ms(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p99(self) -> float:
        return self.percentile_ms(0.99)


async def closed_loop(
    send: Callable[[], Awaitable[None]], total: int, concurrency: int = CONCURRENCY
) -> Run:
    """Send `total` requests from `concurrency` workers; time each and the whole."""
    run = Run(count=total)
    tickets = iter(range(total))

    async def worker() -> None:
        for _ in tickets:
            started = time.perf_counter()
            await send()
            run.latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    run.seconds = time.perf_counter() - started
    return run


def in_process_client(app) -> httpx2.AsyncClient:
    return httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://bench")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.asynccontextmanager
async def uvicorn_server(factory: str):
    """`factory` served by uvicorn on 127.0.0.1 in a child process; yields a client with
    CONCURRENCY keep-alive connections to it. The child is ended on exit."""
    port = _free_port()
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            factory,
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    limits = httpx2.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    try:
        async with httpx2.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=30
        ) as client:
            await _wait_ready(client, child)
            yield client
    finally:
        child.terminate()
        child.wait(timeout=10)


async def _wait_ready(client: httpx2.AsyncClient, child: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError("the benchmark server exited at start")
        with contextlib.suppress(httpx2.TransportError):
            if (await client.get("/readyz")).status_code == 200:
                return
        await asyncio.sleep(0.1)
    raise RuntimeError("the benchmark server did not become ready in 30 s")


def machine() -> str:
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs ({platform.processor() or '?'}), "
        f"Python {platform.python_version()}"
    )

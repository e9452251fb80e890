"""`ctecr serve` as a real process on a free loopback port, for tests that need real sockets
(read deadlines, memory of closed WebSockets, the command's own refusals)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx2

from server.settings import DEVELOPMENT_SECRET

CTECR = str(Path(sys.executable).with_name("ctecr"))
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_env(**settings: str) -> dict[str, str]:
    """The environment of this process without its CTECR_* settings, plus `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CTECR_")}
    env.update({"CTECR_JWT_SECRET": DEVELOPMENT_SECRET, "CTECR_LOG_LEVEL": "WARNING"})
    env.update(settings)
    return env


@dataclass
class LiveServer:
    process: subprocess.Popen
    port: int
    log: IO[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_bytes(self) -> int:
        """The server process's resident set, from /proc."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise AssertionError("no VmRSS line")


@contextlib.contextmanager
def live_server(*args: str, **settings: str) -> Iterator[LiveServer]:
    """`ctecr serve` with these settings (CTECR_ names), stopped afterwards."""
    port = free_port()
    # Its log goes to a file: a pipe nobody reads would fill and block the server.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [CTECR, "serve", "--port", str(port), *args],
            env=clean_env(**settings),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        server = LiveServer(process, port, log)
        try:
            _wait_until_up(server)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(server: LiveServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            server.log.seek(0)
            raise AssertionError(f"ctecr serve exited: {server.log.read().decode()}")
        with contextlib.suppress(httpx2.TransportError):
            if httpx2.get(f"{server.url}/readyz", timeout=1).status_code == 200:
                return
        time.sleep(0.1)
    raise AssertionError("ctecr serve did not start")

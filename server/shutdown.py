"""Graceful shutdown under uvicorn.

On SIGTERM uvicorn stops accepting connections, lets in-flight HTTP requests finish (up to
`timeout_graceful_shutdown`) and then runs the lifespan's shutdown. But it closes every open
WebSocket first, with 1012 and no reason, so a subscriber would not learn where to resume.
GracefulServer therefore drains the event feeds before that: each subscriber is dropped with
1001 and "server shutting down; resume with after: <event id>", its subscription closes its
socket with that code, and only then does uvicorn's own shutdown go on.
"""

from __future__ import annotations

import asyncio
import contextlib

import uvicorn
from uvicorn.supervisors import Multiprocess, multiprocess

from .feeds import RUNNING, OpenSockets

DRAIN_SECONDS = 2.0


async def drain_feeds(seconds: float = DRAIN_SECONDS) -> None:
    """Stop every running feed, dropping its subscribers with 1001 and a resume id, and wait
    until the WebSockets have closed, at most `seconds`: a socket with no subscription has
    nothing to resume and is left to uvicorn (1012)."""
    for feed in list(RUNNING):
        await feed.stop()
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            while OpenSockets.count:  # noqa: ASYNC110 (a plain count, changed by ASGI tasks)
                await asyncio.sleep(0.05)


class GracefulServer(uvicorn.Server):
    async def shutdown(self, sockets=None) -> None:
        for server in self.servers:  # no new connection while draining
            server.close()
        await drain_feeds()
        await super().shutdown(sockets)


class GracefulWorker(multiprocess.Process):
    """A worker process of `serve_workers`, running GracefulServer instead of uvicorn's."""

    @property
    def server(self) -> uvicorn.Server:
        if self._server is None:
            self._server = GracefulServer(config=self.config)
        return self._server


def serve_workers(config: uvicorn.Config) -> None:
    """`config.workers` processes on one socket under uvicorn's supervisor, each with the
    graceful shutdown. The supervisor makes its workers from its module's `Process` (and a
    worker, unpickled in its new interpreter, keeps the class it was made from)."""
    multiprocess.Process = GracefulWorker
    Multiprocess(config, sockets=[config.bind_socket()]).run()

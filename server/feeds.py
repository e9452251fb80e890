"""What this process serves live: its running event feeds (one when serving; tests start
many apps) and its open WebSockets, for the metrics and the graceful shutdown."""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Iterator

from starlette.types import ASGIApp, Receive, Scope, Send

from domain.events.feed import EventFeed

RUNNING: weakref.WeakSet[EventFeed] = weakref.WeakSet()


@contextlib.contextmanager
def running(feed: EventFeed) -> Iterator[None]:
    RUNNING.add(feed)
    try:
        yield
    finally:
        RUNNING.discard(feed)


class OpenSockets:
    """ASGI wrapper counting the WebSocket connections open through it (`count`, process
    wide, also a metrics gauge)."""

    count = 0

    def __init__(self, app: ASGIApp, on_change=None):
        self.app = app
        self.on_change = on_change or (lambda delta: None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return
        self._change(1)
        try:
            await self.app(scope, receive, send)
        finally:
            self._change(-1)

    def _change(self, delta: int) -> None:
        OpenSockets.count += delta
        self.on_change(delta)

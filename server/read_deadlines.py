"""Deadlines for reading a request: its headers, then its body.

uvicorn closes an idle keep-alive connection, but a client that has sent part of a request's
headers (or of its body) may hold its connection forever, and enough such clients exhaust the
process (slowloris). Neither uvicorn nor h11 offer a read deadline, and an ASGI middleware
cannot see a request before its headers are complete, so the deadlines live in uvicorn's h11
protocol: a request's headers must be complete within `header_timeout` seconds of the
connection opening (or of the previous response ending), and its body within `body_timeout`
seconds of its headers. Past a deadline the connection is closed (with 408 while no response
has begun). A WebSocket leaves these deadlines behind once upgraded.
"""

from __future__ import annotations

import asyncio
import functools

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .settings import Settings

REQUEST_TIMEOUT = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"content-length: 34\r\nconnection: close\r\n\r\nThe request was not sent in time.\n"
)


@functools.cache
def _timeouts() -> tuple[float, float]:
    """The settings' deadlines, read once per process (each worker reads its environment)."""
    settings = Settings()
    return settings.header_read_timeout, settings.body_read_timeout


class DeadlineH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header deadline and a body deadline."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self.header_timeout, self.body_timeout = _timeouts()
        self._deadline: asyncio.TimerHandle | None = None
        self._deadline_state: object = None  # the h11 state whose deadline runs
        super().connection_made(transport)
        self._follow_deadline()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._follow_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._follow_deadline()

    def handle_websocket_upgrade(self, event: h11.Request) -> None:
        self._cancel_deadline()
        self._deadline_state = h11.SWITCHED_PROTOCOL
        super().handle_websocket_upgrade(event)

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        self._deadline_state = h11.CLOSED
        super().connection_lost(exc)

    def _follow_deadline(self) -> None:
        """Arm the deadline of the part of the request the client is sending now; a deadline
        runs from the moment that part began, not from the last bytes received."""
        if self._deadline_state in (h11.SWITCHED_PROTOCOL, h11.CLOSED):
            return
        state = self.conn.their_state
        if state is self._deadline_state:
            return
        self._cancel_deadline()
        self._deadline_state = state
        if state is h11.IDLE:
            self._deadline = self.loop.call_later(self.header_timeout, self._expire, state)
        elif state is h11.SEND_BODY:
            self._deadline = self.loop.call_later(self.body_timeout, self._expire, state)

    def _expire(self, state) -> None:
        self._deadline = None
        if self.transport.is_closing() or self.conn.their_state is not state:
            return
        if self.conn.our_state in (h11.IDLE, h11.SEND_RESPONSE) and not (
            self.cycle and self.cycle.response_started
        ):
            self.transport.write(REQUEST_TIMEOUT)
        if self.cycle is not None:
            self.cycle.disconnected = True
            self.cycle.message_event.set()
        self.transport.close()

    def _cancel_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

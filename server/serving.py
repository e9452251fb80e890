"""The listening socket of `ctecr serve`, and the uvicorn options it serves with."""

from __future__ import annotations

import socket
from typing import Any

from .read_deadlines import DeadlineH11Protocol
from .settings import Settings


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (IPv6 when the host is an IPv6 address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(1)
    except OSError:
        sock.close()
        raise
    return sock


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The protocol options of uvicorn.Config (`ctecr serve`, and the benchmarks): HTTP with
    read deadlines (server/read_deadlines.py); WebSockets compressed only when the settings
    say so, since a compressed socket deflates its own copy of every live event (200
    subscribers of one event cost 200 compressions)."""
    return {
        "http": DeadlineH11Protocol,
        "ws_per_message_deflate": settings.websocket_compression,
    }

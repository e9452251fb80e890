"""Running the application under uvicorn on a socket bound beforehand, with read deadlines."""

from __future__ import annotations

import socket

import uvicorn
from starlette.applications import Starlette

from .read_deadlines import deadline_protocol
from .settings import Settings


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (IPv6 when the host is an IPv6 address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def server_config(app: Starlette, settings: Settings) -> uvicorn.Config:
    """uvicorn's settings: the h11 protocol with the read deadlines of the settings, and
    log_config=None so that uvicorn's loggers propagate to the JSON handler of server.logging."""
    protocol = deadline_protocol(settings.header_read_timeout, settings.body_read_timeout)
    return uvicorn.Config(app, http=protocol, log_level="info", log_config=None)


def run_server(app: Starlette, settings: Settings, listening: socket.socket) -> None:
    uvicorn.Server(server_config(app, settings)).run(sockets=[listening])

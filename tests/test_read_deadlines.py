"""Read deadlines through `ctecr serve` and real sockets: a client that sends its headers or
its body too slowly is cut off, while a prompt one is served on the same connection."""

from __future__ import annotations

import socket
import time

import pytest

from tests.live_server import live_server

HEADER_TIMEOUT, BODY_TIMEOUT = 1.0, 1.5


@pytest.fixture(scope="module")
def server():
    with live_server(
        CTECR_HEADER_READ_TIMEOUT=str(HEADER_TIMEOUT), CTECR_BODY_READ_TIMEOUT=str(BODY_TIMEOUT)
    ) as running:
        yield running


def connect(server) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=10)


def read_until_closed(sock: socket.socket) -> tuple[bytes, float]:
    """Everything the server sends until it closes, and how long that took."""
    started, received = time.monotonic(), b""
    while chunk := sock.recv(65536):
        received += chunk
    return received, time.monotonic() - started


def healthz(sock: socket.socket) -> bytes:
    """One /healthz request and its whole response, on an open connection."""
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    response = b""
    while not response.endswith(b'{"status":"ok"}'):
        chunk = sock.recv(65536)
        assert chunk, response
        response += chunk
    return response


def test_half_sent_headers_are_cut_off_at_the_header_deadline(server):
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        for _ in range(3):  # trickling bytes does not extend the deadline
            time.sleep(HEADER_TIMEOUT / 4)
            sock.sendall(b"X-Slow: 1\r\n")
        received, _ = read_until_closed(sock)
        elapsed = time.monotonic() - started
    assert received.startswith(b"HTTP/1.1 408 ")
    assert HEADER_TIMEOUT * 0.9 <= elapsed < HEADER_TIMEOUT + 3


def test_a_half_sent_body_is_cut_off_at_the_body_deadline(server):
    with connect(server) as sock:
        sock.sendall(
            b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 100\r\n\r\n{"query":'
        )
        started = time.monotonic()
        received, _ = read_until_closed(sock)
        elapsed = time.monotonic() - started
    assert BODY_TIMEOUT * 0.9 <= elapsed < BODY_TIMEOUT + 3
    assert b"200 OK" not in received


def test_a_prompt_client_keeps_its_connection_across_requests(server):
    with connect(server) as sock:
        for _ in range(3):
            assert healthz(sock).startswith(b"HTTP/1.1 200 ")
            time.sleep(HEADER_TIMEOUT * 0.6)  # each request gets a deadline of its own


def test_many_slow_clients_are_all_cut_off(server):
    clients = [connect(server) for _ in range(50)]
    try:
        for sock in clients:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        time.sleep(HEADER_TIMEOUT + 1)
        for sock in clients:
            sock.settimeout(3)
            received, _ = read_until_closed(sock)
            assert received.startswith(b"HTTP/1.1 408 ")
    finally:
        for sock in clients:
            sock.close()

"""`ctecr serve` refusing to start unsafely or on a bad setting, through typer's CliRunner
(the server itself is replaced by a recorder where a test lets it start)."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from server import cli
from tests.hardening import PRODUCTION_SECRET
from tests.live_server import free_port


@pytest.fixture
def started(monkeypatch) -> list:
    """The calls that would have started uvicorn or loaded data."""
    calls: list = []

    def run_server(application, host: str, port: int, settings, workers: int = 1) -> None:
        calls.append("served")

    monkeypatch.setattr(cli, "run_server", run_server)
    monkeypatch.setattr(cli, "_load", lambda store, folder: calls.append(("load", folder)))
    for name in ("CTECR_MONGODB_URI", "CTECR_ENV", "CTECR_JWT_SECRET", "CTECR_TOKEN_HOURS"):
        monkeypatch.delenv(name, raising=False)
    return calls


def serve(*args: str, **env: str):
    return CliRunner().invoke(cli.app, ["serve", "--port", str(free_port()), *args], env=env)


def flat(output: str) -> str:
    return " ".join(output.split())  # rich wraps long lines


def test_production_refuses_to_start_on_the_embedded_store(started):
    result = serve(CTECR_ENV="production", CTECR_JWT_SECRET=PRODUCTION_SECRET)
    assert result.exit_code == 2
    assert "CTECR_MONGODB_URI is not set" in flat(result.output)
    assert started == []  # no sample data loaded, no server


def test_production_never_loads_the_sample_data(started):
    uri = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100"
    result = serve(
        CTECR_ENV="production",
        CTECR_JWT_SECRET=PRODUCTION_SECRET,
        CTECR_MONGODB_URI=uri,
        CTECR_TRUSTED_DOCUMENTS="allowed",
    )
    assert result.exit_code == 0, result.output
    assert started == ["served"]
    assert "Development tokens" not in result.output


def test_development_refuses_a_non_loopback_host(started):
    result = serve("--host", "0.0.0.0")
    assert result.exit_code == 2
    message = flat(result.output)
    assert "Refusing to listen on 0.0.0.0 in development" in message
    assert "published secret" in message and "--allow-remote-development" in message
    assert started == []


def test_development_on_a_non_loopback_host_starts_when_told_to(started):
    result = serve("--host", "0.0.0.0", "--allow-remote-development")
    assert result.exit_code == 0, result.output
    assert started[-1] == "served"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_development_starts_on_loopback(started, host):
    result = serve("--host", host)
    assert result.exit_code == 0, result.output
    assert "Development tokens" in result.output


def test_a_badly_typed_setting_is_one_line_naming_it(started):
    result = serve(CTECR_TOKEN_HOURS="abc")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("CTECR_TOKEN_HOURS: ") and "'abc'" in lines[0]
    assert started == []


def test_a_busy_port_is_said_before_any_token_is_printed(started):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli.app, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"Cannot listen on 127.0.0.1:{port}: it is in use" in flat(result.output)
    assert "Development tokens" not in result.output
    assert started == []

"""Runs tests/oidc/provider.mjs (the npm oidc-provider, a certified OpenID Connect provider) on
a free loopback port for the tests that sign in against a real provider; skips, saying why,
without Node or without `npm ci` in tests/oidc (`make test` runs it)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PROVIDER = Path(__file__).parent / "oidc"
AUDIENCE = "ctecr-api"
CLIENT_ID = "ctecr-web"
# The API's mapping of the provider's claims (`groups`) to roles.
ROLE_VALUES = {"ctecr-lea": "LEA_USER", "ctecr-reviewers": "REVIEWER"}


@contextmanager
def run_provider(**env: str) -> Iterator[str]:
    """The provider's issuer URL while the block runs; `env` holds its CTECR_TEST_ settings."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: the oidc-provider tests need it")
    if not (PROVIDER / "node_modules" / "oidc-provider").is_dir():
        pytest.skip("oidc-provider is not installed: run `make test` (npm ci in tests/oidc)")
    process = subprocess.Popen(
        [node, str(PROVIDER / "provider.mjs")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={"CTECR_TEST_AUDIENCE": AUDIENCE, **env},
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line, "oidc-provider exited before it listened"
        yield json.loads(line)["issuer"]
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()

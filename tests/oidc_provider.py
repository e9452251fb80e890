"""Runs tests/oidc/provider.mjs (the npm oidc-provider, a certified OpenID Connect provider) on
a free loopback port for the tests that sign in against a real provider; without Node or
without `npm ci` in tests/oidc (`make test` runs it) they skip, saying why (in CI they fail:
tests.tools)."""

from __future__ import annotations

import json
import select
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from tests.tools import require

PROVIDER = Path(__file__).parent / "oidc"
AUDIENCE = "ctecr-api"
CLIENT_ID = "ctecr-web"
# How long the provider may take to listen (key generation included) on a busy machine.
START_SECONDS = 60
# The API's mapping of the provider's claims (`groups`) to roles.
ROLE_VALUES = {"ctecr-lea": "LEA_USER", "ctecr-reviewers": "REVIEWER"}


@contextmanager
def run_provider(**env: str) -> Iterator[str]:
    """The provider's issuer URL while the block runs; `env` holds its CTECR_TEST_ settings."""
    node = shutil.which("node")
    require(node is not None, "Node.js is not installed: the oidc-provider tests need it")
    require(
        (PROVIDER / "node_modules" / "oidc-provider").is_dir(),
        "oidc-provider is not installed: run `make test` (npm ci in tests/oidc)",
    )
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            [node, str(PROVIDER / "provider.mjs")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            env={"CTECR_TEST_AUDIENCE": AUDIENCE, **env},
            text=True,
        )
        try:
            yield json.loads(_first_line(process, log))["issuer"]
        finally:
            process.stdin.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()


def _first_line(process: subprocess.Popen, log: IO[str]) -> str:
    """The provider's first line of output, within START_SECONDS; otherwise the test fails
    with what the provider wrote on stderr, rather than hanging until the test's timeout."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], START_SECONDS)
    line = process.stdout.readline() if ready else ""
    if not line:
        log.seek(0)
        state = "exited" if process.poll() is not None else f"printed nothing in {START_SECONDS} s"
        raise AssertionError(f"oidc-provider {state}; its stderr: {log.read()[-2000:]!r}")
    return line

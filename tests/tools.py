"""Tests that need a tool outside Python (Node.js, the provider's packages, Chromium) skip
without it on a developer's machine, saying why, and fail in CI (CI=true, which `.ci/run`
sets): `.ci/run` installs every such tool, so a skip there would hide a missing install step."""

from __future__ import annotations

import os

import pytest

IN_CI = bool(os.environ.get("CI"))


def require(available: bool, missing: str) -> None:
    """Skip, or in CI fail, when `available` is false; `missing` says what is not there."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI needs it, but {missing}")
    pytest.skip(missing)

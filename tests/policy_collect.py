"""A pytest plugin for tests/test_policy_trace.py: after collection, it writes the `policy`
marker arguments of every collected test to the JSON file named by CTECR_POLICY_MARKERS_OUT.

The trace test runs `pytest --collect-only -p tests.policy_collect` in a subprocess, so that it
sees every test of the suite whichever tests the outer run selected (`-k`, one file, `-m`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

OUTPUT = "CTECR_POLICY_MARKERS_OUT"


def pytest_collection_finish(session: pytest.Session) -> None:
    path = os.environ.get(OUTPUT)
    if not path:
        return
    found = {
        item.nodeid: [
            {"args": list(mark.args), "kwargs": sorted(mark.kwargs)}
            for mark in item.iter_markers("policy")
        ]
        for item in session.items
    }
    Path(path).write_text(json.dumps(found, default=repr), encoding="utf-8")

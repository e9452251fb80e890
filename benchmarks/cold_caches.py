"""The same call with the processor's caches warm (run again at once) and cold (after work
that walks memory much larger than the caches, as a request's other code does): on a small
VM a call that is cheap in a loop costs several times as much inside a request, which is why
a path that touches less code (the plain route) gains more than its call count says."""

from __future__ import annotations

import json
import os
import random
import time
import uuid
from collections.abc import Callable

from server.logging import configure_logging, log_operation

from .load import machine

CALLS = 400
EVICTING_ITEMS = 3_000_000  # a list of ints some 100 MB with its objects: past any cache
ANSWER = {  # the shape of a participantRecords answer (two records, four courses each)
    "data": {
        "participantRecords": [
            {
                "id": "UGFydGljaXBhbnRSZWNvcmQ6NmIxMWEzNmNjYzIxNzZlZjhjN2JhMTUz",
                "fiscalYear": 2026,
                "program": {"programNumber": "12.0500", "name": "Culinary Arts"},
                "courses": [
                    {
                        "course": {"courseNumber": f"1205001{i}", "name": "Course", "kind": "X"},
                        "reportedCredits": "1.0",
                        "insertedCredits": "0.0",
                        "totalCredits": "1.0",
                    }
                    for i in range(4)
                ],
                "status": {"participant": True, "concentrator": False, "completer": False},
            }
        ]
        * 2
    }
}


class _Viewer:
    id = "lea-mesa"


def _calls() -> dict[str, Callable[[], object]]:
    return {
        "the operation's log line and metrics": lambda: log_operation(
            uuid.uuid4().hex, _Viewer, [], time.perf_counter(), "StudentRecords", "query", 4
        ),
        "json.dumps of a participantRecords answer": lambda: json.dumps(ANSWER),
        "uuid.uuid4().hex": lambda: uuid.uuid4().hex,
    }


def measure() -> dict[str, tuple[float, float]]:
    """µs per call, warm and cold, the two interleaved call by call."""
    configure_logging("INFO", open(os.devnull, "w"))
    items = list(range(EVICTING_ITEMS))
    random.Random(13).shuffle(items)

    def evict() -> None:
        total = 0
        for index in range(0, EVICTING_ITEMS, 97):
            total += items[index]

    figures = {}
    for name, call in _calls().items():
        warm = cold = 0.0
        call()
        for _ in range(CALLS):
            evict()
            started = time.perf_counter()
            call()
            cold += time.perf_counter() - started
            started = time.perf_counter()
            call()
            warm += time.perf_counter() - started
        figures[name] = (warm / CALLS * 1e6, cold / CALLS * 1e6)
    return figures


def main() -> None:
    figures = measure()
    print(f"\nOne call with the caches warm and cold, µs per call ({CALLS} each); {machine()}")
    print(f"{'call':<45}{'warm':>10}{'cold':>10}{'cold/warm':>11}")
    for name, (warm, cold) in figures.items():
        print(f"{name:<45}{warm:>10.1f}{cold:>10.1f}{cold / warm:>11.1f}")

"""Where one request's time goes: the compiled document, the same through the bare route
(benchmarks.bare) and the plain route, in process, one request at a time (no overlap, so
that each part's time is its own), µs per request.

The request is timed around the whole app; inside it, the token's verification and every
database call (each public method of the store's repositories, outermost calls only; on the
embedded store that is the mock's Python work) are timed by wrapping them, and the rest is
what the path itself does: GraphQL's layer, or the plain route's JSON and glue. The batches of
the paths are interleaved and each part is averaged over all of them."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections import defaultdict
from collections.abc import Callable

from .bench_app import bench_app, seed
from .graphql_vs_plain import CASES
from .load import closed_loop, in_process_client, machine

BATCHES, PER_BATCH = 6, 200
PARTS = ("request", "token", "database calls", "the rest")


class Timers:
    """Seconds spent per part, and one outermost call of a part at a time."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.depth = 0

    def timed(self, part: str, call: Callable) -> Callable:
        async def timing(*args, **kwargs):
            if self.depth:
                return await call(*args, **kwargs)
            self.depth += 1
            started = time.perf_counter()
            try:
                return await call(*args, **kwargs)
            finally:
                self.seconds[part] += time.perf_counter() - started
                self.depth -= 1

        return timing

    def app(self, app):
        async def timing(scope, receive, send):
            started = time.perf_counter()
            try:
                await app(scope, receive, send)
            finally:
                self.seconds["request"] += time.perf_counter() - started

        return timing


def watch(app, timers: Timers) -> None:
    """Time the token's check and the store's calls of this app (its instances only)."""
    authenticator = app.state.authenticator
    authenticator.viewer = timers.timed("token", authenticator.viewer)
    store = app.state.services.store
    for repository in vars(store).values():
        if type(repository).__module__.startswith("domain.repository."):
            for name, method in inspect.getmembers(repository, inspect.iscoroutinefunction):
                if not name.startswith("_"):
                    setattr(repository, name, timers.timed("database calls", method))


async def measure() -> dict[tuple[str, str], dict[str, float]]:
    app = bench_app()
    timers = Timers()
    figures: dict[tuple[str, str], dict[str, float]] = {}
    async with app.router.lifespan_context(app), in_process_client(timers.app(app)) as client:
        await seed(client)
        watch(app, timers)
        for case in CASES:
            paths = {
                "compiled": case.graphql(client, compiled=True),
                "bare": case.bare(client),
                "plain": case.plain(client),
            }
            totals = {path: defaultdict(float) for path in paths}
            for send in paths.values():
                await closed_loop(send, 50, concurrency=1)  # warm up
            for _ in range(BATCHES):
                for path, send in paths.items():
                    timers.seconds.clear()
                    await closed_loop(send, PER_BATCH, concurrency=1)
                    for part, seconds in timers.seconds.items():
                        totals[path][part] += seconds
            count = BATCHES * PER_BATCH
            for path, total in totals.items():
                parts = {part: total[part] / count * 1e6 for part in PARTS[:3]}
                parts["the rest"] = parts["request"] - parts["token"] - parts["database calls"]
                figures[(case.name, path)] = parts
    return figures


def report(figures: dict[tuple[str, str], dict[str, float]]) -> None:
    print(
        f"\nWhere a request's time goes, in process, one request at a time, µs per request "
        f"({BATCHES} interleaved batches of {PER_BATCH}); {machine()}"
    )
    header = f"{'operation':<20}{'path':<10}" + "".join(f"{p:>16}" for p in PARTS)
    print(header)
    print("-" * len(header))
    for (operation, path), parts in figures.items():
        print(f"{operation:<20}{path:<10}" + "".join(f"{parts[p]:>16.0f}" for p in PARTS))
    for operation in dict.fromkeys(name for name, _ in figures):
        plain = figures[(operation, "plain")]
        for path in ("compiled", "bare"):
            parts = figures[(operation, path)]
            print(
                f"  {operation}, {path}: database calls "
                f"{parts['database calls'] / plain['database calls']:.2f} times the plain "
                f"route's, the rest {parts['the rest'] / plain['the rest']:.1f} times"
            )


def main() -> None:
    report(asyncio.run(measure()))

"""Do the limits defeat the parser and validation caches? The same operation, repeated, on
schemas that differ only in their extensions: none; the caches alone; the limits and the
caches as served (rule classes built once per app); and the same limits built per request
(strawberry's limiters constructed in each request's extension factory), which makes every
validation a cache miss. Executed in process through Schema.execute, one at a time, on the
benchmark app's data (its open requests fill the changeRequests page)."""

from __future__ import annotations

import asyncio
import time
from functools import partial

from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)

from domain.models import Role, Viewer
from schema.context import Context
from schema.root import build_schema
from server.app import schema_extensions
from server.auth import RequireViewer
from server.cost import cost_rule
from server.limits import cost_model, limit_extensions

from .bench_app import (
    RECORDS_QUERY,
    RECORDS_STUDENT,
    RED_MOUNTAIN,
    REQUESTS_PAGE,
    bench_app,
    bench_settings,
    seed,
)
from .load import in_process_client, machine

ROUNDS, BATCH = 5, 200
VIEWER = Viewer(id="reviewer-1", name="Riley Reviewer", role=Role.REVIEWER)
OPERATIONS = [
    ("viewer { id name role }", "{ viewer { id name role } }", {}),
    ("participantRecords", RECORDS_QUERY, {"suid": RECORDS_STUDENT, "school": RED_MOUNTAIN}),
    ("changeRequests(first: 25)", REQUESTS_PAGE, {"first": 25}),
]


def variants(settings, documents) -> list[tuple[str, list]]:
    size = settings.document_cache_size
    caches = [partial(ParserCache, maxsize=size), partial(ValidationCache, maxsize=size)]

    def per_request_limits():
        """The naive wiring: new limiter instances, hence new rule classes, per request."""
        return [
            lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
            caches[0],
            lambda: QueryDepthLimiter(max_depth=settings.max_depth),
            lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
            lambda: AddValidationRules([cost_rule(cost_model(settings))]),
            caches[1],
        ]

    return [
        ("no limits, no caches", [RequireViewer]),
        ("no limits, caches", [*caches, RequireViewer]),
        ("limits + caches (rules built once)", [*limit_extensions(settings), RequireViewer]),
        ("limits built per request + caches", [*per_request_limits(), RequireViewer]),
        ("as served (+ error policy, JSON log)", list(schema_extensions(settings, documents))),
    ]


async def time_batch(schema, services, document: str, variables: dict) -> float:
    """Mean microseconds per execution over one batch."""
    started = time.perf_counter()
    for _ in range(BATCH):
        result = await schema.execute(
            document, variables, context_value=Context.create(VIEWER, services)
        )
        if result.errors:
            raise RuntimeError(f"benchmark operation failed: {result.errors}")
    return (time.perf_counter() - started) / BATCH * 1e6


async def measure(schemas, services, document: str, variables: dict) -> list[tuple]:
    """Batches of each variant in turn, ROUNDS times; the best batch of each (this machine's
    neighbours make single runs noisy)."""
    best = {name: float("inf") for name, _ in schemas}
    for _ in range(ROUNDS):
        for name, schema in schemas:
            best[name] = min(best[name], await time_batch(schema, services, document, variables))
    return [(name, best[name]) for name, _ in schemas]


async def _main() -> None:
    settings = bench_settings()
    app = bench_app(settings)
    async with app.router.lifespan_context(app), in_process_client(app) as client:
        await seed(client)
        services = app.state.services
        served = app.state.graphql.documents
        schemas = [(name, build_schema(ext)) for name, ext in variants(settings, served)]
        for _, schema in schemas:  # warm up every cache
            for _, document, variables in OPERATIONS:
                await schema.execute(
                    document, variables, context_value=Context.create(VIEWER, services)
                )
        print(
            f"\nLimits and the parser/validation caches: one operation repeated, in process, "
            f"best of {ROUNDS} interleaved batches of {BATCH}; {machine()}"
        )
        header = f"{'operation':<28}{'extensions':<40}{'us/op':>9}{'vs none':>9}"
        print(header)
        print("-" * len(header))
        for label, document, variables in OPERATIONS:
            rows = await measure(schemas, services, document, variables)
            baseline = rows[0][1]
            for name, micros in rows:
                print(f"{label:<28}{name:<40}{micros:>9.0f}{micros / baseline:>9.2f}")


def main() -> None:
    asyncio.run(_main())

"""Database round trips per operation, with the process's fiscal calendar cache forgotten
before each operation (each then reads the calendar once, as every operation did before the
cache; the preview read it twice) and warm. Round trips, unlike times, do not depend on the
machine's load."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from domain.repository import open_store
from server.app import create_app, sample_data_dir
from server.logging import configure_logging
from tests.conftest import GraphQLClient
from tests.hardening import request_inputs

from .bench_app import (
    LEA_TOKEN,
    MOUNTAIN_VIEW,
    RECORDS_QUERY,
    RECORDS_STUDENT,
    RED_MOUNTAIN,
    REQUESTS_PAGE,
    REVIEWER_TOKEN,
    bench_settings,
    fixed_clock,
    seed,
)
from .load import in_process_client

SAMPLES = 5  # of each operation, cold and warm each
RUNS = 2 * SAMPLES
STATUS = "query { fiscalYearStatus { participantFiscalYear creditAdjustmentWindowOpen } }"
PREVIEW = """query Preview($input: PreviewInsertCreditsRequestInput!) {
  previewInsertCreditsRequest(input: $input) {
    impact { changesStatus } advisories { code } userErrors { code }
  }
}"""
SUBMIT = """mutation Submit($input: SubmitInsertCreditsRequestInput!) {
  submitInsertCreditsRequest(input: $input) { changeRequest { id } userErrors { code } }
}"""
APPROVE = """mutation Approve($id: ID!) {
  approveChangeRequest(input: {id: $id}) { changeRequest { status } userErrors { code } }
}"""


@dataclass
class Operation:
    name: str
    token: str
    document: str
    variables: list[dict]  # one per sample: a mutation never repeats its input

    def __post_init__(self) -> None:
        assert len(self.variables) == RUNS, self.name


def operations(inputs: list[dict], open_ids: list[str]) -> list[Operation]:
    preview = {k: v for k, v in inputs[0].items() if k != "justification"}
    submissions = [{"input": data} for data in inputs[1 : 1 + RUNS]]
    return [
        Operation(
            "participantRecords",
            LEA_TOKEN,
            RECORDS_QUERY,
            [{"suid": RECORDS_STUDENT, "school": RED_MOUNTAIN}] * RUNS,
        ),
        Operation(
            "25-request changeRequests page", REVIEWER_TOKEN, REQUESTS_PAGE, [{"first": 25}] * RUNS
        ),
        Operation("fiscalYearStatus", LEA_TOKEN, STATUS, [{}] * RUNS),
        Operation("previewInsertCreditsRequest", LEA_TOKEN, PREVIEW, [{"input": preview}] * RUNS),
        Operation("submitInsertCreditsRequest", LEA_TOKEN, SUBMIT, submissions),
        Operation(
            "approveChangeRequest", REVIEWER_TOKEN, APPROVE, [{"id": i} for i in open_ids[:RUNS]]
        ),
    ]


async def measure(app, gql: GraphQLClient, operation: Operation) -> tuple[float, float]:
    """Mean round trips of the operation, cold then warm, the samples interleaved."""
    services, store = app.state.services, app.state.services.store
    totals = {"cold": 0, "warm": 0}
    for n, variables in enumerate(operation.variables):
        kind = "cold" if n % 2 == 0 else "warm"
        if kind == "cold":
            services.calendar.forget()
        else:
            await services.calendar.all()
        before = store.round_trips.count
        body = await gql.post(operation.document, variables, operation.token)
        totals[kind] += store.round_trips.count - before
        if body.get("errors") or _user_errors(body):
            raise RuntimeError(f"{operation.name}: {body}")
    return totals["cold"] / SAMPLES, totals["warm"] / SAMPLES


def _user_errors(body: dict) -> list:
    payloads = [p for p in (body.get("data") or {}).values() if isinstance(p, dict)]
    return [e for payload in payloads for e in payload.get("userErrors", [])]


async def run() -> list[tuple[str, float, float]]:
    store = open_store(None, "ctecr_bench")  # the embedded store, as the other benchmarks
    app = create_app(bench_settings(), store=store, clock=fixed_clock, data_dir=sample_data_dir())
    async with app.router.lifespan_context(app), in_process_client(app) as client:
        await seed(client)
        gql = GraphQLClient(client)
        page = await gql.data(REQUESTS_PAGE, {"first": 100}, REVIEWER_TOKEN)
        open_ids = [e["node"]["id"] for e in page["changeRequests"]["edges"]]
        chosen = operations(request_inputs({MOUNTAIN_VIEW}), open_ids)
        return [(op.name, *await measure(app, gql, op)) for op in chosen]


def main() -> None:
    import asyncio

    configure_logging("INFO", open(os.devnull, "w"))  # log lines are formatted, then dropped
    logging.getLogger("httpx2").setLevel(logging.WARNING)
    rows = asyncio.run(run())
    print("\nDatabase round trips per operation (in process, embedded store, sample data):")
    print(f"{'operation':<32} {'cache cold':>11} {'cache warm':>11} {'fewer':>6}")
    for name, cold, warm in rows:
        print(f"{name:<32} {cold:>11.1f} {warm:>11.1f} {cold - warm:>6.1f}")


if __name__ == "__main__":
    main()

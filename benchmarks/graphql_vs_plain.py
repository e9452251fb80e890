"""GraphQL against a plain Starlette JSON route making the same domain calls and returning the
same JSON: throughput and p50/p99 latency of `participantRecords` and of a 25-request
`changeRequests` page, in process and over uvicorn on loopback at concurrency 16; database
round trips per operation; approvals per second with 16 reviewers approving requests that
target the same records. GraphQL is measured twice: an ad hoc document through graphql-core,
and the same document as a trusted one, compiled. CTECR_BENCH_PROFILE=1 adds pyinstrument
profiles of the in-process `participantRecords` runs of both."""

from __future__ import annotations

import asyncio
import json
import os
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import httpx2

from domain.models import Role, format_credits
from tests.conftest import GraphQLClient
from tests.hardening import request_inputs, submit_requests

from .bench_app import (
    LEA_TOKEN,
    MOUNTAIN_VIEW,
    RECORDS_QUERY,
    RECORDS_STUDENT,
    RED_MOUNTAIN,
    REQUESTS_PAGE,
    REVIEWER_TOKEN,
    ad_hoc,
    bench_app,
    seed,
    token,
)
from .load import CONCURRENCY, Run, closed_loop, in_process_client, machine, uvicorn_server

PAGE_SIZE = 25
RECORDS_PER_ROUND, COURSES_PER_RECORD = 4, 4  # 16 approvals a round on 4 records
ROUNDS = 8  # of approvals
ROUNDS_OF_LOAD = 3  # interleaved rounds of each path
REQUESTS = {
    "in process": {"participantRecords": 3000, "changeRequests": 400},
    "uvicorn loopback": {"participantRecords": 3000, "changeRequests": 400},
}
APPROVE = """mutation Approve($id: ID!) {
  approveChangeRequest(input: {id: $id}) { changeRequest { status } userErrors { code } }
}"""


@dataclass(frozen=True)
class Case:
    """One operation, as a GraphQL request and as the equivalent plain request."""

    name: str
    token: str
    document: str
    variables: dict
    plain_path: str

    def graphql(self, client: httpx2.AsyncClient, compiled: bool = False):
        """The trusted document (compiled) or the same under another name (graphql-core)."""
        return self._post(client, "/graphql", self.document if compiled else ad_hoc(self.document))

    def bare(self, client: httpx2.AsyncClient):
        """The trusted document through the bare route (benchmarks.bare)."""
        return self._post(client, "/plain/graphql-bare", self.document)

    def _post(self, client: httpx2.AsyncClient, path: str, document: str):
        body = {"query": document, "variables": self.variables}
        headers = {"Authorization": f"Bearer {self.token}"}
        return lambda: _ok(client.post(path, json=body, headers=headers))

    def plain(self, client: httpx2.AsyncClient):
        headers = {"Authorization": f"Bearer {self.token}"}
        return lambda: _ok(client.get(self.plain_path, headers=headers))


CASES = [
    Case(
        "participantRecords",
        LEA_TOKEN,
        RECORDS_QUERY,
        {"suid": RECORDS_STUDENT, "school": RED_MOUNTAIN},
        f"/plain/participant-records?suid={RECORDS_STUDENT}&school={RED_MOUNTAIN}",
    ),
    Case(
        "changeRequests",
        REVIEWER_TOKEN,
        REQUESTS_PAGE,
        {"first": PAGE_SIZE},
        f"/plain/change-requests?first={PAGE_SIZE}",
    ),
]


async def _ok(sending) -> httpx2.Response:
    response = await sending
    if response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")
    return response


async def check_same_json(client: httpx2.AsyncClient, case: Case) -> None:
    """The paths must answer the same JSON, without errors, or the comparison is void."""
    plain_body = (await case.plain(client)()).json()
    for send in (case.graphql(client), case.graphql(client, True), case.bare(client)):
        graphql_body = (await send()).json()
        if "errors" in graphql_body or graphql_body != plain_body:
            raise RuntimeError(
                f"{case.name}: GraphQL and plain answers differ:\n"
                f"{json.dumps(graphql_body)[:600]}\n{json.dumps(plain_body)[:600]}"
            )


# graphql-core; a compiled trusted document; the same through the bare route; plain
PATHS = ("GraphQL", "compiled", "bare", "plain")


async def measure(client: httpx2.AsyncClient, transport: str, store=None) -> list[dict]:
    """Each case's paths in turn, ROUNDS_OF_LOAD times; the best round of each is reported
    (this machine's neighbours make single runs noisy)."""
    rows = []
    for case in CASES:
        await check_same_json(client, case)
        total = REQUESTS[transport][case.name] // ROUNDS_OF_LOAD
        paths = {
            "GraphQL": case.graphql(client),
            "compiled": case.graphql(client, compiled=True),
            "bare": case.bare(client),
            "plain": case.plain(client),
        }
        best: dict[str, Run] = {}
        trips = {}
        for path, send in paths.items():
            await closed_loop(send, 50)  # warm up
            trips[path] = await round_trips(send, store) if store else None
        for _ in range(ROUNDS_OF_LOAD):
            for path, send in paths.items():
                run = await closed_loop(send, total)
                if path not in best or run.throughput > best[path].throughput:
                    best[path] = run
        rows += [
            {
                "operation": case.name,
                "transport": transport,
                "path": path,
                "run": best[path],
                "round_trips": trips[path],
            }
            for path in paths
        ]
    return rows


async def round_trips(send, store, samples: int = 20) -> float:
    before = store.round_trips.count
    for _ in range(samples):
        await send()
    return (store.round_trips.count - before) / samples


# --- approvals ------------------------------------------------------------------------


def approval_targets() -> list[list[dict]]:
    """RECORDS_PER_ROUND records at Mountain View, COURSES_PER_RECORD submissions each."""
    by_record = defaultdict(list)
    for data in request_inputs({MOUNTAIN_VIEW}):
        by_record[(data["suid"], data["programNumber"])].append(data)
    records = [inputs for inputs in by_record.values() if len(inputs) >= COURSES_PER_RECORD]
    return [inputs[:COURSES_PER_RECORD] for inputs in records[:RECORDS_PER_ROUND]]


async def approvals(client: httpx2.AsyncClient, store=None) -> dict:
    """ROUNDS rounds: submit 16 requests on 4 records, then 16 reviewers approve one each at
    once. Checks every approval landed exactly once."""
    gql, targets = GraphQLClient(client), approval_targets()
    reviewers = [token(Role.REVIEWER, f"reviewer-{i}", f"Reviewer {i}") for i in range(CONCURRENCY)]
    run, trips = Run(), 0
    for _ in range(ROUNDS):
        submitted = await submit_requests(gql, LEA_TOKEN, [d for r in targets for d in r])
        pending = iter(zip(submitted, reviewers))
        before = store.round_trips.count if store else 0

        async def approve_next():
            request, reviewer = next(pending)
            body = await gql.post(APPROVE, {"id": request["id"]}, reviewer)
            payload = body["data"]["approveChangeRequest"]
            if payload["userErrors"] or payload["changeRequest"]["status"] != "APPROVED":
                raise RuntimeError(f"approval refused: {payload}")

        round_run = await closed_loop(approve_next, len(submitted))
        trips += (store.round_trips.count - before) if store else 0
        run.count += round_run.count
        run.seconds += round_run.seconds
        run.latencies += round_run.latencies
    await _check_credits_landed(gql, targets)
    return {"run": run, "round_trips": trips / run.count if store else None}


async def _check_credits_landed(gql: GraphQLClient, targets: list[list[dict]]) -> None:
    expected = format_credits(Decimal("0.5") * ROUNDS)
    for inputs in targets:
        first = inputs[0]
        data = await gql.data(
            RECORDS_QUERY, {"suid": first["suid"], "school": first["schoolEntityId"]}, LEA_TOKEN
        )
        [record] = [
            r
            for r in data["participantRecords"]
            if r["program"]["programNumber"] == first["programNumber"]
        ]
        inserted = {c["course"]["courseNumber"]: c["insertedCredits"] for c in record["courses"]}
        for data_ in inputs:
            if inserted.get(data_["courseNumber"]) != expected:
                raise RuntimeError(f"credits did not land exactly once: {inserted}")


# --- runs -------------------------------------------------------------------------------


async def in_process() -> tuple[list[dict], dict]:
    app = bench_app()
    async with app.router.lifespan_context(app), in_process_client(app) as client:
        store = app.state.services.store
        await seed(client)
        rows = await measure(client, "in process", store)
        approved = await approvals(client, store)
        if os.environ.get("CTECR_BENCH_PROFILE"):
            await profile(CASES[0].graphql(client))
            await profile(CASES[0].graphql(client, compiled=True))
    return rows, approved


async def loopback() -> tuple[list[dict], dict]:
    async with uvicorn_server("benchmarks.bench_app:bench_app") as client:
        await seed(client)
        rows = await measure(client, "uvicorn loopback")
        approved = await approvals(client)
    return rows, approved


async def profile(send) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(async_mode="enabled")
    with profiler:
        await closed_loop(send, 1000)
    print(profiler.output_text(unicode=False, color=False, show_all=False))


def report(rows: list[dict], approved: dict[str, dict]) -> None:
    print(
        f"\nGraphQL vs plain Starlette JSON, concurrency {CONCURRENCY}, best of "
        f"{ROUNDS_OF_LOAD} interleaved rounds; {machine()}"
    )
    print(
        "GraphQL: an ad hoc document, through graphql-core; compiled: the same document as a "
        "trusted one, through its compiled plan (schema/compiled); bare: the compiled plan "
        "with nothing around it (benchmarks/bare.py), the least a GraphQL request costs here"
    )
    header = (
        f"{'operation':<20}{'transport':<18}{'path':<10}{'req/s':>9}{'p50 ms':>9}"
        f"{'p99 ms':>9}{'trips/op':>10}{'/plain':>8}"
    )
    print(header)
    print("-" * len(header))
    width = len(PATHS)
    for group in (rows[i : i + width] for i in range(0, len(rows), width)):
        plain = group[-1]["run"].throughput
        for row in group:
            run, trips = row["run"], row["round_trips"]
            ratio = f"{run.throughput / plain:.2f}" if row is not group[-1] else ""
            print(
                f"{row['operation']:<20}{row['transport']:<18}{row['path']:<10}"
                f"{run.throughput:>9.0f}{run.p50:>9.2f}{run.p99:>9.2f}"
                f"{(f'{trips:.1f}' if trips is not None else '-'):>10}{ratio:>8}"
            )
    print(
        f"\nApprovals, {CONCURRENCY} reviewers at once on {RECORDS_PER_ROUND} records "
        f"({RECORDS_PER_ROUND * COURSES_PER_RECORD} requests a round, {ROUNDS} rounds, "
        "every credit checked to land exactly once)"
    )
    for transport, result in approved.items():
        run, trips = result["run"], result["round_trips"]
        print(
            f"  {transport:<18}{run.throughput:>8.0f} approvals/s   p50 {run.p50:.2f} ms   "
            f"p99 {run.p99:.2f} ms"
            + (f"   {trips:.1f} round trips/approval" if trips is not None else "")
        )


async def _main() -> None:
    rows, approved_in = await in_process()
    more, approved_loop = await loopback()
    report(rows + more, {"in process": approved_in, "uvicorn loopback": approved_loop})


def main() -> None:
    asyncio.run(_main())

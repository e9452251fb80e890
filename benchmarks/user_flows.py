"""`make load`: simulated LEA users and reviewers doing the real flows against a running
server for a bounded time, then a check that every approved credit is in its record once.

LEA users submit requests for their LEA's students (sample data), look at the student's
records and at their own requests; reviewers read the review queue and approve (or now and
then reject) a request picked from it, so that reviewers often race for the same request.
Refusals the rules make (DUPLICATE_REQUEST while a course has an open request,
INVALID_TRANSITION for the loser of a race, ...) are counted apart from errors (transport
failures, HTTP errors, top-level GraphQL errors).

    python -m benchmarks.user_flows [--seconds 30] [--lea-users 8] [--reviewers 4] [--url URL]

Without --url a server is started on loopback in a child process (benchmarks.bench_app:
production settings, the embedded store with the sample data); with --url, tokens are signed
with CTECR_JWT_SECRET, which must be the server's, and the server must accept full documents
(CTECR_TRUSTED_DOCUMENTS=allowed, development's default). Exits non-zero on errors or a
failed check.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import httpx2

from domain.models import Role
from server.auth import issue_token
from server.settings import Settings
from tests.hardening import request_inputs

from .bench_app import BENCH_SECRET
from .load import Run, machine, uvicorn_server

REQUEST_TIMEOUT = 30.0
LEAS = {4235: {79012, 79013, 79014}, 4406: {6432}, 90871: {91001}, 88301: {88310}}
APPROVE_SHARE = 0.85

SUBMIT = """mutation Submit($input: SubmitInsertCreditsRequestInput!) {
  submitInsertCreditsRequest(input: $input) {
    changeRequest { id } userErrors { code }
  }
}"""
RECORDS = """query StudentRecords($suid: String!, $school: Int!) {
  participantRecords(suid: $suid, schoolEntityId: $school) {
    id courses { course { courseNumber } totalCredits }
    status { participant concentrator completer }
  }
}"""
MY_REQUESTS = """query MyRequests {
  changeRequests(first: 10) { totalCount edges { node { id status submittedAt } } }
}"""
QUEUE = """query ReviewQueue {
  changeRequests(first: 20, filter: {status: [PENDING_REVIEW]}) {
    edges { node { id version credits impact { changesStatus } advisories { code } } }
  }
}"""
APPROVE = """mutation Approve($input: ApproveChangeRequestInput!) {
  approveChangeRequest(input: $input) { changeRequest { id status } userErrors { code } }
}"""
REJECT = """mutation Reject($input: RejectChangeRequestInput!) {
  rejectChangeRequest(input: $input) { changeRequest { id status } userErrors { code } }
}"""
APPROVED_PAGE = """query Approved($after: String) {
  changeRequests(first: 50, after: $after, filter: {status: [APPROVED]}) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      id credits course { courseNumber }
      record { id courses { course { courseNumber } insertions { changeRequestId credits } } }
    } }
  }
}"""


@dataclass
class Tally:
    """What the run saw, per operation name."""

    runs: dict[str, Run] = field(default_factory=lambda: defaultdict(Run))
    errors: Counter = field(default_factory=Counter)
    refusals: Counter = field(default_factory=Counter)

    def timed(self, name: str, seconds: float) -> None:
        run = self.runs[name]
        run.count += 1
        run.latencies.append(seconds)


class Client:
    """Posts operations for one simulated user and records each in the tally."""

    def __init__(self, http: httpx2.AsyncClient, token: str, tally: Tally):
        self.http = http
        self.headers = {"Authorization": f"Bearer {token}"}
        self.tally = tally

    async def call(self, name: str, query: str, variables: dict | None = None) -> dict | None:
        """The operation's `data`, or None after counting an error."""
        started = time.perf_counter()
        try:
            response = await self.http.post(
                "/graphql",
                json={"query": query, "variables": variables or {}, "operationName": name},
                headers=self.headers,
            )
        except httpx2.TransportError as error:
            self.tally.errors[f"{name}: {type(error).__name__}"] += 1
            return None
        self.tally.timed(name, time.perf_counter() - started)
        if response.status_code != 200:
            self.tally.errors[f"{name}: HTTP {response.status_code}"] += 1
            return None
        body = response.json()
        for error in body.get("errors") or ():
            code = (error.get("extensions") or {}).get("code", "UNCODED")
            self.tally.errors[f"{name}: {code}"] += 1
        return None if body.get("errors") else body["data"]

    def refused(self, name: str, payload: dict) -> bool:
        for error in payload["userErrors"]:
            self.tally.refusals[f"{name}: {error['code']}"] += 1
        return bool(payload["userErrors"])


async def lea_user(client: Client, inputs: list[dict], deadline: float, rng: random.Random):
    while time.monotonic() < deadline:
        data = rng.choice(inputs)
        variables = {"suid": data["suid"], "school": data["schoolEntityId"]}
        await client.call("StudentRecords", RECORDS, variables)
        submitted = await client.call("Submit", SUBMIT, {"input": data})
        if submitted is not None:
            client.refused("Submit", submitted["submitInsertCreditsRequest"])
        await client.call("MyRequests", MY_REQUESTS)


async def reviewer(client: Client, deadline: float, rng: random.Random):
    while time.monotonic() < deadline:
        queue = await client.call("ReviewQueue", QUEUE)
        edges = queue["changeRequests"]["edges"] if queue else []
        if not edges:
            await asyncio.sleep(0.05)
            continue
        node = rng.choice(edges[:5])["node"]  # the queue's head: reviewers collide often
        if rng.random() < APPROVE_SHARE:
            decided = await client.call("Approve", APPROVE, {"input": {"id": node["id"]}})
            if decided is not None:
                client.refused("Approve", decided["approveChangeRequest"])
        else:
            input_ = {"id": node["id"], "reason": "OTHER", "comment": "Load test rejection."}
            decided = await client.call("Reject", REJECT, {"input": input_})
            if decided is not None:
                client.refused("Reject", decided["rejectChangeRequest"])


async def check_approved_once(client: Client) -> list[str]:
    """Every APPROVED request's credit is in its record exactly once, in its course, and no
    record touched holds an insertion of a request that is not APPROVED. Returns problems."""
    approved: dict[str, dict] = {}
    after = None
    while True:
        data = await client.call("Approved", APPROVED_PAGE, {"after": after})
        if data is None:
            return ["could not read the approved requests"]
        page = data["changeRequests"]
        approved.update({edge["node"]["id"]: edge["node"] for edge in page["edges"]})
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    problems: list[str] = []
    records: dict[str, dict] = {}
    for request in approved.values():
        if request["record"] is None:
            problems.append(f"{request['id']}: approved, but its record is gone")
            continue
        records[request["record"]["id"]] = request["record"]
    insertions = Counter()
    where: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for record in records.values():
        for course in record["courses"]:
            for insertion in course["insertions"]:
                key = insertion["changeRequestId"]
                insertions[key] += 1
                where[key].add((course["course"]["courseNumber"], insertion["credits"]))
    for request_id, request in approved.items():
        expected = {(request["course"]["courseNumber"], request["credits"])}
        if insertions[request_id] != 1 or where[request_id] != expected:
            problems.append(f"{request_id}: in its record {insertions[request_id]} times")
    strays = set(insertions) - set(approved)
    problems.extend(f"{stray}: inserted but not APPROVED" for stray in sorted(strays))
    print(f"\nChecked {len(approved)} approved requests in {len(records)} records: ", end="")
    print("every credit once." if not problems else f"{len(problems)} problems.")
    return problems


def report(tally: Tally, seconds: float) -> None:
    print(f"\n{'operation':<16}{'count':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for name, run in sorted(tally.runs.items()):
        run.seconds = seconds
        print(
            f"{name:<16}{run.count:>8}{run.throughput:>9.1f}{run.p50:>9.1f}"
            f"{run.percentile_ms(0.95):>9.1f}{run.p99:>9.1f}"
        )
    total = sum(run.count for run in tally.runs.values())
    print(f"{'all':<16}{total:>8}{total / seconds:>9.1f}")
    print("\nrefusals by the rules:", json.dumps(dict(sorted(tally.refusals.items()))))
    print("errors:", json.dumps(dict(sorted(tally.errors.items()))) if tally.errors else "none")


async def run(args: argparse.Namespace, http: httpx2.AsyncClient, secret: str) -> int:
    tally, rng = Tally(), random.Random(args.seed)
    inputs = {lea: request_inputs(schools) for lea, schools in LEAS.items()}
    leas = sorted(lea for lea, pool in inputs.items() if pool)

    def client(role: Role, sub: str, leas: list[int]) -> Client:
        token = issue_token(secret, role=role, sub=sub, name=sub, lea_ids=leas)
        return Client(http, token, tally)

    deadline = time.monotonic() + args.seconds
    flows = []
    for n in range(args.lea_users):
        lea = leas[n % len(leas)]
        user = client(Role.LEA_USER, f"load-lea-{n}", [lea])
        flows.append(lea_user(user, inputs[lea], deadline, random.Random(rng.random())))
    for n in range(args.reviewers):
        user = client(Role.REVIEWER, f"load-reviewer-{n}", [])
        flows.append(reviewer(user, deadline, random.Random(rng.random())))
    started = time.perf_counter()
    await asyncio.gather(*flows)
    report(tally, time.perf_counter() - started)
    problems = await check_approved_once(client(Role.REVIEWER, "load-checker", []))
    for problem in problems[:20]:
        print("  ", problem)
    return 1 if problems or tally.errors else 0


async def main_async(args: argparse.Namespace) -> int:
    print(f"{machine()}; {args.lea_users} LEA users, {args.reviewers} reviewers, {args.seconds} s")
    if args.url:
        print(f"against {args.url}")
        limits = httpx2.Limits(max_connections=args.lea_users + args.reviewers + 1)
        secret = Settings().jwt_secret.get_secret_value()
        async with httpx2.AsyncClient(
            base_url=args.url, limits=limits, timeout=REQUEST_TIMEOUT
        ) as http:
            return await run(args, http, secret)
    print("against a server of its own on loopback (embedded store, sample data)")
    async with uvicorn_server("benchmarks.bench_app:bench_app") as http:
        return await run(args, http, BENCH_SECRET)


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--lea-users", type=int, default=8)
    parser.add_argument("--reviewers", type=int, default=4)
    parser.add_argument("--url", help="a running server (default: start one on loopback)")
    parser.add_argument("--seed", type=int, default=15)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    sys.exit(asyncio.run(main_async(arguments(sys.argv[1:] if argv is None else argv))))


if __name__ == "__main__":
    main()

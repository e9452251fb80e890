"""The load test's flows and its final check, run briefly through the ASGI app: the check
passes on an honest run and finds a credit written twice."""

import argparse

from benchmarks.user_flows import Client, Tally, check_approved_once, run
from server.settings import DEVELOPMENT_SECRET
from tests.approval_support import approved, submit
from tests.conftest import RED_MOUNTAIN
from tests.sample import C1, CULINARY

MATEO = dict(suid="1002345701", school=RED_MOUNTAIN, program=CULINARY, course=C1, credits="0.5")


async def test_a_short_run_has_no_errors_and_every_approved_credit_once(http, store):
    args = argparse.Namespace(seconds=3, lea_users=2, reviewers=2, seed=1)
    assert await run(args, http, DEVELOPMENT_SECRET) == 0
    assert await store.db.change_requests.count_documents({"status": "APPROVED"}) > 0


async def test_the_check_finds_a_credit_inserted_twice(http, gql, tokens, store):
    checker = Client(http, tokens.reviewer, Tally())
    await approved(gql, tokens.reviewer, (await submit(gql, tokens.mesa, **MATEO))["id"])
    assert await check_approved_once(checker) == []
    record = await store.db.records.find_one({"courses.insertions.0": {"$exists": True}})
    course = next(c for c in record["courses"] if c.get("insertions"))
    course["insertions"].append(course["insertions"][0])
    await store.db.records.replace_one({"_id": record["_id"]}, record)
    [problem] = await check_approved_once(checker)
    assert "in its record 2 times" in problem

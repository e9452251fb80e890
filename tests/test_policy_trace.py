"""Traceability: every sentence of ADE's policy that states a rule (docs/policy.md, kind
`enforced` or `advised`) has a test marked `@pytest.mark.policy("P<n>")`, and every marker names
such a sentence.

Markers are read from a `pytest --collect-only` of the whole suite in a subprocess (plugin
tests/policy_collect.py), not from this session's items, so the check gives the same answer
whether the suite, one file or `-k` selection runs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.policy_collect import OUTPUT

ROOT = Path(__file__).resolve().parent.parent
POLICY_PAGE = ROOT / "docs" / "policy.md"
RULE_KINDS = {"enforced", "advised"}
KINDS = RULE_KINDS | {"context"}
ROW = re.compile(r"^\|\s*(P\d+)\s*\|(.*)\|\s*(\w+)\s*\|(.*)\|\s*$")

# Rule sentences whose only tests are still to come (a rule being built on another branch): list
# their ids here, with why, until the tests land. The check fails as soon as one of them has a
# marked test, so the set cannot go stale. It held P23 (approval moves the credits to the current
# fiscal year's record), P36 (RETIRED_SUID_STILL_ACTIVE) and P47 (previewInsertCreditsRequest
# tells the LEA user to use the credit adjustment window) until issue 10's tests came from main.
AWAITING_TESTS: frozenset[str] = frozenset()


def sentence_kinds(page: str) -> dict[str, str]:
    """The id -> kind of every table row of the policy page, in page order."""
    return {m[1]: m[3] for line in page.splitlines() if (m := ROW.match(line))}


def page_problems(page: str) -> list[str]:
    """What is wrong with the page itself: ids out of order or repeated, unknown kinds."""
    rows = [(m[1], m[3]) for line in page.splitlines() if (m := ROW.match(line))]
    problems = [f"{sid}: unknown kind {kind!r}" for sid, kind in rows if kind not in KINDS]
    ids = [sid for sid, _ in rows]
    expected = [f"P{n}" for n in range(1, len(ids) + 1)]
    if ids != expected:
        problems.append(f"ids must run P1..P{len(ids)} once each, in order; found {ids}")
    return problems


def marker_ids(marks: dict[str, list[dict]]) -> tuple[dict[str, set[str]], list[str]]:
    """Sentence id -> the tests marked with it, and the markers that are malformed."""
    tests: dict[str, set[str]] = {}
    problems = []
    for nodeid, found in marks.items():
        for mark in found:
            args = mark["args"]
            if mark["kwargs"] or not args or not all(isinstance(a, str) for a in args):
                problems.append(f"{nodeid}: policy() takes sentence ids only, got {mark}")
            for sid in args:
                if isinstance(sid, str):
                    tests.setdefault(sid, set()).add(nodeid)
    return tests, problems


def trace_problems(page: str, marks: dict[str, list[dict]], awaiting: frozenset[str]) -> list[str]:
    """Every way the markers and the page disagree; an empty list when they match."""
    kinds = sentence_kinds(page)
    rules = {sid for sid, kind in kinds.items() if kind in RULE_KINDS}
    tests, problems = marker_ids(marks)
    problems += page_problems(page)
    for sid in sorted(tests.keys() - kinds.keys()):
        problems.append(f"unknown sentence id {sid} on {sorted(tests[sid])}")
    for sid in sorted(tests.keys() & kinds.keys() - rules):
        problems.append(f"{sid} is context, which no test can check: {sorted(tests[sid])}")
    for sid in sorted(rules - tests.keys() - awaiting):
        problems.append(f"rule sentence {sid} has no test marked policy({sid!r})")
    for sid in sorted(awaiting & tests.keys()):
        problems.append(
            f"{sid} has tests now ({sorted(tests[sid])}): take it out of AWAITING_TESTS"
        )
    for sid in sorted(awaiting - rules):
        problems.append(f"AWAITING_TESTS names {sid}, which is no rule sentence of the page")
    return problems


def collected_markers(tmp_path: Path) -> dict[str, list[dict]]:
    """The policy markers of every test of the suite, from a collection in a subprocess."""
    out = tmp_path / "markers.json"
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"} | {OUTPUT: str(out)}
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    command += ["-p", "tests.policy_collect", "tests"]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, f"collection failed:\n{run.stdout[-4000:]}\n{run.stderr[-4000:]}"
    return json.loads(out.read_text(encoding="utf-8"))


def test_every_rule_sentence_has_a_test_and_every_marker_a_rule_sentence(tmp_path):
    marks = collected_markers(tmp_path)
    assert any(found for found in marks.values()), "no test carries a policy marker"
    problems = trace_problems(POLICY_PAGE.read_text(encoding="utf-8"), marks, AWAITING_TESTS)
    assert problems == [], "\n".join(problems)


# --- the checker itself, on a small page -------------------------------------------------

PAGE = """
| id | sentence | kind | how |
|---|---|---|---|
| P1 | Background. | context |  |
| P2 | A rule. | enforced | a refusal |
| P3 | Advice. | advised | an advisory |
"""


def marked(**tests: tuple[str, ...]) -> dict[str, list[dict]]:
    return {name: [{"args": list(ids), "kwargs": []}] for name, ids in tests.items()}


def test_a_page_whose_rules_all_have_tests_passes():
    assert trace_problems(PAGE, marked(a=("P2",), b=("P3", "P2")), frozenset()) == []


def test_a_rule_sentence_without_a_test_is_reported():
    assert trace_problems(PAGE, marked(a=("P2",)), frozenset()) == [
        "rule sentence P3 has no test marked policy('P3')"
    ]


def test_an_awaited_sentence_may_lack_a_test():
    assert trace_problems(PAGE, marked(a=("P2",)), frozenset({"P3"})) == []


def test_an_awaited_sentence_that_has_a_test_is_reported():
    problems = trace_problems(PAGE, marked(a=("P2",), b=("P3",)), frozenset({"P3"}))
    assert problems == ["P3 has tests now (['b']): take it out of AWAITING_TESTS"]


@pytest.mark.parametrize("awaiting", ["P1", "P9"])
def test_awaiting_a_context_or_unknown_sentence_is_reported(awaiting):
    problems = trace_problems(PAGE, marked(a=("P2", "P3")), frozenset({awaiting}))
    assert problems == [f"AWAITING_TESTS names {awaiting}, which is no rule sentence of the page"]


def test_a_marker_naming_an_unknown_id_is_reported():
    problems = trace_problems(PAGE, marked(a=("P2", "P3", "P4")), frozenset())
    assert problems == ["unknown sentence id P4 on ['a']"]


def test_a_marker_naming_a_context_sentence_is_reported():
    problems = trace_problems(PAGE, marked(a=("P2", "P3", "P1")), frozenset())
    assert problems == ["P1 is context, which no test can check: ['a']"]


@pytest.mark.parametrize(
    "mark",
    [{"args": [], "kwargs": []}, {"args": [2], "kwargs": []}, {"args": ["P2"], "kwargs": ["id"]}],
)
def test_a_malformed_marker_is_reported(mark):
    marks = marked(a=("P2", "P3")) | {"b": [mark]}
    problems = trace_problems(PAGE, marks, frozenset())
    assert len(problems) == 1 and problems[0].startswith("b: policy() takes sentence ids only")


@pytest.mark.parametrize(
    "page, problem",
    [
        (PAGE.replace("| P3 |", "| P4 |"), "ids must run P1..P3 once each, in order"),
        (PAGE.replace("| P3 |", "| P2 |"), "ids must run P1..P3 once each, in order"),
        (PAGE.replace("| advised |", "| advice |"), "P3: unknown kind 'advice'"),
    ],
)
def test_a_badly_numbered_page_is_reported(page, problem):
    problems = trace_problems(page, marked(a=("P1",)), frozenset())
    assert any(p.startswith(problem) for p in problems), problems

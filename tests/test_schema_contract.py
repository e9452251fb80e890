"""The served schema against the public contract (graphql-core find_breaking_changes must
find nothing) and against the committed SDL (schema/schema.graphql must not be stale).

The contract lives in ../shared/contract/ beside the repository; CI runs on a clean clone
where that folder may be absent, so the tests hold a copy (tests/contract/schema.graphql)
and check that the copy still equals the original whenever the original is there. Every
part of the next contract (schema-next.graphql) is served, so the copy is that one."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import build_schema as parse_sdl
from graphql import find_breaking_changes

from schema.root import build_schema

REPO = Path(__file__).resolve().parent.parent
CONTRACT_COPY = REPO / "tests" / "contract" / "schema.graphql"
CONTRACT_ORIGINAL = REPO.parent / "shared" / "contract" / "schema-next.graphql"
COMMITTED_SDL = REPO / "schema" / "schema.graphql"


@pytest.fixture(scope="module")
def served_sdl() -> str:
    return build_schema().as_str()


@pytest.mark.skipif(not CONTRACT_ORIGINAL.is_file(), reason="../shared/contract is not here")
def test_the_contract_copy_equals_the_shared_contract():
    assert CONTRACT_COPY.read_text(encoding="utf-8") == CONTRACT_ORIGINAL.read_text(
        encoding="utf-8"
    ), "copy ../shared/contract/schema-next.graphql over tests/contract/schema.graphql"


def test_the_served_schema_breaks_nothing_in_the_contract(served_sdl):
    contract = parse_sdl(CONTRACT_COPY.read_text(encoding="utf-8"))
    breaking = find_breaking_changes(contract, parse_sdl(served_sdl))
    assert [change.description for change in breaking] == []


def test_the_contract_check_finds_a_removed_field():
    """The check itself bites: removing a contract field is reported."""
    contract_sdl = CONTRACT_COPY.read_text(encoding="utf-8")
    contract = parse_sdl(contract_sdl)
    narrowed = parse_sdl(contract_sdl.replace("  placementSurveyEligible: Boolean!\n", ""))
    assert [c.description for c in find_breaking_changes(contract, narrowed)] == [
        "Field StatusFlags.placementSurveyEligible was removed."
    ]


def test_the_committed_sdl_is_the_served_sdl(served_sdl):
    assert COMMITTED_SDL.read_text(encoding="utf-8").strip() == served_sdl.strip(), (
        "schema/schema.graphql is stale: run `make schema`"
    )

"""The committed bundle (server/static/app/) is what web/'s sources build to: a rebuild with
`npm ci` from the lockfile, in a temporary copy, must give the same files byte for byte (and
the same generated GraphQL types in web/src/gql/). Runs where Node.js is installed (always in
CI: tests.tools)."""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.tools import require

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
BUNDLE = ROOT / "server" / "static" / "app"
# `npm ci`, a Vite build and Vitest from nothing: minutes on a busy 2-core machine, not the
# suite's 120 s per test (the rebuild is the first test's setup).
pytestmark = pytest.mark.timeout(900)


def _node_missing() -> bool:
    return shutil.which("node") is None or shutil.which("npm") is None


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    require(not _node_missing(), "Node.js is not installed")
    tmp = tmp_path_factory.mktemp("web-build")
    shutil.copytree(WEB, tmp / "web", ignore=shutil.ignore_patterns("node_modules"))
    (tmp / "schema").mkdir()
    shutil.copy(ROOT / "schema" / "schema.graphql", tmp / "schema" / "schema.graphql")
    env = {**os.environ, "CTECR_WEB_OUT": str(tmp / "out")}
    for command in (["npm", "ci", "--no-audit", "--no-fund"], ["npm", "run", "build"]):
        done = subprocess.run(command, cwd=tmp / "web", env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return tmp


def differences(left: Path, right: Path) -> list[str]:
    """Files that are only on one side or differ, relative to the two folders."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in compared.left_only + compared.right_only)
        found.extend(prefix + name for name in compared.diff_files + compared.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(
            compared.left, compared.right, compared.common_files, shallow=False
        )
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(set(found))


def test_committed_bundle_is_what_the_sources_build(rebuilt):
    assert differences(BUNDLE, rebuilt / "out") == [], "run `make web` and commit the bundle"


def test_committed_graphql_types_are_what_the_schema_generates(rebuilt):
    generated = WEB / "src" / "gql"
    assert differences(generated, rebuilt / "web" / "src" / "gql") == [], "run `make web`"


def test_the_bundle_holds_the_pages_and_the_operations_manifest():
    assert {"index.html", "graphiql.html", "persisted-documents.json"} <= {
        p.name for p in BUNDLE.iterdir()
    }


def test_client_logic_unit_tests_pass(rebuilt):
    """web/'s Vitest tests (field errors, file checks, idempotency keys, event resumption...)."""
    done = subprocess.run(
        ["npx", "vitest", "run"], cwd=rebuilt / "web", capture_output=True, text=True
    )
    assert done.returncode == 0, f"vitest failed:\n{done.stdout}\n{done.stderr}"


def test_the_operations_manifest_maps_each_documents_sha256_to_its_text():
    manifest = json.loads((BUNDLE / "persisted-documents.json").read_text(encoding="utf-8"))
    names = set()
    for key, text in manifest.items():
        assert key == "sha256:" + hashlib.sha256(text.encode()).hexdigest()
        names.update(re.findall(r"\b(?:query|mutation|subscription) (\w+)", text))
    assert {"SubmitInsertCredits", "Approve", "RequestList", "LiveEvents"} <= names

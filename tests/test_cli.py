"""The `ctecr` command line through typer's CliRunner: token, schema and import."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime

import jwt
import pytest
from graphql import build_schema as parse_sdl
from typer.testing import CliRunner

from schema.root import build_schema
from server.app import sample_data_dir
from server.cli import app as cli

SECRET = "a-test-secret-that-is-long-enough-0123456789"


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    """A runner with the CTECR_* settings of the test, not of the machine."""
    for name in ("CTECR_MONGODB_URI", "CTECR_DATABASE", "CTECR_ENV", "CTECR_TOKEN_HOURS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CTECR_JWT_SECRET", SECRET)
    return CliRunner()


def test_token_prints_a_token_with_the_given_claims(runner):
    result = runner.invoke(
        cli,
        [
            "token",
            "--role",
            "LEA_USER",
            "--sub",
            "lea-4235",
            "--name",
            "Mesa Coordinator",
            "--lea",
            "4235",
            "--lea",
            "79",
        ],
    )
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert (claims["sub"], claims["name"], claims["role"], claims["lea_ids"]) == (
        "lea-4235",
        "Mesa Coordinator",
        "LEA_USER",
        [4235, 79],
    )
    lifetime = claims["exp"] - claims["iat"]
    assert lifetime == 12 * 3600
    assert claims["exp"] > datetime.now(UTC).timestamp()


def test_token_for_staff_has_no_leas_and_is_signed_with_the_configured_secret(runner):
    result = runner.invoke(
        cli, ["token", "--role", "ADMIN", "--sub", "admin-1", "--name", "Alex Admin"]
    )
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    assert jwt.decode(token, SECRET, algorithms=["HS256"])["lea_ids"] == []
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, "another-secret-entirely-0123456789abcdef", algorithms=["HS256"])


def test_token_refuses_an_unknown_role(runner):
    result = runner.invoke(cli, ["token", "--role", "ROOT", "--sub", "x", "--name", "X"])
    assert result.exit_code != 0
    assert result.stdout.strip() == ""


def test_schema_prints_the_served_sdl(runner):
    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == build_schema().as_str().strip()
    # The printed SDL is a schema of its own (with descriptions, an argument list spans lines).
    lookup = parse_sdl(result.stdout).query_type.fields["participantRecords"]
    assert {name: str(arg.type) for name, arg in lookup.args.items()} == {
        "suid": "String!",
        "schoolEntityId": "Int!",
    }


def test_import_of_a_good_folder_prints_the_counts(runner):
    result = runner.invoke(cli, ["import", str(sample_data_dir())])
    assert result.exit_code == 0, result.output
    records = sum(1 for line in (sample_data_dir() / "records.jsonl").open() if line.strip())
    row = next(line for line in result.output.splitlines() if "records.jsonl" in line)
    assert str(records) in row.split()


def test_import_of_a_folder_with_a_bad_line_exits_non_zero_naming_file_and_line(runner, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(sample_data_dir(), folder)
    students = folder / "students.jsonl"
    lines = students.read_text(encoding="utf-8").splitlines()
    lines[4] = json.dumps({**json.loads(lines[4]), "suid": "12-34"})
    students.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(folder)])
    assert result.exit_code != 0
    output = " ".join(result.output.split())
    assert "students.jsonl:5: suid:" in output


def test_import_of_a_missing_folder_exits_non_zero(runner, tmp_path):
    result = runner.invoke(cli, ["import", str(tmp_path / "absent")])
    assert result.exit_code != 0
    assert "is not a folder" in " ".join(result.output.split())

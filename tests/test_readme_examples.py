"""The README's examples, taken from the README itself and run in order through the app: the
first submission (GraphQL) and then the upload example (multipart), each accepted."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.evidence_files import pdf_bytes

README = (Path(__file__).parent.parent / "README.md").read_text()


def graphql_block(starting: str) -> str:
    blocks = re.findall(r"```graphql\n(.*?)```", README, re.S)
    return next(block for block in blocks if block.startswith(starting))


def curl_part(name: str) -> str:
    return re.search(rf"-F {name}='(.*?)'", README).group(1)


async def test_the_first_submission_then_the_upload_example_both_succeed(gql, http, tokens):
    first = (await gql.data(graphql_block("mutation Submit"), {}, tokens.mesa))[
        "submitInsertCreditsRequest"
    ]
    assert first["userErrors"] == [], first
    response = await http.post(
        "/graphql",
        data={"operations": curl_part("operations"), "map": curl_part("map")},
        files={"0": ("transcript.pdf", pdf_bytes(), "application/pdf")},
        headers={"Authorization": f"Bearer {tokens.mesa}", "Apollo-Require-Preflight": "true"},
    )
    upload = response.json()["data"]["submitInsertCreditsRequest"]
    assert upload["userErrors"] == [], upload
    assert [e["filename"] for e in upload["changeRequest"]["evidence"]] == ["transcript.pdf"]
    assert json.loads(curl_part("map")) == {"0": ["variables.input.evidence.0"]}

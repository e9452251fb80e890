"""Property-based fuzzing of the API through the ASGI app, in production settings, with a
valid token of each role: documents generated from the served schema (hypothesis-graphql)
with values drawn from the sample data and from anything at all, strings and nulls where
uploads go, and raw request bodies.

Properties: never a 500; every error has a code and none is an unexpected (masked) one, so
no Python exception text can reach a client; a failed mutation is a typed `userErrors` entry
or an error about the document, and stores nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import UTC

import graphql
import pytest
from bson import json_util
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, nodes, queries

from domain.models import Role
from schema.ids import to_global_id
from schema.root import build_schema
from tests.conftest import EVIT_MAIN, MOUNTAIN_VIEW, RED_MOUNTAIN, TUCSON, TUCSON_HIGH
from tests.hardening import (
    production,
    request_inputs,
    serving,
    submit_requests,
    token_for,
)
from tests.sample import AALIYAH_RETIRED, ANA, MATEO, PRIYA

SCHEMA = build_schema()._schema
SETTINGS = production()
TOKENS = [
    token_for(SETTINGS),
    token_for(SETTINGS, Role.LEA_USER, "lea-tucson", "Tucson Coordinator", (TUCSON,)),
    token_for(SETTINGS, Role.REVIEWER, "reviewer-1", "Riley Reviewer", ()),
    token_for(SETTINGS, Role.ADMIN, "admin-1", "Alex Admin", ()),
]
# Ids of the change requests the fixture submits, drawn from once it has run.
KNOWN_IDS: list[str] = []
SAMPLE_STRINGS = [
    MATEO,
    ANA,
    AALIYAH_RETIRED,
    PRIYA,
    "12.0500",
    "51.3900",
    "12050010",
    "12050020",
    "51390030",
    "99.9999",
    "",
    " ",
    "OTHER",
]
SAMPLE_INTS = [
    RED_MOUNTAIN,
    MOUNTAIN_VIEW,
    TUCSON_HIGH,
    EVIT_MAIN,
    4235,
    2025,
    2026,
    2027,
    8,
    9,
    12,
    13,
    0,
    1,
    2,
    3,
    25,
    100,
    101,
    -1,
]
PYTHON_TEXT = re.compile(
    r"Traceback|File \"|\b[A-Za-z]+(Error|Exception)\b|NoneType|"
    r"object has no attribute|<[a-z_.]+ object at 0x"
)
DOCUMENT_CODES = {
    "GRAPHQL_VALIDATION_FAILED",
    "GRAPHQL_PARSE_FAILED",
    "BAD_USER_INPUT",
    "QUERY_TOO_DEEP",
    "TOO_MANY_ALIASES",
    "QUERY_TOO_LARGE",
    "QUERY_TOO_COSTLY",
}
USER_ERROR_CODES = set(SCHEMA.get_type("UserErrorCode").values)
# CTECR_FUZZ_EXAMPLES=2000 for a deeper run than `make test` affords.
FUZZ = settings(
    max_examples=int(os.environ.get("CTECR_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _ids() -> st.SearchStrategy[str]:
    crafted = st.builds(
        to_global_id,
        st.sampled_from(["ChangeRequest", "ParticipantRecord", "Nope"]),
        st.one_of(st.text(max_size=30), st.from_regex(r"\A[0-9a-f]{24}\Z")),
    )
    known = st.deferred(lambda: st.sampled_from(KNOWN_IDS))
    return st.one_of(known, crafted, st.text(max_size=30))


STRINGS = st.one_of(st.sampled_from(SAMPLE_STRINGS), st.text(max_size=40))
SCALARS = {
    "String": STRINGS.map(nodes.String),
    "ID": _ids().map(nodes.String),
    "Int": st.one_of(st.sampled_from(SAMPLE_INTS), st.integers(-(2**31), 2**31 - 1)).map(nodes.Int),
    "Decimal": st.one_of(
        st.sampled_from(
            ["0.5", "1", "0.25", "3", "3.01", "0", "-1", "0.001", "1e2", "NaN", "Infinity", "abc"]
        ).map(nodes.String),
        st.decimals(allow_nan=False, allow_infinity=False).map(nodes.String),
        st.integers().map(nodes.Int),
        st.floats(allow_nan=False, allow_infinity=False).map(nodes.Float),
        st.text(max_size=10).map(nodes.String),
    ),
    "Date": st.one_of(st.dates().map(str), st.text(max_size=12)).map(nodes.String),
    "DateTime": st.one_of(
        st.datetimes(timezones=st.just(UTC)).map(lambda d: d.isoformat()),
        st.datetimes().map(lambda d: d.isoformat()),
        st.text(max_size=30),
    ).map(nodes.String),
    # Strings and nulls where files are expected (as in a JSON body, without multipart).
    "Upload": st.one_of(st.text(max_size=20).map(nodes.String), st.just(graphql.NullValueNode())),
}

# Every mutation is sent with a selection that shows its outcome whatever fields the
# generator picked: the typed errors and what was changed.
PAYLOAD_SELECTIONS = {
    "ChangeRequestPayload": "{ userErrors { code message field } "
    "changeRequest { id status version } }",
    "FiscalYearDatesPayload": "{ userErrors { code message field } "
    "fiscalYearDates { fiscalYear } }",
    "NotificationPreferencesPayload": "{ userErrors { code message field } "
    "notificationPreferences { email settings { kind enabled } } }",
}


def _payload_selection(field_name: str) -> graphql.SelectionSetNode:
    payload = graphql.get_named_type(SCHEMA.mutation_type.fields[field_name].type)
    document = graphql.parse(PAYLOAD_SELECTIONS[payload.name])
    return document.definitions[0].selection_set


def single_mutation(document: graphql.DocumentNode) -> str:
    """The first mutation field the generator made, with its arguments and our selection."""
    generated = document.definitions[0].selection_set.selections[0]
    field = graphql.FieldNode(
        name=generated.name,
        arguments=generated.arguments,
        directives=(),
        selection_set=_payload_selection(generated.name.value),
    )
    operation = graphql.OperationDefinitionNode(
        operation=graphql.OperationType.MUTATION,
        directives=(),
        variable_definitions=(),
        selection_set=graphql.SelectionSetNode(selections=(field,)),
    )
    return graphql.print_ast(graphql.DocumentNode(definitions=(operation,)))


QUERIES = queries(SCHEMA, custom_scalars=SCALARS)
MUTATIONS = mutations(SCHEMA, custom_scalars=SCALARS, print_ast=single_mutation)


@pytest.fixture
async def fuzzed(store, clock):
    """The production app with a few open requests, one of them awaiting information."""
    async with serving(SETTINGS, store, clock) as gql:
        mesa, reviewer = TOKENS[0], TOKENS[2]
        inputs = request_inputs({RED_MOUNTAIN})[:4] + request_inputs({TUCSON_HIGH})[:2]
        mesa_requests = await submit_requests(gql, mesa, inputs[:4])
        tucson_requests = await submit_requests(gql, TOKENS[1], inputs[4:])
        await gql.data(
            'mutation($id: ID!) { requestMoreInformation(input: {id: $id, comment: "Why?"})'
            " { userErrors { code } } }",
            {"id": mesa_requests[0]["id"]},
            reviewer,
        )
        KNOWN_IDS[:] = [r["id"] for r in mesa_requests + tucson_requests]
        yield gql, store


async def snapshot(store) -> str:
    """A digest of every document in every collection but the access log (which records
    reads, refused ones too, by design)."""
    digest = hashlib.sha256()
    for name in sorted(set(await store.db.list_collection_names()) - {"access_log"}):
        documents = [doc async for doc in store.db[name].find({}).sort("_id", 1)]
        digest.update(name.encode())
        digest.update(json_util.dumps(documents, sort_keys=True).encode())
    return digest.hexdigest()


def assert_safe(response) -> dict:
    """200, and every error coded, expected, and free of Python's words."""
    assert response.status_code == 200, response.text
    body = response.json()
    for error in body.get("errors") or ():
        code = (error.get("extensions") or {}).get("code")
        assert code and code != "INTERNAL_SERVER_ERROR", error
        assert not PYTHON_TEXT.search(error["message"]), error
    return body


async def post(gql, document: str, token: str | None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await gql.http.post("/graphql", json={"query": document}, headers=headers)


@FUZZ
@given(document=QUERIES, token=st.sampled_from(TOKENS))
async def test_queries_never_fail_unexpectedly(fuzzed, document, token):
    gql, _ = fuzzed
    assert_safe(await post(gql, document, token))


@FUZZ
@given(document=MUTATIONS, token=st.sampled_from(TOKENS))
async def test_a_failed_mutation_is_typed_and_stores_nothing(fuzzed, document, token):
    gql, store = fuzzed
    before = await snapshot(store)
    body = assert_safe(await post(gql, document, token))
    [name] = graphql.parse(document).definitions[0].selection_set.selections
    if body["data"] is None:  # refused as a document: nothing ran
        assert {e["extensions"]["code"] for e in body["errors"]} <= DOCUMENT_CODES, body
        assert all("path" not in e for e in body["errors"]), body
        assert await snapshot(store) == before
        return
    assert "errors" not in body, body
    payload = body["data"][name.name.value]
    if payload["userErrors"]:
        assert {e["code"] for e in payload["userErrors"]} <= USER_ERROR_CODES
        assert all(e["message"] for e in payload["userErrors"])
        assert await snapshot(store) == before, (document, payload)
    else:  # a success says what it made or changed
        [changed] = [value for key, value in payload.items() if key != "userErrors"]
        assert changed is not None, (document, payload)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
BODIES = st.one_of(
    JSON,
    st.fixed_dictionaries(
        {"query": st.one_of(st.text(max_size=200), JSON)},
        optional={"variables": JSON, "operationName": JSON, "extensions": JSON},
    ),
    st.builds(
        lambda q, v: {"query": q, "variables": v},
        QUERIES,
        st.dictionaries(st.text(max_size=8), JSON, max_size=3),
    ),
)
HEADER_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60)


@FUZZ
@given(
    body=BODIES,
    authorization=st.one_of(
        st.none(), HEADER_TEXT, st.sampled_from(TOKENS).map("Bearer {}".format)
    ),
)
async def test_any_request_body_gets_an_answer_or_a_400_never_a_500(fuzzed, body, authorization):
    gql, _ = fuzzed
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = await gql.http.post(
        "/graphql",
        content=json.dumps(body),
        headers={**headers, "Content-Type": "application/json"},
    )
    if isinstance(body, dict):
        assert response.status_code in (200, 400), response.text
    else:  # a JSON value that is not an object, or a batch
        assert response.status_code == 400, response.text
    if response.status_code == 200:
        assert_safe(response)


def _not_json(raw: bytes) -> bool:
    try:
        json.loads(raw)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError
        return True
    return False


@FUZZ
@given(raw=st.binary(max_size=200).filter(_not_json))
async def test_bytes_that_are_not_json_get_a_400(fuzzed, raw):
    gql, _ = fuzzed
    response = await gql.http.post(
        "/graphql",
        content=raw,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKENS[0]}"},
    )
    assert response.status_code == 400, response.text
    assert "Unable to parse request body as JSON" in response.text

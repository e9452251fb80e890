"""Compiled execution (schema/compiled) answers byte for byte as graphql-core does.

Every request here is sent twice to the same app on the same data: once with compiled
execution, once with the compiler switched off, and the two HTTP answers (status and body)
must be identical; the compiled run must also have run a plan where one is expected, so that a
silent fallback cannot pass for agreement. The documents are the web app's manifest queries
with the variables it sends, for each kind of viewer, the error cases (not found, forbidden,
bad variables, limits, a resolver raising, in development and production) and seeded random
selections over the whole query type."""

from __future__ import annotations

import contextlib
import json
import random
from functools import partial
from pathlib import Path

import httpx2
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLNonNull,
    GraphQLObjectType,
    OperationType,
    get_named_type,
    is_leaf_type,
    parse,
)

import server.errors
import server.logging
from domain.models import Role
from schema.compiled import executor as compiled
from schema.compiled.compile import Unsupported, compile_operation
from schema.root import build_schema
from server.web import BUNDLE, MANIFEST
from tests.conftest import (
    RED_MOUNTAIN,
    TUCSON,
    FixedClock,
)
from tests.hardening import development, production, request_inputs, submit_requests, token_for
from tests.sample import ETHAN, JAYLEN, MATEO, SOFIA
from tests.sample_store import load_sample_data

from .conftest import GraphQLClient

MANIFEST_DOCUMENTS = json.loads((Path(BUNDLE) / MANIFEST).read_text())


def manifest_query(name: str) -> str:
    """The manifest's text of the query operation `name`."""
    for text in MANIFEST_DOCUMENTS.values():
        for definition in parse(text).definitions:
            if getattr(definition, "name", None) and definition.name.value == name:
                return text
    raise KeyError(name)


class Twice:
    """Sends each request with compiled execution and without, and compares the answers."""

    def __init__(self, app, http: httpx2.AsyncClient, monkeypatch):
        self.executor = app.state.graphql.schema.execution_context_class
        assert issubclass(self.executor, compiled.CompiledExecutor)
        self.http = http
        self.plans_run = 0
        run = compiled.CompiledExecutor._run

        def counting(executor, plan):
            self.plans_run += 1
            return run(executor, plan)

        monkeypatch.setattr(compiled.CompiledExecutor, "_run", counting)
        # The database round trips of each operation, as its log line counts them.
        self.trips: list[int] = []
        log_operation = server.logging.log_operation

        def logging_trips(*args, **kwargs):
            self.trips.append(kwargs.get("round_trips", 0))
            return log_operation(*args, **kwargs)

        monkeypatch.setattr(server.logging, "log_operation", logging_trips)
        # A masked error's correlation id is the request's random id: the same for both runs.
        monkeypatch.setattr(server.errors, "request_id", lambda context: "correlation-id")

    @contextlib.contextmanager
    def graphql_core(self):
        documents = self.executor.documents
        self.executor.documents = compiled.CompiledDocuments(lambda document: False, 1)
        try:
            yield
        finally:
            self.executor.documents = documents

    async def send(self, body: dict, token: str | None, compilable: bool = True) -> dict:
        """The answer, the same both ways, with as many database round trips (the same
        DataLoader batches). Where the operation ran (graphql-core's answer has data or an
        error located in it), a plan must have run, if it is `compilable`."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        before = self.plans_run
        self.trips.clear()
        answer = await self.http.post("/graphql", json=body, headers=headers)
        ran_plan = self.plans_run > before
        with self.graphql_core():
            reference = await self.http.post("/graphql", json=body, headers=headers)
        assert self.plans_run == before + ran_plan, "the reference ran a plan"
        assert (answer.status_code, answer.content) == (reference.status_code, reference.content)
        assert len(self.trips) == 2 and self.trips[0] == self.trips[1], self.trips
        answered = reference.json()
        assert ran_plan == (compilable and executed(answered)), (body, answered)
        return answered

    async def query(self, query: str, variables: dict | None, token: str | None, **options):
        return await self.send({"query": query, "variables": variables or {}}, token, **options)


def executed(body: dict) -> bool:
    errors = body.get("errors") or []
    return body.get("data") is not None or any("path" in error for error in errors)


@contextlib.asynccontextmanager
async def served_app(settings, store):
    """The app on the sample data, started, and a client of it."""
    await load_sample_data(store, FixedClock())
    from server.app import create_app

    app = create_app(settings, store=store, clock=FixedClock())
    async with app.router.lifespan_context(app):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as http:
            yield app, http


async def lea_requests(http: httpx2.AsyncClient, tokens: Viewers) -> list[dict]:
    """Requests the LEA user submits for the reviewer, at Red Mountain."""
    inputs = request_inputs({RED_MOUNTAIN})[:6]
    return await submit_requests(GraphQLClient(http), tokens.mesa, inputs)


@pytest.fixture(params=["development", "production"])
async def twice(request, store, monkeypatch):
    """Every document compiled (not only trusted ones)."""
    harness = partial(Twice, monkeypatch=monkeypatch)
    async with both_ways(
        request.param, store, harness, Twice.graphql_core, compiled_execution="all"
    ) as both:
        yield both


@contextlib.asynccontextmanager
async def both_ways(mode: str, store, harness, reference, **settings):
    """The harness of a differential test on the app in development (errors as they are) or
    production (unexpected ones masked), with the viewers' tokens and requests the LEA user
    submitted for the reviewer, sent the `reference` way (a context manager of the harness)."""
    made = (development if mode == "development" else production)(**settings)
    async with served_app(made, store) as (app, http):
        both = harness(app, http)
        both.tokens = Viewers(made)
        with reference(both):
            both.requests = await lea_requests(http, both.tokens)
        yield both


class Viewers:
    def __init__(self, settings):
        self.mesa = token_for(settings)
        self.tucson = token_for(settings, sub="lea-tucson", name="Tucson", leas=(TUCSON,))
        self.reviewer = token_for(settings, Role.REVIEWER, "reviewer-1", "Riley", ())
        self.admin = token_for(settings, Role.ADMIN, "admin-1", "Alex", ())

    def all(self) -> list[str | None]:
        return [self.mesa, self.tucson, self.reviewer, self.admin, None]


def preview_input(**changes) -> dict:
    return {
        "suid": SOFIA,
        "schoolEntityId": RED_MOUNTAIN,
        "programNumber": "12.0500",
        "courseNumber": "12050020",
        "credits": "0.5",
        "gradeLevel": 11,
        "reason": "OUT_OF_STATE_TRANSFER",
        **changes,
    }


def manifest_cases(twice) -> list[tuple[str, dict]]:
    """(operation, variables) as the web app sends them, and the error cases of each."""
    first_request = twice.requests[0]["id"]
    return [
        ("AppViewer", {}),
        ("FiscalCalendar", {}),
        ("FindRecords", {"suid": SOFIA, "school": RED_MOUNTAIN}),
        ("FindRecords", {"suid": JAYLEN, "school": RED_MOUNTAIN}),
        ("FindRecords", {"suid": "1999999999", "school": RED_MOUNTAIN}),  # nobody
        ("FindRecords", {"suid": SOFIA, "school": 1}),  # no such school
        ("FindRecords", {"suid": SOFIA, "school": "Red Mountain"}),  # a bad variable
        ("FindRecords", {"suid": SOFIA}),  # a missing one
        ("PlacementSurvey", {}),
        ("PlacementSurvey", {"fiscalYear": 2026, "school": RED_MOUNTAIN}),
        ("PreviewInsertCredits", {"input": preview_input()}),
        ("PreviewInsertCredits", {"input": preview_input(credits="9", gradeLevel=4)}),
        ("PreviewInsertCredits", {"input": preview_input(suid=MATEO, courseNumber="x")}),
        ("PreviewInsertCredits", {"input": preview_input(reason="NO_SUCH_REASON")}),
        ("RequestDetail", {"id": first_request}),
        ("RequestDetail", {"id": "Q2hhbmdlUmVxdWVzdDpub3RoaW5n"}),  # ChangeRequest:nothing
        ("RequestDetail", {"id": "not a global id"}),
        ("RequestList", {"first": 25}),
        ("RequestList", {"first": 2, "filter": {"status": ["PENDING_REVIEW"]}}),
        ("RequestList", {"first": 1000}),  # refused: beyond the largest page
        ("RequestList", {"filter": {"status": ["SUBMITTED"]}}),  # no such status
        ("RequestList", {"filter": {"schoolEntityId": RED_MOUNTAIN, "suid": ETHAN}}),
    ]


async def test_every_manifest_query_answers_as_graphql_core(twice):
    queries = {
        definition.name.value
        for text in MANIFEST_DOCUMENTS.values()
        for definition in parse(text).definitions
        if getattr(definition, "operation", None) is OperationType.QUERY
    }
    cases = manifest_cases(twice)
    assert {name for name, _ in cases} == queries  # every manifest query is exercised
    for name, variables in cases:
        for token in twice.tokens.all():
            await twice.query(manifest_query(name), variables, token)


async def test_documents_by_id_run_compiled_too(twice):
    [document_id] = [key for key, text in MANIFEST_DOCUMENTS.items() if "query FindRecords" in text]
    body = {"documentId": document_id, "variables": {"suid": SOFIA, "school": RED_MOUNTAIN}}
    answer = await twice.send(body, twice.tokens.mesa)
    assert answer["data"]["participantRecords"]


async def test_a_resolver_raising_nulls_the_nearest_nullable_parent(twice, monkeypatch):
    """An unexpected error (masked in production) inside a non-null field of a nullable
    `changeRequest`, and inside non-null fields up to the root."""
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        raise RuntimeError("student 1002345735 exploded")

    monkeypatch.setattr("schema.types.Student.of", classmethod(lambda cls, s: failing()))
    detail = await twice.query(
        manifest_query("RequestDetail"), {"id": twice.requests[0]["id"]}, twice.tokens.reviewer
    )
    assert detail["data"] == {"changeRequest": None, "viewer": {"role": "REVIEWER"}}
    records = await twice.query(
        manifest_query("FindRecords"), {"suid": SOFIA, "school": RED_MOUNTAIN}, twice.tokens.mesa
    )
    assert records["data"] is None
    page = await twice.query(
        "query { changeRequests(first: 5) { edges { node { id student { suid } } } } }",
        {},
        twice.tokens.reviewer,
    )
    assert page["data"] is None and len(page["errors"]) == 1
    assert calls["n"] > 0


async def test_errors_in_nullable_fields_of_list_items(twice, monkeypatch):
    """A nullable field failing for some objects of a list: null there, each error with its
    own path, the rest of the page intact."""
    from schema.types import ChangeRequest

    [field] = [
        f for f in ChangeRequest.__strawberry_definition__.fields if f.python_name == "record"
    ]
    original = field.base_resolver.wrapped_func
    failing_ids = {r["id"] for r in twice.requests[::2]}

    def sometimes(self, info):  # as the field: its value, or an awaitable of it
        if self.id in failing_ids:
            raise ValueError("no record for this one")
        return original(self, info)

    monkeypatch.setattr(field.base_resolver, "wrapped_func", sometimes)
    query = """query { changeRequests(first: 6) { edges { node { id record { id } status } } } }"""
    body = await twice.query(query, {}, twice.tokens.reviewer)
    paths = [error["path"] for error in body["errors"]]
    assert len(paths) == len(failing_ids) and all(p[-1] == "record" for p in paths)
    nodes = [edge["node"] for edge in body["data"]["changeRequests"]["edges"]]
    assert [n["record"] is None for n in nodes] == [n["id"] in failing_ids for n in nodes]


async def test_a_direct_resolver_sees_the_info_graphql_core_gives(twice, monkeypatch):
    """A resolver called directly gets its info built only when it reads more than the
    context: what it reads is graphql-core's."""
    from schema.types import ChangeRequest

    [field] = [
        f for f in ChangeRequest.__strawberry_definition__.fields if f.python_name == "record"
    ]
    original = field.base_resolver.wrapped_func
    seen: list = []

    def reading(self, info):
        raw = info._raw_info
        seen.append(
            (
                info.path.as_list(),
                info.field_name,
                info.variable_values,
                [f.name for f in info.selected_fields[0].selections],
                raw.parent_type.name,
                str(raw.return_type),
                info.context is raw.context,
            )
        )
        return original(self, info)

    monkeypatch.setattr(field.base_resolver, "wrapped_func", reading)
    query = """query ($first: Int) {
      changeRequests(first: $first) { edges { node { record { id fiscalYear } } } } }"""
    await twice.query(query, {"first": 3}, twice.tokens.reviewer)
    assert len(seen) == 6 and seen[:3] == seen[3:]
    assert seen[0][:2] == (["changeRequests", "edges", 0, "node", "record"], "record")


async def test_limits_answer_alike(twice):
    deep = "query { viewer { leas { schools { lea { schools { lea { schools { lea { schools { lea { schools { lea { name } } } } } } } } } } } } }"  # noqa: E501
    aliases = (
        "query { "
        + " ".join(f"a{i}: fiscalYearStatus {{ participantFiscalYear }}" for i in range(31))
        + " }"
    )
    page = "changeRequests(first: 100) { edges { node { retiredSuidRecords { courses { insertions { credits changeRequestId approvedAt } } } } } }"  # noqa: E501
    costly = "query { " + " ".join(f"p{i}: {page}" for i in range(5)) + " }"
    for query in (deep, aliases, costly):
        body = await twice.query(query, {}, twice.tokens.reviewer)
        assert body.get("data") is None and body["errors"]


async def test_what_the_compiler_leaves_to_graphql_core(twice):
    """Directives, introspection, unions and interfaces (completed by graphql-core inside a
    plan), mutations: the answers are graphql-core's either way."""
    mesa, reviewer = twice.tokens.mesa, twice.tokens.reviewer
    skip = "query ($s: Boolean!) { viewer { name @skip(if: $s) role } }"
    await twice.query(skip, {"s": True}, mesa, compilable=False)
    await twice.query("query { __typename viewer { __typename name } }", {}, mesa)
    node = (
        "query ($id: ID!) { node(id: $id) { id ... on ChangeRequest { status student { suid } } } }"
    )
    await twice.query(node, {"id": twice.requests[0]["id"]}, reviewer)
    mutation = """mutation ($input: SetNotificationPreferencesInput!) {
      setNotificationPreferences(input: $input) { userErrors { code } }
    }"""
    await twice.query(mutation, {"input": {"bogus": True}}, mesa, compilable=False)


def test_the_compiler_refuses_what_it_cannot_express():
    schema = build_schema()._schema
    for text in (
        "subscription { changeRequestEvents { id } }",
        "mutation { setNotificationPreferences(input: {}) { userErrors { code } } }",
        "query { viewer { name @include(if: true) } }",
        "query { __schema { queryType { name } } }",
    ):
        document = parse(text)
        with pytest.raises(Unsupported):
            compile_operation(schema, document.definitions[0], {})


# --- generated documents ------------------------------------------------------------------

ROOT_ARGUMENTS = {
    "participantRecords": [f'(suid: "{SOFIA}", schoolEntityId: {RED_MOUNTAIN})'],
    "changeRequests": ["(first: 3)", "", "(filter: {status: [PENDING_REVIEW]}, first: 2)"],
    "placementSurveyList": ["(first: 2)", f"(schoolEntityId: {RED_MOUNTAIN})"],
    "accessLog": ["(first: 2)"],
    "notificationFailures": [""],
    "previewInsertCreditsRequest": [
        f'(input: {{suid: "{SOFIA}", schoolEntityId: {RED_MOUNTAIN}, programNumber: "12.0500", '
        'courseNumber: "12050020", credits: "0.5", gradeLevel: 11, reason: OTHER})'
    ],
}


class Selections:
    """Seeded random selections over the query type: subsets of fields in random order,
    aliases, repeated fields, inline fragments and named fragments."""

    def __init__(self, schema, seed: int):
        self.schema = schema
        self.random = random.Random(seed)
        self.fragments: list[str] = []

    def document(self) -> str:
        query = self.schema.query_type
        names = [n for n in query.fields if n in ROOT_ARGUMENTS or not query.fields[n].args]
        names = [n for n in names if n not in ("node", "changeRequest")]
        chosen = self.random.sample(names, k=self.random.randint(1, 3))
        fields = []
        for name in chosen:
            arguments = self.random.choice(ROOT_ARGUMENTS.get(name, [""]))
            inner = self.selection(get_named_type(query.fields[name].type), depth=0)
            fields.append(f"{name}{arguments} {inner}")
        return "query Generated { " + " ".join(fields) + " } " + " ".join(self.fragments)

    def selection(self, type_: GraphQLObjectType, depth: int) -> str:
        fields = list(type_.fields.items())
        count = self.random.randint(1, min(len(fields), 6))
        parts = []
        for name, field in self.random.sample(fields, k=count):
            if field.args and any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
                continue
            named = get_named_type(field.type)
            if is_leaf_type(named) or isinstance(named, GraphQLEnumType):
                part = name
            elif depth >= 3 or not isinstance(named, GraphQLObjectType):
                continue
            else:
                part = f"{name} {self.selection(named, depth + 1)}"
            if self.random.random() < 0.15:
                part = f"x{len(parts)}: {part}"
            parts.append(part)
            if self.random.random() < 0.1:
                parts.append(part)  # the same field twice, merged
        if not parts:
            parts = ["__typename"]
        body = " ".join(parts)
        roll = self.random.random()
        if roll < 0.15:
            return f"{{ ... on {type_.name} {{ {body} }} }}"
        if roll < 0.3:
            name = f"F{len(self.fragments)}"
            self.fragments.append(f"fragment {name} on {type_.name} {{ {body} }}")
            return f"{{ ...{name} }}"
        return "{ " + body + " }"


async def test_generated_documents_answer_as_graphql_core(twice):
    schema = build_schema()._schema
    viewers = [twice.tokens.mesa, twice.tokens.reviewer, twice.tokens.admin]
    compiled_runs = 0
    for seed in range(40):
        document = Selections(schema, seed).document()
        token = viewers[seed % len(viewers)]
        before = twice.plans_run
        body = await twice.send({"query": document, "variables": {}}, token)
        compiled_runs += twice.plans_run > before
        assert "data" in body or body["errors"]
    assert compiled_runs >= 30


# --- which documents run compiled -----------------------------------------------------------


@contextlib.contextmanager
def counting_plans(monkeypatch):
    ran: list[str] = []
    run = compiled.CompiledExecutor._run

    def counting(executor, plan):
        ran.append(executor.operation.name.value if executor.operation.name else "")
        return run(executor, plan)

    monkeypatch.setattr(compiled.CompiledExecutor, "_run", counting)
    yield ran


RELAID_FIND_RECORDS = """
query FindRecords($suid: String!, $school: Int!) {
  participantRecords(schoolEntityId: $school, suid: $suid) {
    ...RecordCard_record
    ...InsertCreditsForm_record
    student { suid lastName firstName }
    id
  }
  fiscalYearStatus { participantFiscalYear }
}
fragment InsertCreditsForm_record on ParticipantRecord {
  program { programNumber name courses { name courseNumber } } id
}
fragment Flags_flags on StatusFlags { placementSurveyEligible participant concentrator completer }
fragment RecordCard_record on ParticipantRecord {
  status { ...Flags_flags } school { name } program { programNumber name } id fiscalYear
  courses { totalCredits reportedCredits insertedCredits course { name kind courseNumber } }
}"""


async def test_by_default_only_the_manifests_documents_run_compiled(gql, tokens, monkeypatch):
    """The manifest's FindRecords in another layout, and AppViewer, run compiled; an ad hoc
    query does not."""
    variables = {"suid": SOFIA, "school": RED_MOUNTAIN}
    with counting_plans(monkeypatch) as ran:
        await gql.data(RELAID_FIND_RECORDS, variables, tokens.mesa)
        ad_hoc = (
            "query Mine($s: String!) { participantRecords(suid: $s, schoolEntityId: 79012) { id } }"
        )
        await gql.data(ad_hoc, {"s": SOFIA}, tokens.mesa)
        await gql.data(manifest_query("AppViewer"), {}, tokens.mesa)
    assert ran == ["FindRecords", "AppViewer"]


async def test_an_anonymous_callers_documents_are_never_planned(gql, tokens, monkeypatch):
    """Development lets anonymous callers introspect; their documents are parsed afresh at
    each request, so plans kept for them would only push out signed-in users' plans."""
    planned: list[str] = []
    plan = compiled.CompiledDocuments.plan

    def recording(documents, schema, operation, fragments):
        planned.append(operation.name.value if operation.name else "")
        return plan(documents, schema, operation, fragments)

    monkeypatch.setattr(compiled.CompiledDocuments, "plan", recording)
    for _ in range(3):
        await gql.data("query Types { __schema { queryType { name } } }", {}, None)
    assert planned == []
    await gql.data("query Types { __schema { queryType { name } } }", {}, tokens.mesa)
    assert planned == ["Types"]


MANIFEST_DOCUMENTS_BY_HEX = {
    key.removeprefix("sha256:"): v for key, v in MANIFEST_DOCUMENTS.items()
}


@pytest.mark.parametrize("mode", ["off", "trusted"])
def test_no_compiled_executor_when_off_or_nothing_is_trusted(mode):
    from server.compiled_execution import executor_class
    from server.trusted_documents import Manifest

    manifest = Manifest() if mode == "trusted" else Manifest(MANIFEST_DOCUMENTS_BY_HEX)
    assert executor_class(development(compiled_execution=mode), manifest) is None
    assert executor_class(development(compiled_execution="all"), Manifest()) is not None


async def test_field_middleware_runs_every_operation_through_graphql_core(store, monkeypatch):
    """Tracing's per-field spans are an extension's resolve hook: no plan runs then."""
    from opentelemetry.sdk.trace import TracerProvider

    from server.app import create_app

    await load_sample_data(store, FixedClock())
    settings = development(compiled_execution="all")
    app = create_app(settings, store=store, clock=FixedClock(), tracer_provider=TracerProvider())
    async with app.router.lifespan_context(app):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as http:
            with counting_plans(monkeypatch) as ran:
                data = await GraphQLClient(http).data(
                    manifest_query("AppViewer"), {}, token_for(settings)
                )
    assert data["viewer"]["role"] == "LEA_USER" and ran == []

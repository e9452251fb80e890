"""Trusted documents: documents named by the hash the web app's build gave them, over HTTP
(JSON and multipart) and the WebSocket; where they are required (production's default), an
arbitrary document is refused unless an admin sends it; unknown hashes are never registered."""

from __future__ import annotations

import contextlib
import json

import httpx2
import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from domain.models import Role
from server.app import create_app, sample_data_dir
from server.cli import app as cli
from server.settings import Settings
from server.trusted_documents import ManifestError, document_hash
from tests.conftest import MESA, RED_MOUNTAIN, error_codes
from tests.documents import CHANGE_REQUEST_EVENTS, SUBMIT_BRIEF, SUBMIT_WITH_EVIDENCE
from tests.evidence_files import pdf_bytes
from tests.hardening import development, log_lines, production, token_for  # noqa: F401
from tests.sample import SOFIA
from tests.sample_store import load_sample_data
from tests.web_bundle import write_bundle, write_manifest
from tests.ws import PROTOCOL, Socket, connect, submit

VIEWER = "query Viewer { viewer { id role } }"
TRUSTED = (VIEWER, SUBMIT_BRIEF, SUBMIT_WITH_EVIDENCE, CHANGE_REQUEST_EVENTS)
ARBITRARY = "query Mine { viewer { id name } }"
UNKNOWN = "sha256:" + "0" * 64


def sha(document: str) -> str:
    return "sha256:" + document_hash(document)


@pytest.fixture
def manifest(tmp_path):
    return write_manifest(tmp_path / "persisted-documents.json", TRUSTED)


def required(manifest, **overrides) -> Settings:
    return production(
        trusted_documents="required", trusted_documents_manifest=manifest, **overrides
    )


@contextlib.asynccontextmanager
async def serving(settings: Settings, store, clock, **options):
    """An HTTP client on the started app, sample data loaded."""
    await load_sample_data(store, clock)
    app = create_app(settings, store=store, clock=clock, **options)
    transport = httpx2.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx2.AsyncClient(transport=transport, base_url="http://t") as client,
    ):
        yield client


@pytest.fixture
async def api(manifest, store, clock):
    """The production app (trusted documents required) and the settings to sign tokens with."""
    settings = required(manifest)
    async with serving(settings, store, clock) as client:
        yield client, settings


def bearer(settings: Settings, role: Role = Role.LEA_USER, leas=(MESA,)) -> dict[str, str]:
    sub = {Role.LEA_USER: "lea-mesa", Role.REVIEWER: "reviewer-1", Role.ADMIN: "admin-1"}[role]
    return {"Authorization": f"Bearer {token_for(settings, role, sub, sub, leas)}"}


async def post(client, body: dict, headers: dict) -> dict:
    response = await client.post("/graphql", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_trusted_document_runs_by_its_document_id(api):
    client, settings = api
    body = await post(client, {"documentId": sha(VIEWER)}, bearer(settings))
    assert body == {"data": {"viewer": {"id": "lea-mesa", "role": "LEA_USER"}}}


async def test_a_trusted_document_runs_by_its_apollo_persisted_query_hash(api):
    client, settings = api
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": document_hash(VIEWER)}}
    body = await post(client, {"extensions": persisted}, bearer(settings))
    assert body == {"data": {"viewer": {"id": "lea-mesa", "role": "LEA_USER"}}}


async def test_plain_hex_manifest_keys_are_accepted(tmp_path, store, clock):
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({document_hash(VIEWER): VIEWER}))
    settings = required(path)
    async with serving(settings, store, clock) as client:
        body = await post(client, {"documentId": sha(VIEWER)}, bearer(settings))
    assert body["data"]["viewer"]["id"] == "lea-mesa"


@pytest.mark.parametrize("role", [Role.LEA_USER, Role.REVIEWER])
async def test_an_arbitrary_document_is_refused_where_trusted_documents_are_required(api, role):
    client, settings = api
    body = await post(client, {"query": ARBITRARY}, bearer(settings, role, ()))
    assert body["data"] is None
    assert error_codes(body) == ["TRUSTED_DOCUMENT_REQUIRED"]


async def test_an_arbitrary_mutation_is_refused_and_changes_nothing(api):
    client, settings = api
    mutation = SUBMIT_BRIEF.replace("mutation Submit", "mutation Sneaky")
    variables = {"input": submission(SOFIA)}
    body = await post(client, {"query": mutation, "variables": variables}, bearer(settings))
    assert error_codes(body) == ["TRUSTED_DOCUMENT_REQUIRED"]
    listed = await post(
        client,
        {"query": "{ changeRequests(first: 5) { totalCount } }"},
        bearer(settings, Role.ADMIN, ()),
    )
    assert listed["data"]["changeRequests"]["totalCount"] == 0


async def test_an_admin_may_send_any_document(api):
    client, settings = api
    body = await post(client, {"query": ARBITRARY}, bearer(settings, Role.ADMIN, ()))
    assert body == {"data": {"viewer": {"id": "admin-1", "name": "admin-1"}}}


async def test_a_full_document_the_manifest_holds_is_trusted_as_its_id_is(api):
    client, settings = api
    body = await post(client, {"query": VIEWER}, bearer(settings))
    assert body["data"]["viewer"]["id"] == "lea-mesa"


async def test_a_manifest_document_in_another_layout_and_order_is_trusted(api):
    """A client prints its documents its own way (urql sends subscriptions so)."""
    client, settings = api
    reordered = "query Viewer {\n  viewer {\n    role\n    id\n  }\n}\n"
    assert reordered != VIEWER
    body = await post(client, {"query": reordered}, bearer(settings))
    assert body["data"]["viewer"] == {"role": "LEA_USER", "id": "lea-mesa"}
    aliased = "query Viewer { viewer { role id: name } }"
    assert error_codes(await post(client, {"query": aliased}, bearer(settings))) == [
        "TRUSTED_DOCUMENT_REQUIRED"
    ]


async def test_an_unknown_id_is_not_found_and_sending_its_document_registers_nothing(api):
    client, settings = api
    assert error_codes(await post(client, {"documentId": UNKNOWN}, bearer(settings))) == [
        "PERSISTED_QUERY_NOT_FOUND"
    ]
    # Apollo's second try: the hash with its document. It stays a full document (refused
    # here), and the hash stays unknown.
    apq = {"persistedQuery": {"version": 1, "sha256Hash": document_hash(ARBITRARY)}}
    attempt = await post(client, {"query": ARBITRARY, "extensions": apq}, bearer(settings))
    assert error_codes(attempt) == ["TRUSTED_DOCUMENT_REQUIRED"]
    again = await post(client, {"extensions": apq}, bearer(settings))
    assert error_codes(again) == ["PERSISTED_QUERY_NOT_FOUND"]


@pytest.mark.parametrize(
    "body",
    [
        {"documentId": "sha256:xyz"},
        {"documentId": 12},
        {"documentId": "md5:" + "0" * 32},
        {"extensions": {"persistedQuery": {"sha256Hash": None}}},
        {"extensions": {"persistedQuery": "abc"}},
        {"query": ARBITRARY, "documentId": sha(VIEWER)},  # the hash is not the document's
    ],
)
async def test_a_malformed_or_mismatched_id_is_a_bad_request(api, body):
    client, settings = api
    answer = await post(client, body, bearer(settings, Role.ADMIN, ()))
    assert answer["data"] is None
    assert error_codes(answer) == ["BAD_REQUEST"]


async def test_an_id_without_a_token_is_unauthenticated(api):
    client, _ = api
    body = await post(client, {"documentId": sha(VIEWER)}, {})
    assert error_codes(body) == ["UNAUTHENTICATED"]


async def test_a_multipart_upload_runs_a_trusted_document_by_id(api):
    client, settings = api
    operations = {
        "documentId": sha(SUBMIT_WITH_EVIDENCE),
        "variables": {"input": {**submission(SOFIA), "evidence": [None]}},
    }
    response = await client.post(
        "/graphql",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.evidence.0"]}),
        },
        files={"0": ("transcript.pdf", pdf_bytes(), "application/pdf")},
        headers={**bearer(settings), "Apollo-Require-Preflight": "true"},
    )
    payload = response.json()["data"]["submitInsertCreditsRequest"]
    assert payload["userErrors"] == []
    assert [e["filename"] for e in payload["changeRequest"]["evidence"]] == ["transcript.pdf"]


def submission(suid: str) -> dict:
    return {
        "suid": suid,
        "schoolEntityId": RED_MOUNTAIN,
        "programNumber": "12.0500",
        "courseNumber": "12050020",
        "credits": "0.5",
        "gradeLevel": 11,
        "reason": "OUT_OF_STATE_TRANSFER",
        "justification": "Transcript from Austin, TX",
    }


# --- over the WebSocket ---------------------------------------------------------------------


def test_subscriptions_run_by_id_and_arbitrary_ones_are_refused(manifest, store, clock):
    settings = required(manifest)
    app = create_app(settings, store=store, clock=clock, data_dir=sample_data_dir())
    reviewer = token_for(settings, Role.REVIEWER, "reviewer-1", "Riley", ())
    with TestClient(app) as client, connect(client, reviewer) as socket:
        socket.session.send_json(
            {
                "id": "byid",
                "type": "subscribe",
                "payload": {"documentId": sha(CHANGE_REQUEST_EVENTS)},
            }
        )
        socket.subscribe({}, op_id="arbitrary", query="subscription { changeRequestEvents { id } }")
        socket.subscribe({}, op_id="relaid", query=" ".join(CHANGE_REQUEST_EVENTS.split()))
        socket.session.send_json(
            {"id": "unknown", "type": "subscribe", "payload": {"documentId": UNKNOWN}}
        )
        apq = {"persistedQuery": {"version": 1, "sha256Hash": document_hash(CHANGE_REQUEST_EVENTS)}}
        socket.session.send_json(
            {"id": "apq", "type": "subscribe", "payload": {"query": "", "extensions": apq}}
        )
        refused = socket.message("arbitrary")
        unknown = socket.message("unknown")
        created = submit(client, token_for(settings), SOFIA, RED_MOUNTAIN, "12.0500", "12050020")
        event = socket.event("byid")
        assert socket.event("apq") == event
        assert socket.event("relaid") == event
    assert refused["type"] == "error"
    assert [e["extensions"]["code"] for e in refused["payload"]] == ["TRUSTED_DOCUMENT_REQUIRED"]
    assert unknown["type"] == "error"
    assert [e["extensions"]["code"] for e in unknown["payload"]] == ["PERSISTED_QUERY_NOT_FOUND"]
    assert event["kind"] == "SUBMITTED"
    assert event["changeRequest"]["id"] == created["id"]


def test_a_subscription_by_id_before_the_connection_is_acknowledged_closes_it(manifest, store):
    app = create_app(required(manifest), store=store)
    with (
        TestClient(app) as client,
        client.websocket_connect("/graphql", subprotocols=[PROTOCOL]) as session,
    ):
        session.send_json(
            {"id": "1", "type": "subscribe", "payload": {"documentId": sha(CHANGE_REQUEST_EVENTS)}}
        )
        closed = Socket(session).receive()
    assert closed == {"type": "close", "code": 4401, "reason": "Unauthorized"}


# --- the modes ------------------------------------------------------------------------------


async def test_allowed_serves_ids_and_full_documents(manifest, store, clock):
    settings = development(trusted_documents_manifest=manifest)
    async with serving(settings, store, clock) as client:
        by_id = await post(client, {"documentId": sha(VIEWER)}, bearer(settings))
        full = await post(client, {"query": ARBITRARY}, bearer(settings))
        unknown = await post(client, {"documentId": UNKNOWN}, bearer(settings))
    assert by_id["data"]["viewer"]["id"] == "lea-mesa"
    assert full["data"]["viewer"]["id"] == "lea-mesa"
    assert error_codes(unknown) == ["PERSISTED_QUERY_NOT_FOUND"]


async def test_off_serves_full_documents_only(manifest, store, clock):
    settings = production(trusted_documents="off", trusted_documents_manifest=manifest)
    async with serving(settings, store, clock) as client:
        by_id = await post(client, {"documentId": sha(VIEWER)}, bearer(settings))
        full = await post(client, {"query": ARBITRARY}, bearer(settings))
    assert error_codes(by_id) == ["PERSISTED_QUERY_NOT_SUPPORTED"]
    assert full["data"]["viewer"]["id"] == "lea-mesa"


def test_production_requires_trusted_documents_and_development_allows_them(monkeypatch):
    assert Settings(env="production").trusted_documents_mode == "required"
    assert Settings(env="development").trusted_documents_mode == "allowed"
    monkeypatch.setenv("CTECR_TRUSTED_DOCUMENTS", "off")
    assert Settings(env="production").trusted_documents_mode == "off"


async def test_the_manifest_defaults_to_the_bundles(tmp_path, store, clock):
    bundle = write_bundle(tmp_path, (VIEWER,))
    settings = production(trusted_documents="required")
    async with serving(settings, store, clock, web_root=bundle) as client:
        by_id = await post(client, {"documentId": sha(VIEWER)}, bearer(settings))
        full = await post(client, {"query": ARBITRARY}, bearer(settings))
    assert by_id["data"]["viewer"]["id"] == "lea-mesa"
    assert error_codes(full) == ["TRUSTED_DOCUMENT_REQUIRED"]


def test_required_without_a_manifest_refuses_to_start(tmp_path, store):
    with pytest.raises(ManifestError, match="make web"):
        create_app(production(trusted_documents="required"), store=store, web_root=tmp_path)


def test_allowed_without_the_bundles_manifest_starts_but_a_missing_configured_one_does_not(
    tmp_path, store
):
    create_app(development(), store=store, web_root=tmp_path)
    with pytest.raises(ManifestError, match="no manifest"):
        create_app(development(trusted_documents_manifest=tmp_path / "missing.json"), store=store)


@pytest.mark.parametrize(
    "content, problem",
    [
        ("not json", "Cannot read"),
        ("[]", "JSON object"),
        ('{"abc": "query { viewer { id } }"}', "entry 'abc'"),
        (json.dumps({"sha256:" + "a" * 64: 12}), "must map"),
        (json.dumps({"sha256:" + "a" * 64: "query {"}), "Syntax Error"),
    ],
)
def test_a_malformed_manifest_refuses_to_start_saying_what_is_wrong(
    tmp_path, store, content, problem
):
    path = tmp_path / "manifest.json"
    path.write_text(content)
    with pytest.raises(ManifestError, match=problem):
        create_app(development(trusted_documents_manifest=path), store=store)


def test_an_id_refused_before_it_runs_is_logged_with_its_code(manifest, store, log_lines):
    settings = required(manifest)
    app = create_app(settings, store=store)
    with TestClient(app) as client, connect(client, token_for(settings)) as socket:
        http = client.post("/graphql", json={"documentId": UNKNOWN}, headers=bearer(settings))
        socket.session.send_json({"id": "1", "type": "subscribe", "payload": {"documentId": "x"}})
        assert socket.message("1")["type"] == "error"
    assert error_codes(http.json()) == ["PERSISTED_QUERY_NOT_FOUND"]
    lines = log_lines.events("graphql_operation")
    assert [(line["viewer_id"], line["error_codes"]) for line in lines] == [
        ("lea-mesa", ["PERSISTED_QUERY_NOT_FOUND"]),
        ("lea-mesa", ["BAD_REQUEST"]),
    ]


def test_ctecr_serve_without_the_required_manifest_exits_saying_why(tmp_path, monkeypatch):
    monkeypatch.delenv("CTECR_MONGODB_URI", raising=False)
    env = {
        "CTECR_ENV": "production",
        "CTECR_JWT_SECRET": "a-production-secret-of-forty-characters!!",
        "CTECR_TRUSTED_DOCUMENTS_MANIFEST": str(tmp_path / "missing.json"),
    }
    result = CliRunner().invoke(cli, ["serve"], env=env)
    assert result.exit_code == 2
    message = " ".join(result.output.split())  # rich wraps long lines
    assert "Refusing to start" in message
    assert "no manifest" in message

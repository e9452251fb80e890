"""The HTTP side of evidence: the protected download route, the CSRF preflight rule on
/graphql, the cap on request bodies, and malformed multipart requests."""

import json
from datetime import timedelta
from decimal import Decimal

import httpx2
import pytest

from domain.change_requests.validation import SubmissionInput
from domain.evidence.files import EvidenceStore
from domain.models import Role, Viewer
from server.app import create_app
from server.attachments import content_disposition
from server.request_guards import PREFLIGHT_MESSAGE, BodySizeLimit
from server.settings import DEVELOPMENT_SECRET, Settings
from tests.conftest import MESA, RED_MOUNTAIN
from tests.evidence_files import MemoryUpload, multipart_form, pdf_bytes
from tests.sample import SOFIA
from tests.sample_store import load_sample_data

MESA_USER = Viewer(id="lea-mesa", name="Mesa", role=Role.LEA_USER, lea_ids=frozenset({MESA}))
VIEWER_QUERY = "query { viewer { id } }"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def submit_with(app, name: str, content: bytes):
    """A Mesa request with one evidence file, submitted through the domain."""
    data = SubmissionInput(
        suid=SOFIA,
        school_entity_id=RED_MOUNTAIN,
        program_number="12.0500",
        course_number="12050020",
        credits=Decimal("0.5"),
        grade_level=11,
        reason="OUT_OF_STATE_TRANSFER",
        retired_suid=None,
        justification="Transcript",
        evidence=[MemoryUpload(name, content)],
    )
    request = await app.state.services.submissions.submit(MESA_USER, data)
    return request.evidence[0]


# --- downloads ----------------------------------------------------------------------------


async def test_staff_and_the_requests_lea_download_the_file_with_safe_headers(app, http, tokens):
    content = pdf_bytes("Sofia Castillo")
    attachment = await submit_with(app, "Sofia transcript.pdf", content)
    for token in (tokens.reviewer, tokens.admin, tokens.mesa):
        response = await http.get(f"/attachments/{attachment.id}", headers=bearer(token))
        assert response.status_code == 200
        assert response.content == content
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-length"] == str(len(content))
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-disposition"] == (
            "attachment; filename=\"Sofia transcript.pdf\"; filename*=UTF-8''Sofia%20transcript.pdf"
        )
        assert "no-store" in response.headers["cache-control"]


async def test_another_leas_user_gets_the_same_404_as_for_an_unknown_file(app, http, tokens):
    attachment = await submit_with(app, "t.pdf", pdf_bytes())
    other = await http.get(f"/attachments/{attachment.id}", headers=bearer(tokens.tucson))
    unknown = await http.get("/attachments/0123456789abcdef01234567", headers=bearer(tokens.tucson))
    garbage = await http.get("/attachments/..%2F..%2Fetc", headers=bearer(tokens.reviewer))
    assert other.status_code == unknown.status_code == garbage.status_code == 404
    assert other.text == unknown.text
    assert other.content != pdf_bytes()


async def test_a_stored_file_no_request_lists_is_404_even_for_a_reviewer(app, http, tokens):
    [attachment] = await app.state.services.evidence.store_all([MemoryUpload("a.pdf", pdf_bytes())])
    response = await http.get(f"/attachments/{attachment.id}", headers=bearer(tokens.reviewer))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer not-a-jwt"}, {"Authorization": "Basic dXNlcjpwYXNz"}],
)
async def test_no_valid_token_is_401_without_the_file(app, http, headers):
    attachment = await submit_with(app, "t.pdf", pdf_bytes())
    response = await http.get(f"/attachments/{attachment.id}", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert b"%PDF" not in response.content


def test_content_disposition_keeps_non_ascii_names_exactly_and_falls_back_to_ascii():
    header = content_disposition("transcripción año.pdf")
    assert header == (
        'attachment; filename="transcripcion ano.pdf"; '
        "filename*=UTF-8''transcripci%C3%B3n%20a%C3%B1o.pdf"
    )


# --- CSRF: the preflight rule ---------------------------------------------------------------


async def post_multipart(http, token, headers):
    data, files = multipart_form(
        VIEWER_QUERY,
        {"unused": [None]},
        [("a.pdf", pdf_bytes(), "application/pdf")],
        path="variables.unused",
    )
    return await http.post("/graphql", data=data, files=files, headers={**bearer(token), **headers})


@pytest.mark.parametrize(
    "headers",
    [{}, {"Apollo-Require-Preflight": ""}, {"X-Apollo-Operation-Name": "  "}],
)
async def test_a_multipart_post_without_a_preflight_header_is_refused(http, tokens, headers):
    response = await post_multipart(http, tokens.mesa, headers)
    assert response.status_code == 400
    assert response.text == PREFLIGHT_MESSAGE


@pytest.mark.parametrize(
    "headers", [{"Apollo-Require-Preflight": "true"}, {"X-Apollo-Operation-Name": "Submit"}]
)
async def test_a_multipart_post_with_a_preflight_header_is_served(http, tokens, headers):
    response = await post_multipart(http, tokens.mesa, headers)
    assert response.status_code == 200
    assert response.json() == {"data": {"viewer": {"id": "lea-mesa"}}}


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
async def test_other_simple_content_types_need_the_header_too(http, tokens, content_type):
    headers = {**bearer(tokens.mesa)}
    if content_type:
        headers["Content-Type"] = content_type
    body = json.dumps({"query": VIEWER_QUERY})
    response = await http.post("/graphql", content=body, headers=headers)
    assert (response.status_code, response.text) == (400, PREFLIGHT_MESSAGE)


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=utf-8"])
async def test_json_posts_need_no_header(http, tokens, content_type):
    response = await http.post(
        "/graphql",
        content=json.dumps({"query": VIEWER_QUERY}),
        headers={**bearer(tokens.mesa), "Content-Type": content_type},
    )
    assert response.status_code == 200
    assert response.json()["data"]["viewer"]["id"] == "lea-mesa"


@pytest.mark.parametrize(
    "file_map",
    [{"0": ["variables.input.evidence.3"]}, [["variables.input"]], {"0": ["variables.x.y.z"]}],
)
async def test_a_multipart_map_that_does_not_fit_is_a_client_error(http, tokens, file_map):
    operations = {"query": VIEWER_QUERY, "variables": {"input": {"evidence": [None]}}}
    response = await http.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps(file_map)},
        files={"0": ("a.pdf", pdf_bytes(), "application/pdf")},
        headers={**bearer(tokens.mesa), "Apollo-Require-Preflight": "true"},
    )
    assert response.status_code == 400


# --- the body size limit --------------------------------------------------------------------

LIMIT = 20_000


@pytest.fixture
async def small_app(store, clock):
    settings = Settings(mongodb_uri=None, jwt_secret=DEVELOPMENT_SECRET, max_request_bytes=LIMIT)
    await load_sample_data(store, clock)
    application = create_app(settings, store=store, clock=clock)
    async with application.router.lifespan_context(application):
        transport = httpx2.ASGITransport(app=application)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


async def test_a_body_within_the_limit_is_served(small_app, tokens):
    response = await small_app.post(
        "/graphql", json={"query": VIEWER_QUERY}, headers=bearer(tokens.mesa)
    )
    assert response.status_code == 200


async def test_a_body_declared_too_large_is_413(small_app, tokens):
    data, files = multipart_form(
        VIEWER_QUERY, {}, [("a.pdf", b"%PDF-" + b"x" * LIMIT, "a/b")], path="variables.unused"
    )
    response = await small_app.post(
        "/graphql",
        data=data,
        files=files,
        headers={**bearer(tokens.mesa), "Apollo-Require-Preflight": "true"},
    )
    assert response.status_code == 413


async def test_a_streamed_body_is_cut_off_at_the_limit(small_app, tokens):
    sent = []

    async def body():
        for _ in range(100):
            sent.append(1)
            yield b"x" * 1000

    response = await small_app.post(
        "/graphql",
        content=body(),
        headers={**bearer(tokens.mesa), "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert len(sent) <= LIMIT // 1000 + 2


class FakeServer:
    """Feeds an ASGI app a body in messages and records what it read and answered."""

    def __init__(self, chunks: list[bytes]):
        self.chunks = list(chunks)
        self.received = 0
        self.sent: list[dict] = []

    async def receive(self):
        self.received += 1
        body = self.chunks.pop(0)
        return {"type": "http.request", "body": body, "more_body": bool(self.chunks)}

    async def send(self, message):
        self.sent.append(message)

    @property
    def status(self):
        return self.sent[0]["status"]


async def read_everything(scope, receive, send):
    """An application that reads the whole body before answering 200."""
    more = True
    while more:
        more = (await receive()).get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def http_scope(headers: list[tuple[bytes, bytes]]):
    return {"type": "http", "method": "POST", "path": "/graphql", "headers": headers}


async def test_a_declared_length_over_the_limit_is_refused_before_reading_anything():
    server = FakeServer([b"x" * 100] * 10)
    guard = BodySizeLimit(read_everything, max_bytes=500)
    await guard(http_scope([(b"content-length", b"1000")]), server.receive, server.send)
    assert (server.status, server.received) == (413, 0)


async def test_an_undeclared_body_is_read_only_until_it_passes_the_limit():
    server = FakeServer([b"x" * 100] * 10)
    guard = BodySizeLimit(read_everything, max_bytes=500)
    await guard(http_scope([]), server.receive, server.send)
    assert (server.status, server.received) == (413, 6)


@pytest.mark.parametrize("declared", ["²", "1e3", "-5", "12 34", ""])
async def test_a_malformed_declared_length_is_a_bad_request(declared):
    server = FakeServer([b"x" * 10])
    guard = BodySizeLimit(read_everything, max_bytes=500)
    await guard(http_scope([(b"content-length", declared.encode())]), server.receive, server.send)
    assert (server.status, server.received) == (400, 0)


async def test_a_body_at_the_limit_passes():
    server = FakeServer([b"x" * 100] * 5)
    guard = BodySizeLimit(read_everything, max_bytes=500)
    await guard(http_scope([(b"content-length", b"500")]), server.receive, server.send)
    assert (server.status, server.received) == (200, 5)


# --- start-up ---------------------------------------------------------------------------------


async def test_start_up_removes_files_an_earlier_crash_left_unlisted(store, clock, settings):
    clock.now -= timedelta(hours=2)
    await EvidenceStore(store, clock).store_all([MemoryUpload("a.pdf", pdf_bytes())])
    clock.now += timedelta(hours=2)
    application = create_app(settings, store=store, clock=clock)
    async with application.router.lifespan_context(application):
        assert await store.db.attachments.count_documents({}) == 0
        assert await store.db.attachment_chunks.count_documents({}) == 0

"""The short path for documents that passed before (server.prepared_operations) answers as the
whole pipeline does, and takes nobody past a check that depends on the request.

Each request of the differential test is sent three times to one app: once to record its
document, once on the short path, once with the short path switched off; the last two HTTP
answers (status, content type, body) and their log lines must be identical, and the second
must have taken the short path whenever the first ran (bad variables take it too: their
document passed; coercing the variables is execution's first step)."""

from __future__ import annotations

import contextlib
import json
from functools import partial

import httpx2
import pytest

import server.errors
import server.logging
import server.prepared_operations as prepared_operations
from server.prepared_operations import PreparedDocuments
from tests.conftest import RED_MOUNTAIN, error_codes
from tests.hardening import production
from tests.sample import SOFIA
from tests.test_compiled_execution import (
    MANIFEST_DOCUMENTS,
    Viewers,
    both_ways,
    executed,
    manifest_cases,
    manifest_query,
    served_app,
)

FIND_RECORDS = {"suid": SOFIA, "school": RED_MOUNTAIN}
ALL_TOKENS = ("mesa", "tucson", "reviewer", "admin")


class Thrice:
    """Records a request's document, then compares the short path's answer to the whole
    pipeline's."""

    def __init__(self, app, http: httpx2.AsyncClient, monkeypatch):
        self.prepared: PreparedDocuments = app.state.graphql.prepared
        self.authenticator = app.state.graphql.authenticator
        self.app = app
        self.http = http
        self.short_runs = 0
        execute = prepared_operations.execute_prepared

        async def counting(*args, **kwargs):
            self.short_runs += 1
            return await execute(*args, **kwargs)

        monkeypatch.setattr(prepared_operations, "execute_prepared", counting)
        self.lines: list[dict] = []
        log_operation = server.logging.log_operation

        def logging(request_id, viewer, codes, started, **fields):
            self.lines.append({"viewer": viewer and viewer.id, "codes": codes, **fields})
            return log_operation(request_id, viewer, codes, started, **fields)

        monkeypatch.setattr(server.logging, "log_operation", logging)
        monkeypatch.setattr(server.errors, "request_id", lambda context: "correlation-id")

    @contextlib.contextmanager
    def whole_pipeline(self):
        self.prepared.get = lambda key: None  # type: ignore[method-assign]
        try:
            yield
        finally:
            del self.prepared.get

    async def post(self, body: dict, token: str | None) -> httpx2.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return await self.http.post("/graphql", json=body, headers=headers)

    async def send(self, body: dict, token: str | None) -> dict:
        first = await self.post(body, token)
        before = self.short_runs
        self.lines.clear()
        short = await self.post(body, token)
        took_short_path = self.short_runs > before
        with self.whole_pipeline():
            whole = await self.post(body, token)
        assert self.short_runs == before + took_short_path
        assert _answer(short) == _answer(whole) == _answer(first)
        assert self.lines[0] == self.lines[1], self.lines
        answered = whole.json()
        if token is None:  # anonymous callers never take it
            assert not took_short_path
        elif executed(answered):  # nor does anyone before their document passed
            assert took_short_path, (body, answered)
        return answered


def _answer(response: httpx2.Response) -> tuple:
    return response.status_code, response.headers["content-type"], response.content


@pytest.fixture(params=["development", "production"])
async def thrice(request, store, monkeypatch):
    harness = partial(Thrice, monkeypatch=monkeypatch)
    async with both_ways(request.param, store, harness, Thrice.whole_pipeline) as both:
        yield both


async def test_every_manifest_query_answers_as_the_whole_pipeline(thrice):
    for name, variables in manifest_cases(thrice):
        for token in thrice.tokens.all():
            await thrice.send({"query": manifest_query(name), "variables": variables}, token)


async def test_a_mutation_refused_by_the_domain_answers_alike(thrice):
    """Refused without a word of explanation, by a reviewer, and by an LEA user."""
    refusal = {"id": thrice.requests[0]["id"], "reason": "NOT_NECESSARY", "comment": "  "}
    body = {"query": manifest_query("Reject"), "variables": {"input": refusal}}
    for token in (thrice.tokens.reviewer, thrice.tokens.mesa):
        answer = await thrice.send(body, token)
        assert answer["data"]["rejectChangeRequest"]["userErrors"]


async def test_documents_by_id_and_operation_names_take_it_too(thrice):
    [document_id] = [key for key, text in MANIFEST_DOCUMENTS.items() if "query FindRecords" in text]
    await thrice.send({"documentId": document_id, "variables": FIND_RECORDS}, thrice.tokens.mesa)
    named = {"query": manifest_query("FindRecords"), "variables": FIND_RECORDS}
    await thrice.send({**named, "operationName": "FindRecords"}, thrice.tokens.mesa)
    await thrice.send({**named, "operationName": "NoSuchOperation"}, thrice.tokens.mesa)


@pytest.mark.parametrize("name", [[], {}, 1])
async def test_an_operation_name_that_is_not_a_string_is_refused_as_before(thrice, name):
    body = {"query": manifest_query("FindRecords"), "variables": FIND_RECORDS}
    await thrice.send(body, thrice.tokens.mesa)
    odd = await thrice.post({**body, "operationName": name}, thrice.tokens.mesa)
    with thrice.whole_pipeline():
        whole = await thrice.post({**body, "operationName": name}, thrice.tokens.mesa)
    assert _answer(odd) == _answer(whole) and odd.status_code == 400


async def test_only_a_json_body_takes_it(thrice):
    """A multipart body whose boundary names the JSON type is still multipart."""
    body = {"query": manifest_query("FindRecords"), "variables": FIND_RECORDS}
    await thrice.send(body, thrice.tokens.mesa)
    before = thrice.short_runs
    content = json.dumps(body).encode()
    for content_type in ("text/plain; charset=application/json", "application/jsonx"):
        headers = {
            "Authorization": f"Bearer {thrice.tokens.mesa}",
            "Content-Type": content_type,
            "Apollo-Require-Preflight": "true",
        }
        await thrice.http.post("/graphql", content=content, headers=headers)
    assert thrice.short_runs == before


# --- what the short path never skips -------------------------------------------------------

AD_HOC = "query Mine($s: String!) { participantRecords(suid: $s, schoolEntityId: 79012) { id } }"


@pytest.fixture
async def required(store, monkeypatch):
    """Production, where only the manifest's documents run (admins may send any)."""
    settings = production(trusted_documents="required")
    async with served_app(settings, store) as (app, http):
        both = Thrice(app, http, monkeypatch)
        both.tokens = Viewers(settings)
        yield both


async def test_no_token_or_a_bad_one_is_refused_after_the_document_passed(thrice):
    body = {"query": manifest_query("FindRecords"), "variables": FIND_RECORDS}
    await thrice.send(body, thrice.tokens.mesa)
    before, checks = thrice.short_runs, []
    viewer = thrice.authenticator.viewer

    async def checking(header):
        checks.append(header)
        return await viewer(header)

    thrice.authenticator.viewer = checking
    for token in (None, "not-a-token", thrice.tokens.mesa[:-4] + "AAAA"):
        answer = (await thrice.post(body, token)).json()
        assert answer["data"] is None and error_codes(answer) == ["UNAUTHENTICATED"]
    assert thrice.short_runs == before
    assert len(checks) == 3  # each token checked once, though the document was found


async def test_a_document_an_admin_ran_is_still_refused_to_others(required):
    """Where trusted documents are required only admins may send others: the short path
    asks again for each viewer."""
    body = {"query": AD_HOC, "variables": {"s": SOFIA}}
    await required.send(body, required.tokens.admin)
    before = required.short_runs
    for token in (required.tokens.mesa, required.tokens.reviewer):
        answer = (await required.post(body, token)).json()
        assert error_codes(answer) == ["TRUSTED_DOCUMENT_REQUIRED"]
    assert required.short_runs == before
    await required.send(body, required.tokens.admin)
    assert required.short_runs == before + 2  # recorded already: both sends take it


@pytest.mark.parametrize(
    "query, code",
    [
        ("query Many { " + " ".join(f"a{i}: viewer {{ id }}" for i in range(60)) + " }", None),
        ("query Bad { viewer { noSuchField } }", "GRAPHQL_VALIDATION_FAILED"),
        ("subscription Live { changeRequestEvents { __typename } }", "BAD_REQUEST"),
    ],
)
async def test_a_refused_document_is_never_prepared(thrice, query, code):
    """Refused at every request (too many aliases, invalid, a subscription over
    HTTP), even for an admin, and never kept."""
    codes = []
    for _ in range(3):
        codes.append(error_codes((await thrice.post({"query": query}, thrice.tokens.admin)).json()))
    assert codes[0] and codes == [codes[0]] * 3 and codes[0] == [code or "TOO_MANY_ALIASES"]
    assert (query, None) not in thrice.prepared
    assert thrice.short_runs == 0


async def test_the_body_is_parsed_once_on_the_short_path_and_off_it(thrice, monkeypatch):
    """A document's first request (a miss, answered by the whole pipeline) and its next (the
    short path) each decode their JSON body once."""
    view, decoded = thrice.app.state.graphql, []
    decode = view.decode_json
    monkeypatch.setattr(view, "decode_json", lambda data: decoded.append(data) or decode(data))
    body = {"query": manifest_query("FindRecords"), "variables": FIND_RECORDS}
    for took_short_path in (False, True):
        decoded.clear()
        before = thrice.short_runs
        answer = (await thrice.post(body, thrice.tokens.mesa)).json()
        assert answer["data"]["participantRecords"] and len(decoded) == 1
        assert thrice.short_runs == before + took_short_path

"""Evidence end to end: GraphQL multipart requests (operations, map, file parts) through the
real app, downloads by the reviewer, and refusals that leave nothing behind."""

import hashlib

import pytest

from domain.evidence.rules import MIB
from tests.conftest import RED_MOUNTAIN
from tests.documents import (
    PROVIDE_INFORMATION_WITH_EVIDENCE,
    REQUEST_MORE_INFORMATION_BRIEF,
    SUBMIT_WITH_EVIDENCE,
)
from tests.evidence_files import (
    ELF_BYTES,
    jpeg_bytes,
    multipart_form,
    pdf_bytes,
    png_bytes,
)
from tests.sample import SOFIA

PREFLIGHT = {"Apollo-Require-Preflight": "true"}


def submission(**changes) -> dict:
    return {
        "suid": SOFIA,
        "schoolEntityId": RED_MOUNTAIN,
        "programNumber": "12.0500",
        "courseNumber": "12050020",
        "credits": "0.5",
        "gradeLevel": 11,
        "reason": "OUT_OF_STATE_TRANSFER",
        "justification": "Transcript from Austin, TX",
        **changes,
    }


async def send(http, token, query, input, files=(), headers=PREFLIGHT):
    """A multipart request whose files fill `input.evidence` (JSON when there are none)."""
    headers = {"Authorization": f"Bearer {token}", **headers}
    if files:
        variables = {"input": {**input, "evidence": [None] * len(files)}}
        data, parts = multipart_form(query, variables, list(files))
        response = await http.post("/graphql", data=data, files=parts, headers=headers)
    else:
        response = await http.post(
            "/graphql", json={"query": query, "variables": {"input": input}}, headers=headers
        )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return next(iter(body["data"].values()))


async def stored_files(store) -> tuple[int, int]:
    return (
        await store.db.attachments.count_documents({}),
        await store.db.attachment_chunks.count_documents({}),
    )


async def request_count(store) -> int:
    return await store.db.change_requests.count_documents({})


FILES = [
    ("transcript.pdf", pdf_bytes("Sofia Castillo"), "application/pdf"),
    ("scan.png", png_bytes(), "image/png"),
    ("photo.jpg", jpeg_bytes(), "image/jpeg"),
]


async def test_pdf_png_and_jpeg_are_accepted_and_the_reviewer_gets_them_back(http, tokens):
    # The client's claimed types are all wrong; the stored ones come from the bytes.
    sent = [(name, content, "application/octet-stream") for name, content, _ in FILES]
    result = await send(http, tokens.mesa, SUBMIT_WITH_EVIDENCE, submission(), sent)
    assert result["userErrors"] == []
    evidence = result["changeRequest"]["evidence"]
    assert [(a["filename"], a["contentType"]) for a in evidence] == [
        (name, kind) for name, _, kind in FILES
    ]
    for attachment, (_, content, kind) in zip(evidence, FILES):
        assert attachment["size"] == len(content)
        assert attachment["sha256"] == hashlib.sha256(content).hexdigest()
        assert attachment["downloadUrl"] == f"/attachments/{attachment['id']}"
        download = await http.get(
            attachment["downloadUrl"], headers={"Authorization": f"Bearer {tokens.reviewer}"}
        )
        assert download.status_code == 200
        assert download.content == content
        assert download.headers["content-type"] == kind
        refused = await http.get(
            attachment["downloadUrl"], headers={"Authorization": f"Bearer {tokens.tucson}"}
        )
        assert refused.status_code == 404


async def test_an_executable_named_transcript_pdf_is_refused(http, tokens, store):
    result = await send(
        http,
        tokens.mesa,
        SUBMIT_WITH_EVIDENCE,
        submission(),
        [FILES[0], ("transcript.pdf", ELF_BYTES, "application/pdf")],
    )
    assert result["changeRequest"] is None
    assert result["userErrors"] == [
        {
            "code": "ATTACHMENT_TYPE_NOT_ALLOWED",
            "field": ["input", "evidence", "1"],
            "message": result["userErrors"][0]["message"],
        }
    ]
    assert await stored_files(store) == (0, 0)
    assert await request_count(store) == 0


async def test_an_11_mib_file_is_too_large(http, tokens, store):
    big = ("big.pdf", b"%PDF-1.4\n" + b"x" * (11 * MIB), "application/pdf")
    result = await send(http, tokens.mesa, SUBMIT_WITH_EVIDENCE, submission(), [big])
    [error] = result["userErrors"]
    assert (error["code"], error["field"]) == ("ATTACHMENT_TOO_LARGE", ["input", "evidence", "0"])
    assert await stored_files(store) == (0, 0)
    assert await request_count(store) == 0


async def test_six_files_are_refused(http, tokens, store):
    result = await send(http, tokens.mesa, SUBMIT_WITH_EVIDENCE, submission(), [FILES[0]] * 6)
    [error] = result["userErrors"]
    assert (error["code"], error["field"]) == ("INVALID_VALUE", ["input", "evidence"])
    assert await stored_files(store) == (0, 0)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"gradeLevel": 8}, "GRADE_BELOW_NINE"),
        ({"schoolEntityId": 6432}, "FORBIDDEN"),
        ({"courseNumber": "51390010"}, "COURSE_NOT_IN_PROGRAM"),
    ],
)
async def test_a_submission_failing_validation_stores_no_file(http, tokens, store, changes, code):
    result = await send(http, tokens.mesa, SUBMIT_WITH_EVIDENCE, submission(**changes), FILES)
    assert [e["code"] for e in result["userErrors"]] == [code]
    assert await stored_files(store) == (0, 0)


async def test_a_duplicate_submission_stores_no_file(http, tokens, store):
    first = await send(http, tokens.mesa, SUBMIT_WITH_EVIDENCE, submission(), [FILES[0]])
    assert first["userErrors"] == []
    second = await send(http, tokens.mesa, SUBMIT_WITH_EVIDENCE, submission(), [FILES[1]])
    assert [e["code"] for e in second["userErrors"]] == ["DUPLICATE_REQUEST"]
    assert await stored_files(store) == (1, 1)


async def test_an_idempotent_retry_keeps_only_the_first_files(http, tokens, store):
    input = submission(idempotencyKey="retry-1")
    first = await send(http, tokens.mesa, SUBMIT_WITH_EVIDENCE, input, [FILES[0]])
    again = await send(http, tokens.mesa, SUBMIT_WITH_EVIDENCE, input, [FILES[0]])
    assert again["changeRequest"] == first["changeRequest"]
    assert await stored_files(store) == (1, 1)


async def ask_for_more(http, gql, tokens) -> dict:
    """A Mesa request without evidence, sent back by the reviewer for more information."""
    submitted = await send(http, tokens.mesa, SUBMIT_WITH_EVIDENCE, submission())
    request = submitted["changeRequest"]
    data = await gql.data(
        REQUEST_MORE_INFORMATION_BRIEF,
        {"input": {"id": request["id"], "comment": "Transcript?"}},
        tokens.reviewer,
    )
    assert data["requestMoreInformation"]["userErrors"] == []
    return request


async def test_no_evidence_advisory_goes_once_information_brings_files(http, gql, tokens, store):
    request = await ask_for_more(http, gql, tokens)
    assert {"code": "NO_EVIDENCE_ATTACHED"} in request["advisories"]
    provided = await send(
        http,
        tokens.mesa,
        PROVIDE_INFORMATION_WITH_EVIDENCE,
        {"id": request["id"], "comment": "Attached."},
        [FILES[2]],
    )
    assert provided["userErrors"] == []
    changed = provided["changeRequest"]
    assert changed["status"] == "PENDING_REVIEW"
    assert [a["contentType"] for a in changed["evidence"]] == ["image/jpeg"]
    assert {"code": "NO_EVIDENCE_ATTACHED"} not in changed["advisories"]
    download = await http.get(
        changed["evidence"][0]["downloadUrl"],
        headers={"Authorization": f"Bearer {tokens.reviewer}"},
    )
    assert download.content == FILES[2][1]


async def test_provided_files_are_added_to_those_already_given(http, gql, tokens):
    submitted = await send(http, tokens.mesa, SUBMIT_WITH_EVIDENCE, submission(), [FILES[0]])
    request = submitted["changeRequest"]
    assert {"code": "NO_EVIDENCE_ATTACHED"} not in request["advisories"]
    await gql.data(
        REQUEST_MORE_INFORMATION_BRIEF,
        {"input": {"id": request["id"], "comment": "More?"}},
        tokens.reviewer,
    )
    provided = await send(
        http,
        tokens.mesa,
        PROVIDE_INFORMATION_WITH_EVIDENCE,
        {"id": request["id"], "comment": "Two more."},
        FILES[1:],
    )
    names = [a["filename"] for a in provided["changeRequest"]["evidence"]]
    assert names == ["transcript.pdf", "scan.png", "photo.jpg"]


async def test_refused_information_changes_nothing_and_stores_nothing(http, gql, tokens, store):
    request = await ask_for_more(http, gql, tokens)
    bad = await send(
        http,
        tokens.mesa,
        PROVIDE_INFORMATION_WITH_EVIDENCE,
        {"id": request["id"], "comment": "Here."},
        [FILES[0], ("transcript.pdf", ELF_BYTES, "application/pdf")],
    )
    assert [e["code"] for e in bad["userErrors"]] == ["ATTACHMENT_TYPE_NOT_ALLOWED"]
    assert bad["changeRequest"]["status"] == "MORE_INFORMATION_REQUESTED"
    assert bad["changeRequest"]["version"] == 2
    assert bad["changeRequest"]["evidence"] == []
    stranger = await send(
        http,
        tokens.tucson,
        PROVIDE_INFORMATION_WITH_EVIDENCE,
        {"id": request["id"], "comment": "Here."},
        [FILES[0]],
    )
    assert [e["code"] for e in stranger["userErrors"]] == ["NOT_FOUND"]
    wrong_state = await send(
        http,
        tokens.mesa,
        PROVIDE_INFORMATION_WITH_EVIDENCE,
        {"id": request["id"], "comment": "Here.", "expectedVersion": 1},
        [FILES[0]],
    )
    assert [e["code"] for e in wrong_state["userErrors"]] == ["STALE_VERSION"]
    assert await stored_files(store) == (0, 0)


@pytest.mark.parametrize("mutation", ["submit", "provide"])
async def test_a_string_in_a_json_body_where_a_file_belongs_is_a_clean_user_error(
    gql, http, tokens, store, mutation
):
    if mutation == "submit":
        query, input = SUBMIT_WITH_EVIDENCE, submission(evidence=["transcript.pdf"])
    else:
        request = await ask_for_more(http, gql, tokens)
        query, input = (
            PROVIDE_INFORMATION_WITH_EVIDENCE,
            {"id": request["id"], "comment": "Here.", "evidence": ["transcript.pdf"]},
        )
    body = await gql.post(query, {"input": input}, tokens.mesa)
    assert "errors" not in body
    [error] = next(iter(body["data"].values()))["userErrors"]
    assert error["code"] == "INVALID_VALUE"
    assert error["field"] == ["input", "evidence", "0"]
    assert "Traceback" not in error["message"] and "object" not in error["message"]
    assert await stored_files(store) == (0, 0)


async def test_a_text_part_where_a_file_part_belongs_is_a_clean_user_error(http, tokens, store):
    variables = {"input": {**submission(), "evidence": [None]}}
    data, _ = multipart_form(SUBMIT_WITH_EVIDENCE, variables, [])
    data["map"] = '{"0": ["variables.input.evidence.0"]}'
    data["0"] = "%PDF-1.4 pretending to be a file"
    response = await http.post(
        "/graphql",
        data=data,
        files={"x": ("x", b"", "text/plain")},
        headers={"Authorization": f"Bearer {tokens.mesa}", **PREFLIGHT},
    )
    [error] = response.json()["data"]["submitInsertCreditsRequest"]["userErrors"]
    assert (error["code"], error["field"]) == ("INVALID_VALUE", ["input", "evidence", "0"])
    assert await request_count(store) == 0


async def test_multipart_needs_the_preflight_header(http, tokens, store):
    variables = {"input": {**submission(), "evidence": [None]}}
    data, parts = multipart_form(SUBMIT_WITH_EVIDENCE, variables, [FILES[0]])
    response = await http.post(
        "/graphql", data=data, files=parts, headers={"Authorization": f"Bearer {tokens.mesa}"}
    )
    assert response.status_code == 400
    assert await request_count(store) == 0

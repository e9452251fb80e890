"""Storing evidence files in MongoDB chunks, refusing bad ones without leftovers, and reading
them back only for those who may see their request."""

import hashlib
from datetime import timedelta
from decimal import Decimal

import pytest

from domain.access import EVERYTHING as ALL
from domain.change_requests.model import Attachment, RequestFilter
from domain.change_requests.validation import SubmissionInput
from domain.errors import DomainError, ErrorCode
from domain.evidence.files import EvidenceStore
from domain.evidence.rules import MAX_FILE_BYTES, MIB, EvidenceLimits
from domain.models import Role, Viewer
from domain.repository.attachments import CHUNK_BYTES
from domain.services import Services
from tests.conftest import MESA, RED_MOUNTAIN, TUCSON
from tests.evidence_files import (
    ELF_BYTES,
    MZ_BYTES,
    CountingUpload,
    FailingUpload,
    MemoryUpload,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
)
from tests.sample import SOFIA
from tests.sample_store import load_sample_data

pytestmark = pytest.mark.store

MESA_USER = Viewer(id="lea-mesa", name="Mesa", role=Role.LEA_USER, lea_ids=frozenset({MESA}))
TUCSON_USER = Viewer(
    id="lea-tucson", name="Tucson", role=Role.LEA_USER, lea_ids=frozenset({TUCSON})
)
REVIEWER = Viewer(id="reviewer-1", name="Riley", role=Role.REVIEWER)
ADMIN = Viewer(id="admin-1", name="Alex", role=Role.ADMIN)


@pytest.fixture
async def services(store, clock):
    await store.ensure_indexes()
    await load_sample_data(store, clock)
    return Services(store=store, clock=clock)


@pytest.fixture
def evidence(services) -> EvidenceStore:
    return services.evidence


async def stored_documents(store) -> tuple[int, int]:
    return (
        await store.db.attachments.count_documents({}),
        await store.db.attachment_chunks.count_documents({}),
    )


async def content_of(store, attachment: Attachment) -> bytes:
    return b"".join([chunk async for chunk in store.attachments.chunks(attachment)])


async def refusal(evidence: EvidenceStore, files) -> DomainError:
    with pytest.raises(DomainError) as refused:
        await evidence.store_all(files)
    return refused.value


@pytest.mark.parametrize(
    ("name", "content", "content_type", "stored_name"),
    [
        ("transcript.pdf", pdf_bytes(), "application/pdf", "transcript.pdf"),
        ("scan.PNG", png_bytes(), "image/png", "scan.png"),
        ("photo.jpeg", jpeg_bytes(), "image/jpeg", "photo.jpeg"),
    ],
    ids=["pdf", "png", "jpeg"],
)
async def test_each_allowed_type_comes_back_byte_for_byte(
    evidence, store, clock, name, content, content_type, stored_name
):
    # The client claims a misleading type; only the bytes count.
    [attachment] = await evidence.store_all([MemoryUpload(name, content, "text/html")])
    assert attachment.content_type == content_type
    assert attachment.filename == stored_name
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.uploaded_at == clock.now
    assert await content_of(store, attachment) == content


async def test_a_file_of_several_chunks_is_stored_in_order(evidence, store):
    content = pdf_bytes() + bytes(range(256)) * (CHUNK_BYTES * 2 // 256 + 7)
    [attachment] = await evidence.store_all([MemoryUpload("long.pdf", content)])
    assert await stored_documents(store) == (1, 3)
    assert await content_of(store, attachment) == content
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize("executable", [ELF_BYTES, MZ_BYTES])
async def test_an_executable_named_like_a_pdf_is_refused(evidence, store, executable):
    error = await refusal(evidence, [MemoryUpload("transcript.pdf", executable)])
    assert error.code == ErrorCode.ATTACHMENT_TYPE_NOT_ALLOWED
    assert error.field == "evidence.0"
    assert await stored_documents(store) == (0, 0)


async def test_an_empty_file_is_refused(evidence):
    error = await refusal(evidence, [MemoryUpload("empty.pdf", b"")])
    assert error.code == ErrorCode.ATTACHMENT_TYPE_NOT_ALLOWED


async def test_an_11_mib_file_is_refused_without_being_read_to_its_end(evidence, store):
    upload = CountingUpload(11 * MIB)
    error = await refusal(evidence, [upload])
    assert error.code == ErrorCode.ATTACHMENT_TOO_LARGE
    assert error.field == "evidence.0"
    assert upload.bytes_read == MAX_FILE_BYTES + 1
    assert await stored_documents(store) == (0, 0)


async def test_the_size_limit_is_inclusive(store, clock):
    evidence = EvidenceStore(store, clock, EvidenceLimits(max_file_bytes=1000))
    [kept] = await evidence.store_all([CountingUpload(1000)])
    assert kept.size == 1000
    error = await refusal(evidence, [CountingUpload(1001)])
    assert error.code == ErrorCode.ATTACHMENT_TOO_LARGE


@pytest.mark.policy("P41")
async def test_by_default_a_file_may_be_10_mib_and_not_a_byte_more(evidence):
    """domain.md: evidence files of "10 MiB each"."""
    [kept] = await evidence.store_all([CountingUpload(10 * 1024 * 1024)])
    assert kept.size == 10 * 1024 * 1024
    error = await refusal(evidence, [CountingUpload(10 * 1024 * 1024 + 1)])
    assert (error.code, error.field) == (ErrorCode.ATTACHMENT_TOO_LARGE, "evidence.0")


async def test_six_files_are_refused_before_any_is_read(evidence, store):
    uploads = [CountingUpload(100) for _ in range(6)]
    error = await refusal(evidence, uploads)
    assert (error.code, error.field) == (ErrorCode.INVALID_VALUE, "evidence")
    assert [u.bytes_read for u in uploads] == [0] * 6
    assert await stored_documents(store) == (0, 0)


async def test_a_refused_file_removes_the_ones_stored_before_it(evidence, store):
    files = [
        MemoryUpload("a.pdf", pdf_bytes()),
        MemoryUpload("b.png", png_bytes()),
        CountingUpload(CHUNK_BYTES * 3 + 5, filename="c.pdf"),
        MemoryUpload("transcript.pdf", ELF_BYTES),
    ]
    error = await refusal(evidence, files)
    assert error.field == "evidence.3"
    assert await stored_documents(store) == (0, 0)


async def test_an_oversized_file_after_others_leaves_none_of_its_chunks(store, clock):
    evidence = EvidenceStore(store, clock, EvidenceLimits(max_file_bytes=CHUNK_BYTES * 2))
    files = [MemoryUpload("a.pdf", pdf_bytes()), CountingUpload(CHUNK_BYTES * 3)]
    error = await refusal(evidence, files)
    assert (error.code, error.field) == (ErrorCode.ATTACHMENT_TOO_LARGE, "evidence.1")
    assert await stored_documents(store) == (0, 0)


async def test_a_dropped_upload_leaves_nothing_behind(evidence, store):
    with pytest.raises(ConnectionResetError):
        await evidence.store_all(
            [MemoryUpload("a.pdf", pdf_bytes()), FailingUpload(before=CHUNK_BYTES * 2)]
        )
    assert await stored_documents(store) == (0, 0)


async def test_held_files_are_removed_unless_kept(evidence, store):
    async with evidence.holding([MemoryUpload("a.pdf", pdf_bytes())]) as held:
        assert await stored_documents(store) == (1, 1)
    assert await stored_documents(store) == (0, 0)
    with pytest.raises(RuntimeError):
        async with evidence.holding([MemoryUpload("a.pdf", pdf_bytes())]):
            raise RuntimeError("the request write failed")
    assert await stored_documents(store) == (0, 0)
    async with evidence.holding([MemoryUpload("a.pdf", pdf_bytes())]) as held:
        await held.keep()
    assert await stored_documents(store) == (1, 1)


def submission(evidence_files) -> SubmissionInput:
    return SubmissionInput(
        suid=SOFIA,
        school_entity_id=RED_MOUNTAIN,
        program_number="12.0500",
        course_number="12050020",
        credits=Decimal("0.5"),
        grade_level=11,
        reason="OUT_OF_STATE_TRANSFER",
        retired_suid=None,
        justification="Transcript from Austin, TX",
        evidence=evidence_files,
    )


async def test_a_file_is_downloadable_by_whoever_may_see_its_request(services, store):
    content = pdf_bytes("Sofia Castillo")
    request = await services.submissions.submit(
        MESA_USER, submission([MemoryUpload("t.pdf", content)])
    )
    [attachment] = request.evidence
    for viewer in (MESA_USER, REVIEWER, ADMIN):
        download = await services.evidence.download(viewer, attachment.id)
        assert download.attachment == attachment
        assert b"".join([c async for c in download.chunks]) == content
    assert await services.evidence.download(TUCSON_USER, attachment.id) is None


@pytest.mark.parametrize("attachment_id", ["0123456789abcdef01234567", "not-an-id", ""])
async def test_unknown_ids_are_absent(services, attachment_id):
    assert await services.evidence.download(REVIEWER, attachment_id) is None


async def test_a_file_no_request_lists_is_absent_even_for_reviewers(services):
    [attachment] = await services.evidence.store_all([MemoryUpload("a.pdf", pdf_bytes())])
    assert await services.evidence.download(REVIEWER, attachment.id) is None


async def test_sweeping_removes_only_old_files_no_request_lists(services, store, clock):
    request = await services.submissions.submit(
        MESA_USER, submission([MemoryUpload("listed.pdf", pdf_bytes())])
    )
    await services.evidence.store_all([MemoryUpload("orphan.pdf", pdf_bytes())])
    clock.now += timedelta(minutes=59)
    young = await services.evidence.store_all([MemoryUpload("young.pdf", pdf_bytes())])
    assert await services.evidence.sweep_orphans() == 0
    clock.now += timedelta(minutes=2)
    assert await services.evidence.sweep_orphans() == 1
    assert await stored_documents(store) == (2, 2)
    for kept in (*request.evidence, *young):
        assert await content_of(store, kept)


async def test_sweeping_settles_a_listed_file_whose_keep_never_came(
    services, store, clock, monkeypatch
):
    """A crash between the request write and `keep` leaves a listed file pending: the sweep
    keeps it (and stops looking at it), it does not delete evidence a request lists."""

    async def crash(ids):
        raise RuntimeError("crash after the request write")

    monkeypatch.setattr(store.attachments, "settle", crash)
    with pytest.raises(RuntimeError):
        await services.submissions.submit(
            MESA_USER, submission([MemoryUpload("listed.pdf", pdf_bytes())])
        )
    monkeypatch.undo()
    [request] = await store.requests.page(ALL, RequestFilter(), None, 1)
    clock.now += timedelta(hours=2)

    assert await services.evidence.sweep_orphans() == 0
    assert await content_of(store, request.evidence[0])
    assert await store.attachments.pending_before(clock.now) == []

"""The pure rules of evidence files: type from content, cleaned names, how many files."""

import pytest

from domain.errors import ErrorCode
from domain.evidence.rules import (
    JPEG,
    MAX_FILENAME_CHARS,
    PDF,
    PNG,
    EvidenceLimits,
    clean_filename,
    files_problem,
    sniff,
)
from tests.evidence_files import ELF_BYTES, MZ_BYTES, MemoryUpload, jpeg_bytes, pdf_bytes, png_bytes


@pytest.mark.parametrize(
    ("content", "expected"),
    [(pdf_bytes(), PDF), (png_bytes(), PNG), (jpeg_bytes(), JPEG)],
    ids=["pdf", "png", "jpeg"],
)
def test_allowed_types_are_recognised_by_their_first_bytes(content, expected):
    assert sniff(content) == expected


@pytest.mark.parametrize(
    "content",
    [
        ELF_BYTES,
        MZ_BYTES,
        b"",
        b"%PD",  # a PDF header cut short
        b"<html><script>alert(1)</script>",
        b"GIF89a" + b"\x00" * 20,
        b" %PDF-1.4",  # the signature must come first
        b"\x89PNG\r\n\x1a",  # one byte short of the PNG signature
    ],
)
def test_anything_else_is_not_recognised(content):
    assert sniff(content) is None


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("transcript.pdf", PDF, "transcript.pdf"),
        ("Transcript.PDF", PDF, "Transcript.pdf"),
        ("../../etc/passwd", PDF, "passwd.pdf"),
        ("C:\\Users\\ana\\Desktop\\report card.pdf", PDF, "report card.pdf"),
        ("scan.jpeg", JPEG, "scan.jpeg"),
        ("scan", JPEG, "scan.jpg"),
        ("photo.png", JPEG, "photo.png.jpg"),
        ("transcript.exe", PDF, "transcript.exe.pdf"),
        ('a"b<c>d;e|f*g?.pdf', PDF, "a_b_c_d_e_f_g_.pdf"),
        ("line\r\nbreak\x00.pdf", PDF, "linebreak.pdf"),
        ("  spaced \t out  .png", PNG, "spaced out.png"),
        (".hidden.pdf", PDF, "hidden.pdf"),
        ("...", PDF, "evidence.pdf"),
        (".pdf", PDF, "evidence.pdf"),
        ("report.pdf. . ", PDF, "report.pdf"),
        ("", PNG, "evidence.png"),
        (None, PNG, "evidence.png"),
        ("CON.pdf", PDF, "_CON.pdf"),
        ("transcripción_año 2026.pdf", PDF, "transcripción_año 2026.pdf"),
        ("ｆｕｌｌ／ｗｉｄｔｈ.pdf", PDF, "width.pdf"),  # NFKC: the fullwidth slash is a slash
        ("\u202egpj.exe", PDF, "gpj.exe.pdf"),  # right-to-left override removed
    ],
)
def test_names_are_cleaned_and_end_in_the_detected_type(name, content_type, expected):
    assert clean_filename(name, content_type) == expected


def test_long_names_are_capped_keeping_the_extension():
    cleaned = clean_filename("a" * 500 + ".pdf", PDF)
    assert len(cleaned) == MAX_FILENAME_CHARS
    assert cleaned.endswith("a.pdf")


def test_up_to_five_files_pass_and_none_is_no_files():
    assert files_problem([MemoryUpload("a.pdf", pdf_bytes())] * 5) is None
    assert files_problem(None) is None
    assert files_problem([]) is None


def test_six_files_are_refused_on_the_evidence_field():
    problem = files_problem([MemoryUpload("a.pdf", pdf_bytes())] * 6)
    assert problem.code == ErrorCode.INVALID_VALUE
    assert problem.field == "evidence"
    assert "6" in problem.message


def test_the_limit_on_files_is_the_configured_one():
    three = [MemoryUpload("a.pdf", pdf_bytes())] * 3
    assert files_problem(three, EvidenceLimits(max_files=2)).code == ErrorCode.INVALID_VALUE


@pytest.mark.parametrize("item", ["transcript.pdf", b"%PDF-1.4", {"filename": "a.pdf"}, None])
def test_an_item_that_is_not_a_file_is_invalid_and_named_by_index(item):
    problem = files_problem([MemoryUpload("a.pdf", pdf_bytes()), item])
    assert problem.code == ErrorCode.INVALID_VALUE
    assert problem.field == "evidence.1"
    assert "multipart" in problem.message

"""What an evidence file must be, judged without trusting the client: pure functions.

The type is judged from the file's first bytes, and the name is cleaned and given the
extension of that type.
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ..errors import DomainError, ErrorCode, invalid

MIB = 1024 * 1024
MAX_FILES = 5
MAX_FILE_BYTES = 10 * MIB
FIELD = "evidence"

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
# Magic bytes at the start of each allowed type.
SIGNATURES = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
# The extensions a cleaned name may keep for each type; the first is added when it has none.
EXTENSIONS = {PDF: (".pdf",), PNG: (".png",), JPEG: (".jpg", ".jpeg", ".jpe")}

MAX_FILENAME_CHARS = 100
DEFAULT_STEM = "evidence"
# Letters and digits of any script, and a few harmless punctuation marks.
UNSAFE_CHARS = re.compile(r"[^\w .()\-]")
RUNS_OF_SPACE = re.compile(r"\s+")
WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


class UploadedFile(Protocol):
    """What a multipart upload gives us (Starlette's UploadFile fits)."""

    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


@dataclass(frozen=True)
class EvidenceLimits:
    max_files: int = MAX_FILES
    max_file_bytes: int = MAX_FILE_BYTES


def file_field(index: int) -> str:
    """The field name of the `index`th file of an action."""
    return f"{FIELD}.{index}"


def sniff(head: bytes) -> str | None:
    """The content type the first bytes of a file show, if it is one we accept."""
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def clean_filename(name: str | None, content_type: str) -> str:
    """A name safe to store and to send back in a header: no path, no control or markup
    characters, no leading dot, at most MAX_FILENAME_CHARS, and an extension of `content_type`
    (a misleading one such as "transcript.exe" becomes "transcript.exe.pdf")."""
    text = unicodedata.normalize("NFKC", name or "")
    text = re.split(r"[/\\]", text)[-1]
    text = "".join(c for c in text if not unicodedata.category(c).startswith("C"))
    text = RUNS_OF_SPACE.sub(" ", UNSAFE_CHARS.sub("_", text)).rstrip(" .")
    stem, extension = _split_extension(text, content_type)
    stem = stem.strip(" .")[: MAX_FILENAME_CHARS - len(extension)].rstrip(" .") or DEFAULT_STEM
    if stem.split(".")[0].upper() in WINDOWS_RESERVED:
        stem = f"_{stem}"
    return stem + extension


def _split_extension(text: str, content_type: str) -> tuple[str, str]:
    allowed = EXTENSIONS[content_type]
    stem, dot, extension = text.rpartition(".")
    if dot and f".{extension.lower()}" in allowed:
        return stem, f".{extension.lower()}"
    return text, allowed[0]


def is_file(item: object) -> bool:
    return inspect.iscoroutinefunction(getattr(item, "read", None))


def files_problem(
    files: Sequence[object] | None, limits: EvidenceLimits = EvidenceLimits()
) -> DomainError | None:
    """What is wrong before reading anything: too many files, or an item that is not a file
    (a string sent in a JSON body where an upload was expected)."""
    files = files or ()
    if len(files) > limits.max_files:
        return invalid(
            FIELD,
            f"At most {limits.max_files} evidence files may be sent at a time; "
            f"{len(files)} were sent.",
        )
    for index, item in enumerate(files):
        if not is_file(item):
            return invalid(
                file_field(index),
                f"Evidence item {index + 1} is not a file. Send files as a GraphQL multipart "
                "request (operations, map and file parts).",
            )
    return None


def too_large(index: int, max_bytes: int) -> DomainError:
    return DomainError(
        ErrorCode.ATTACHMENT_TOO_LARGE,
        f"Evidence file {index + 1} is larger than {max_bytes / MIB:g} MiB.",
        file_field(index),
    )


def type_not_allowed(index: int) -> DomainError:
    return DomainError(
        ErrorCode.ATTACHMENT_TYPE_NOT_ALLOWED,
        f"Evidence file {index + 1} is not a PDF, PNG or JPEG file (judged by its content, "
        "not its name).",
        file_field(index),
    )

"""Evidence files (transcripts and the like): checked, named and stored, then served only to
those who may see the request they belong to.

Nothing the client says about a file is trusted: its type is judged from its first bytes and
its name is cleaned and given the extension of that type. Files are read in chunks, hashed
while read, and refused as soon as they pass the size limit, so that a huge upload costs no
more than the limit.

Ownership: a file belongs to the change request whose `evidence` lists it, and whoever may see
that request may download it. The list is written with the request in one single-document
write, so there is no second "attach" step that could fail halfway; a file whose request write
failed is listed nowhere, cannot be downloaded, and is removed by the caller (see `holding`) or,
after a crash, by `sweep_orphans`.
"""

from __future__ import annotations

import hashlib
import inspect
import re
import unicodedata
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import aclosing, asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from .change_requests.model import Attachment, ChangeRequest
from .clock import Clock
from .errors import DomainError, ErrorCode
from .models import Viewer
from .observe import observer
from .repository import Store
from .repository.attachments import CHUNK_BYTES

MIB = 1024 * 1024
MAX_FILES = 5
MAX_FILE_BYTES = 10 * MIB
EVIDENCE_FIELD = ("input", "evidence")

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


class RequestReader(Protocol):
    """Reads a change request with the visibility rules (the change request service)."""

    async def get(self, viewer: Viewer, request_id: str) -> ChangeRequest | None: ...


@dataclass(frozen=True)
class Download:
    """A file the viewer may fetch: its stored description and its content, chunk by chunk."""

    attachment: Attachment
    chunks: AsyncIterator[bytes]


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
    files: Sequence[object] | None,
    limits: EvidenceLimits = EvidenceLimits(),
    field: tuple[str, ...] = EVIDENCE_FIELD,
) -> DomainError | None:
    """What is wrong before reading anything: too many files, or an item that is not a file
    (a string sent in a JSON body where an upload was expected)."""
    files = files or ()
    if len(files) > limits.max_files:
        return DomainError(
            ErrorCode.INVALID_VALUE,
            f"At most {limits.max_files} evidence files may be sent at a time; "
            f"{len(files)} were sent.",
            field,
        )
    for index, item in enumerate(files):
        if not is_file(item):
            return DomainError(
                ErrorCode.INVALID_VALUE,
                f"Evidence item {index + 1} is not a file. Send files as a GraphQL multipart "
                "request (operations, map and file parts).",
                (*field, str(index)),
            )
    return None


async def _chunks(file: UploadedFile, max_bytes: int, index: int, field: tuple[str, ...]):
    """The file's content in pieces of CHUNK_BYTES (the last may be shorter). Reads at most
    `max_bytes` + 1 bytes: one byte past the limit is enough to refuse the file."""
    total, buffer = 0, bytearray()
    while data := await file.read(min(CHUNK_BYTES - len(buffer), max_bytes + 1 - total)):
        total += len(data)
        if total > max_bytes:
            raise DomainError(
                ErrorCode.ATTACHMENT_TOO_LARGE,
                f"Evidence file {index + 1} is larger than {max_bytes / MIB:g} MiB.",
                (*field, str(index)),
            )
        buffer += data
        while len(buffer) >= CHUNK_BYTES:
            yield bytes(buffer[:CHUNK_BYTES])
            del buffer[:CHUNK_BYTES]
    if buffer:
        yield bytes(buffer)


def _type_not_allowed(index: int, field: tuple[str, ...]) -> DomainError:
    return DomainError(
        ErrorCode.ATTACHMENT_TYPE_NOT_ALLOWED,
        f"Evidence file {index + 1} is not a PDF, PNG or JPEG file (judged by its content, "
        "not its name).",
        (*field, str(index)),
    )


class HeldFiles:
    """Files stored for a request write that is to list them (see `EvidenceStore.holding`)."""

    def __init__(self, attachments: tuple[Attachment, ...], settle):
        self.attachments = attachments
        self.kept = False
        self._settle = settle

    async def keep(self) -> None:
        """The request write listing the files succeeded: keep them, no longer pending."""
        self.kept = True
        await self._settle(a.id for a in self.attachments)


class EvidenceStore:
    def __init__(self, store: Store, clock: Clock, limits: EvidenceLimits = EvidenceLimits()):
        self._files = store.attachments
        self._requests = store.requests
        self._clock = clock
        self.limits = limits

    async def store_all(
        self, files: Sequence[UploadedFile] | None, field: tuple[str, ...] = EVIDENCE_FIELD
    ) -> tuple[Attachment, ...]:
        """Check and store every file, in order; if any is refused (or anything fails), the
        ones already stored are removed before the error is raised."""
        if problem := files_problem(files, self.limits, field):
            raise problem
        started: list[str] = []
        try:
            return tuple(
                [
                    await self._store_one(file, index, field, started)
                    for index, file in enumerate(files or ())
                ]
            )
        except BaseException:
            await self.delete(started)
            raise

    async def _store_one(
        self, file: UploadedFile, index: int, field: tuple[str, ...], started: list[str]
    ) -> Attachment:
        limit = self.limits.max_file_bytes
        async with aclosing(_chunks(file, limit, index, field)) as chunks:
            first = await anext(chunks, b"")
            content_type = sniff(first)
            if content_type is None:
                raise _type_not_allowed(index, field)
            attachment_id = self._files.new_id()
            started.append(attachment_id)
            filename = clean_filename(getattr(file, "filename", None), content_type)
            uploaded_at = self._clock()
            await self._files.begin(
                attachment_id,
                {
                    "filename": filename,
                    "contentType": content_type,
                    "uploadedAt": uploaded_at,
                },
            )
            digest, size, n = hashlib.sha256(), 0, 0
            chunk = first
            while chunk:
                digest.update(chunk)
                size += len(chunk)
                await self._files.write_chunk(attachment_id, n, chunk)
                n += 1
                chunk = await anext(chunks, b"")
        await self._files.finish(attachment_id, size=size, sha256=digest.hexdigest())
        observer().evidence_stored(size)
        return Attachment(
            id=attachment_id,
            filename=filename,
            content_type=content_type,
            size=size,
            sha256=digest.hexdigest(),
            uploaded_at=uploaded_at,
        )

    @asynccontextmanager
    async def holding(
        self, files: Sequence[UploadedFile] | None, field: tuple[str, ...] = EVIDENCE_FIELD
    ) -> AsyncIterator[HeldFiles]:
        """Store the files for a request write to list; unless the block calls `keep()` (after
        that write succeeded), they are removed on leaving it, whatever the way out."""
        held = HeldFiles(await self.store_all(files, field), self._files.settle)
        try:
            yield held
        finally:
            if not held.kept:
                await self.delete(a.id for a in held.attachments)

    async def delete(self, ids: Iterable[str]) -> None:
        """Remove stored files, for a caller whose request write failed after storing them."""
        await self._files.delete(list(ids))

    async def download(
        self, viewer: Viewer, attachment_id: str, requests: RequestReader
    ) -> Download | None:
        """The file if the viewer may see the request that lists it (as `requests` judges);
        None when it does not exist, belongs to no request, or belongs to one the viewer may
        not see (all alike, so that existence does not leak)."""
        request_id = await self._requests.listing_attachment(attachment_id)
        request = await requests.get(viewer, request_id) if request_id else None
        listed = [a for a in request.evidence if a.id == attachment_id] if request else []
        if not listed:
            return None
        return Download(listed[0], self._files.chunks(attachment_id))

    async def sweep_orphans(self, older_than: timedelta = timedelta(hours=1)) -> int:
        """Remove files still pending after `older_than` that no request lists (their request
        write failed or never came); settle those a request does list (a crash came between
        the request write and `keep`). Younger pending files may be on their way into a
        request. Returns how many were removed."""
        pending = await self._files.pending_before(self._clock() - older_than)
        listed = await self._requests.listed_attachments(pending)
        await self._files.settle(listed)
        orphans = [i for i in pending if i not in listed]
        await self.delete(orphans)
        return len(orphans)

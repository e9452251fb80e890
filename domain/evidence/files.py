"""Storing evidence files and serving them to those who may see their request.

Files are read in chunks, hashed while read, and refused as soon as they pass the size limit,
so that a huge upload costs no more than the limit.

Ownership: a file belongs to the change request whose `evidence` lists it, and whoever may see
that request may download it. The list is written with the request in one single-document
write, so there is no second "attach" step that could fail halfway; a file whose request write
failed is listed nowhere, cannot be downloaded, and is removed by the caller (see `holding`) or,
after a crash, by `sweep_orphans`.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import aclosing, asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

from ..access import EVERYTHING, scope_of
from ..change_requests.model import Attachment
from ..clock import Clock
from ..models import Viewer
from ..observe import observer
from ..repository import Store
from ..repository.attachments import CHUNK_BYTES
from .rules import (
    EvidenceLimits,
    UploadedFile,
    clean_filename,
    files_problem,
    sniff,
    too_large,
    type_not_allowed,
)


@dataclass(frozen=True)
class Download:
    """A file the viewer may fetch: its stored description and its content, chunk by chunk."""

    attachment: Attachment
    chunks: AsyncIterator[bytes]


async def _chunks(file: UploadedFile, max_bytes: int, index: int) -> AsyncGenerator[bytes]:
    """The file's content in pieces of CHUNK_BYTES (the last may be shorter). Reads at most
    `max_bytes` + 1 bytes: one byte past the limit is enough to refuse the file."""
    total, buffer = 0, bytearray()
    while data := await file.read(min(CHUNK_BYTES - len(buffer), max_bytes + 1 - total)):
        total += len(data)
        if total > max_bytes:
            raise too_large(index, max_bytes)
        buffer += data
        while len(buffer) >= CHUNK_BYTES:
            yield bytes(buffer[:CHUNK_BYTES])
            del buffer[:CHUNK_BYTES]
    if buffer:
        yield bytes(buffer)


class HeldFiles:
    """Files stored for a request write that is to list them (see `EvidenceStore.holding`)."""

    def __init__(
        self,
        attachments: tuple[Attachment, ...],
        settle: Callable[[Iterable[str]], Awaitable[None]],
    ):
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

    async def store_all(self, files: Sequence[UploadedFile] | None) -> tuple[Attachment, ...]:
        """Check and store every file, in order; if any is refused (or anything fails), the
        ones already stored are removed before the error is raised."""
        if problem := files_problem(files, self.limits):
            raise problem
        started: list[str] = []
        try:
            return tuple(
                [
                    await self._store_one(file, index, started)
                    for index, file in enumerate(files or ())
                ]
            )
        except BaseException:
            await self.delete(started)
            raise

    async def _store_one(self, file: UploadedFile, index: int, started: list[str]) -> Attachment:
        async with aclosing(_chunks(file, self.limits.max_file_bytes, index)) as chunks:
            first = await anext(chunks, b"")
            content_type = sniff(first)
            if content_type is None:
                raise type_not_allowed(index)
            attachment_id = self._files.new_id()
            started.append(attachment_id)
            filename = clean_filename(getattr(file, "filename", None), content_type)
            uploaded_at = self._clock()
            await self._files.begin(
                attachment_id, filename=filename, content_type=content_type, uploaded_at=uploaded_at
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
    async def holding(self, files: Sequence[UploadedFile] | None) -> AsyncIterator[HeldFiles]:
        """Store the files for a request write to list; unless the block calls `keep()` (after
        that write succeeded), they are removed on leaving it, whatever the way out."""
        held = HeldFiles(await self.store_all(files), self._files.settle)
        try:
            yield held
        finally:
            if not held.kept:
                await self.delete(a.id for a in held.attachments)

    async def delete(self, ids: Iterable[str]) -> None:
        """Remove stored files, for a caller whose request write failed after storing them."""
        await self._files.delete(list(ids))

    async def download(self, viewer: Viewer, attachment_id: str) -> Download | None:
        """The file if the viewer may see the request that lists it; None when it does not
        exist, belongs to no request, or belongs to one the viewer may not see (all alike,
        so that existence does not leak)."""
        found = await self._requests.listing_attachment(scope_of(viewer), attachment_id)
        if found is None:
            return None
        _, attachment = found
        return Download(attachment, self._files.chunks(attachment))

    async def sweep_orphans(self, older_than: timedelta = timedelta(hours=1)) -> int:
        """Remove files still pending after `older_than` that no request lists (their request
        write failed or never came); settle those a request does list (a crash came between
        the request write and `keep`). Younger pending files may be on their way into a
        request. Returns how many were removed."""
        pending = await self._files.pending_before(self._clock() - older_than)
        # The service's own clean-up: every request counts.
        listed = await self._requests.listed_attachments(EVERYTHING, pending)
        await self._files.settle(listed)
        orphans = [i for i in pending if i not in listed]
        await self.delete(orphans)
        return len(orphans)

"""Small but valid PDF, PNG and JPEG files, built here from their specifications, and upload
doubles for the evidence tests."""

from __future__ import annotations

import json
import struct
import zlib


def pdf_bytes(text: str = "Transcript") -> bytes:
    """A one-page PDF 1.4 with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """An RGB PNG, each row a filter byte and red pixels."""
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(rows))
        + _png_chunk(b"IEND", b"")
    )


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def jpeg_bytes() -> bytes:
    """A baseline JPEG of one 8x8 grey block: quantisation table of ones, a DC Huffman table
    whose only code ("0") is category 0, an AC table whose only code ("0") is end-of-block,
    and one block coded as the bits 0 0 padded with ones."""
    quantisation = b"\x00" + b"\x01" * 64
    frame = struct.pack(">BHHB", 8, 8, 8, 1) + b"\x01\x11\x00"
    one_code_of_length_one = b"\x01" + b"\x00" * 15 + b"\x00"
    dc_table = b"\x00" + one_code_of_length_one
    ac_table = b"\x10" + one_code_of_length_one
    scan = b"\x01" + b"\x01\x00" + b"\x00\x3f\x00"
    return (
        b"\xff\xd8"
        + _jpeg_segment(0xDB, quantisation)
        + _jpeg_segment(0xC0, frame)
        + _jpeg_segment(0xC4, dc_table)
        + _jpeg_segment(0xC4, ac_table)
        + _jpeg_segment(0xDA, scan)
        + b"\x3f"
        + b"\xff\xd9"
    )


# The start of a Linux executable and of a Windows one.
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
MZ_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120


class MemoryUpload:
    """An upload as Starlette gives it: a name the client chose and async reads."""

    def __init__(self, filename: str | None, content: bytes, content_type: str = "application/pdf"):
        self.filename = filename
        self.content_type = content_type  # what the client claims; never used
        self._content = content
        self._position = 0

    async def read(self, size: int = -1) -> bytes:
        end = len(self._content) if size < 0 else self._position + size
        data = self._content[self._position : end]
        self._position += len(data)
        return data


class CountingUpload:
    """A PDF-looking upload of `size` bytes made up as it is read, counting what was read:
    shows whether an oversized file was read to its end."""

    def __init__(self, size: int, filename: str = "big.pdf", read_limit: int = 64 * 1024):
        self.filename = filename
        self.size = size
        self.bytes_read = 0
        self._read_limit = read_limit

    async def read(self, size: int = -1) -> bytes:
        size = self.size if size < 0 else size
        count = min(size, self._read_limit, self.size - self.bytes_read)
        head = b"%PDF-"[self.bytes_read : self.bytes_read + count]
        self.bytes_read += count
        return head + b"x" * (count - len(head))


class FailingUpload:
    """A PDF upload whose connection drops after `before` bytes."""

    filename = "dropped.pdf"

    def __init__(self, before: int):
        self.inner = CountingUpload(before)

    async def read(self, size: int = -1) -> bytes:
        data = await self.inner.read(size)
        if not data:
            raise ConnectionResetError("client went away")
        return data


def multipart_form(
    query: str,
    variables: dict,
    files: list[tuple[str, bytes, str]],
    path: str = "variables.input.evidence",
) -> tuple[dict, dict]:
    """The `data` and `files` of a GraphQL multipart request (operations, map, file parts)
    whose files go to the list at `path`, as httpx takes them."""
    operations = {"query": query, "variables": variables}
    file_map = {str(i): [f"{path}.{i}"] for i in range(len(files))}
    parts = {str(i): file for i, file in enumerate(files)}
    return {"operations": json.dumps(operations), "map": json.dumps(file_map)}, parts

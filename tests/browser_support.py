"""Support for the browser tests: the real service in a subprocess on a free port with the
sample data, Debian's Chromium driven by Playwright (never a downloaded browser), a check
that no page asks another origin for anything, axe-core, screenshots."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx2

CHROMIUM = os.environ.get("CTECR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "build" / "test-output" / "screenshots"


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served_app(tmp: Path, port: int | None = None, data: Path | None = None, **settings: str):
    """`ctecr serve` with the sample data (or the folder `data`) until the block ends, on
    `port` or a free one: development settings unless `settings` (CTECR_ variables) say
    otherwise."""
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CTECR_")}
    env.update({"CTECR_ENV": "development", "CTECR_LOG_LEVEL": "WARNING", **settings})
    log = (tmp / "server.log").open("wb")
    if env["CTECR_ENV"] == "production":  # on the embedded store: see production_server.py
        command = [sys.executable, "-m", "tests.production_server", str(port)]
    else:
        serve = [sys.executable, "-c", "from server.cli import app; app()", "serve"]
        command = [*serve, "--port", str(port), *(["--data", str(data)] if data else [])]
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_ready(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"ctecr serve exited with {process.returncode}")
        try:
            if httpx2.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.2)  # polling a starting process, not waiting on the page under test
    raise RuntimeError("ctecr serve did not become ready in 60 s")


# Not the network: the page's own objects and the browser's built-in PDF viewer.
LOCAL_SCHEMES = ("blob:", "data:", "chrome-extension:", "chrome:")


class OriginGuard:
    """Records every network request a page makes to another origin than the app's (and
    `others`, such as the identity provider's), and aborts it."""

    def __init__(self, base: str, *others: str):
        self.origin = urlsplit(base)[:2]
        self.allowed = {self.origin, ("ws", self.origin[1]), *(urlsplit(o)[:2] for o in others)}
        self.foreign: list[str] = []

    def attach(self, context) -> None:
        def check(route):
            url = route.request.url
            if url.startswith(LOCAL_SCHEMES) or urlsplit(url)[:2] in self.allowed:
                route.continue_()
            else:
                self.foreign.append(url)
                route.abort()

        context.route("**/*", check)


WESTWOOD = 79014  # Mesa Unified's Westwood High School
QUEUE_SUID = 1009100000  # + i: a Robotics non-participant at Westwood, one request each
GRADUATE_SUID = 1009200000  # + i: a Robotics completer who graduated in FY2026


def crowded_data(folder: Path, queue: int, graduates: int) -> Path:
    """The sample data set and, at Westwood High School in FY2026, `queue` students who can be
    given a request each ("Queue Student 000", ...) and `graduates` concentrators on the
    placement survey list ("Placement Graduate 000", ...): lists longer than a page."""
    students, records = [], []
    for i in range(queue):
        students.append(_student(QUEUE_SUID + i, "Queue", f"Student {i:03d}", None))
        records.append(_record(QUEUE_SUID + i, [("15040010", "0.5")]))
    for i in range(graduates):
        students.append(_student(GRADUATE_SUID + i, "Placement", f"Graduate {i:03d}", "2026-05-28"))
        records.append(_record(GRADUATE_SUID + i, [("15040010", "1.0"), ("15040020", "1.0")]))
    return extended_data(folder, students, records)


def extended_data(folder: Path, students: list[dict], records: list[dict]) -> Path:
    """The sample data set copied to `folder`, with `students` and `records` (lines of its
    JSON Lines files) added."""
    shutil.copytree(ROOT / "server" / "sample_data", folder)
    for name, lines in (("students.jsonl", students), ("records.jsonl", records)):
        with (folder / name).open("a", encoding="utf-8") as out:
            out.writelines(json.dumps(line) + "\n" for line in lines)
    return folder


def _student(suid: int, first: str, last: str, graduated: str | None) -> dict:
    exit_reason = "GRADUATED" if graduated else None
    return {
        "suid": str(suid),
        "firstName": first,
        "lastName": last,
        "exitedOn": graduated,
        "exitReason": exit_reason,
    }


def _record(suid: int, credits: list[tuple[str, str]]) -> dict:
    return {
        "suid": str(suid),
        "schoolEntityId": WESTWOOD,
        "fiscalYear": 2026,
        "programNumber": "15.0400",
        "courses": [{"courseNumber": c, "credits": amount} for c, amount in credits],
    }


def pdf_bytes(text: str = "Transcript") -> bytes:
    """A small valid one-page PDF (with a correct cross-reference table)."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def png_bytes() -> bytes:
    """A 1x1 PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x0b\x3d\x6e")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def unique_key() -> str:
    return uuid.uuid4().hex

"""Index sizes at state scale, estimated from key sizes (docs/operations.md quotes them).

The embedded store (mongomock) keeps no index structures and has no collStats, so the sizes
are computed: documents shaped like the service's are generated at state scale, every index
of `domain.repository.store.INDEXES` (and each collection's `_id` index) is walked over them
as MongoDB would (a sparse index skips documents without the field, a partial one those
outside its filter, an array makes one entry per element), and each entry is priced as
WiredTiger's KeyString encodes it: a type byte and the value (int 2-9 bytes, string its UTF-8
bytes and a terminator, date 9, ObjectId 13, bool 1), an end byte and an 8-byte RecordId.
Pages are taken as 75% full. WiredTiger's prefix compression, on by default for indexes,
makes the real figure smaller, most for compound keys whose leading fields repeat; on a real
deployment, `db.<collection>.stats().indexSizes` after `ctecr import` gives the true one.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from bson import ObjectId

from domain.repository.store import INDEXES

RECORDS_PER_YEAR = 300_000
REQUESTS_PER_YEAR = 20_000
RETAINED_YEARS = 5  # the second column: every collection here grows about linearly
STUDENTS_PER_YEAR = 250_000
SCHOOLS, LEAS, PROGRAMS = 1_000, 650, 120
EVENTS_PER_REQUEST = 3
FILES_PER_REQUEST = 1.2
AVERAGE_FILE_BYTES = 400 * 1024
CHUNK_BYTES = 255 * 1024
RECORD_ID_BYTES = 8
PAGE_FILL = 0.75
START = datetime(2026, 7, 1, tzinfo=UTC)


def value_bytes(value) -> int:
    """One value as KeyString encodes it, type byte included."""
    if isinstance(value, bool):
        return 1
    if isinstance(value, int):
        return 1 + max(1, (value.bit_length() + 7) // 8) + 1
    if isinstance(value, str):
        return 1 + len(value.encode()) + 1
    if isinstance(value, datetime):
        return 9
    if isinstance(value, ObjectId):
        return 13
    return 1  # null: a document without the field, in a non-sparse index


def lookup(document: dict, path: str):
    """The value at a dotted path; a list along the way yields a list (a multikey index)."""
    value = document
    for part in path.split("."):
        if isinstance(value, list):
            return [item.get(part) for item in value if isinstance(item, dict)]
        value = value.get(part) if isinstance(value, dict) else None
    return value


def entries(document: dict, keys: list[tuple[str, int]], options: dict) -> Iterator[int]:
    """The size of each entry the document makes in one index."""
    partial = options.get("partialFilterExpression", {})
    if any(lookup(document, field) != wanted for field, wanted in partial.items()):
        return
    values = [lookup(document, field) for field, _ in keys]
    if options.get("sparse") and all(v is None for v in values):
        return
    lists = [v for v in values if isinstance(v, list)]
    for element in lists[0] if lists else [None]:
        priced = [element if isinstance(v, list) else v for v in values]
        yield sum(value_bytes(v) for v in priced) + 1 + RECORD_ID_BYTES


def suid(rng: random.Random) -> str:
    return str(rng.randrange(1_000_000_000, 9_999_999_999))


def records(rng: random.Random, years: int) -> Iterator[dict]:
    for year in range(years):
        for _ in range(RECORDS_PER_YEAR):
            yield {
                "_id": ObjectId(),
                "suid": suid(rng),
                "schoolEntityId": rng.randrange(1, 100_000),
                "fiscalYear": 2026 - year,
                "programNumber": f"{rng.randrange(1, 53):02d}.{rng.randrange(0, 9999):04d}",
                "status": {"placementSurveyEligible": rng.random() < 0.3},
            }


def change_requests(rng: random.Random, years: int) -> Iterator[dict]:
    for n in range(REQUESTS_PER_YEAR * years):
        submitted = START - timedelta(minutes=n * 5)
        status = rng.choices(
            ["APPROVED", "REJECTED", "PENDING_REVIEW", "WITHDRAWN"], [70, 18, 8, 4]
        )[0]
        student = suid(rng)
        document = {
            "_id": ObjectId(),
            "status": status,
            "schoolEntityId": rng.randrange(1, 100_000),
            "leaEntityId": rng.randrange(1, 100_000),
            "suid": student,
            "fiscalYear": 2026 - n // REQUESTS_PER_YEAR,
            "submittedAt": submitted,
            "evidence": [{"id": str(ObjectId())} for _ in range(_files(rng))],
        }
        if status == "PENDING_REVIEW":
            document["openKey"] = f"{student}|{document['schoolEntityId']}|12.0500|12050010"
        if rng.random() < 0.5:
            document["idempotency"] = f"lea-user-{rng.randrange(2000)}\x1f{ObjectId()}"
        yield document


def _files(rng: random.Random) -> int:
    whole = int(FILES_PER_REQUEST)
    return whole + (rng.random() < FILES_PER_REQUEST - whole)


def events(years: int) -> Iterator[dict]:
    for seq in range(1, REQUESTS_PER_YEAR * EVENTS_PER_REQUEST * years + 1):
        yield {"_id": f"{ObjectId()}:{seq % 4 + 1}", "seq": seq}


def attachments(years: int) -> Iterator[dict]:
    for _ in range(int(REQUESTS_PER_YEAR * FILES_PER_REQUEST * years)):
        yield {"_id": ObjectId(), "uploadedAt": START, "pending": None}


def chunks(years: int) -> Iterator[dict]:
    per_file = -(-AVERAGE_FILE_BYTES // CHUNK_BYTES)
    for _ in range(int(REQUESTS_PER_YEAR * FILES_PER_REQUEST * years)):
        attachment = str(ObjectId())
        for n in range(per_file):
            yield {"_id": ObjectId(), "attachmentId": attachment, "n": n}


def students(rng: random.Random, years: int) -> Iterator[dict]:
    for _ in range(STUDENTS_PER_YEAR * years):
        yield {"_id": ObjectId(), "suid": suid(rng)}


def collections(years: int, rng: random.Random) -> dict[str, Iterator[dict]]:
    return {
        "records": records(rng, years),
        "change_requests": change_requests(rng, years),
        "events": events(years),
        "attachments": attachments(years),
        "attachment_chunks": chunks(years),
        "students": students(rng, years),
    }


def sizes(years: int) -> dict[str, dict[str, int]]:
    """Estimated bytes of each index of the large collections, for `years` of data."""
    result: dict[str, dict[str, int]] = {}
    for collection, documents in collections(years, random.Random(15)).items():
        indexes = [([("_id", 1)], {}), *INDEXES.get(collection, [])]
        totals = [0] * len(indexes)
        for document in documents:
            for i, (keys, options) in enumerate(indexes):
                totals[i] += sum(entries(document, keys, options))
        result[collection] = {
            "_".join(f"{field}_{order}" for field, order in keys): int(total / PAGE_FILL)
            for (keys, _), total in zip(indexes, totals)
        }
    return result


def mib(size: int) -> str:
    return f"{size / 2**20:,.1f}"


def main() -> None:
    print("\nIndex sizes, estimated from key sizes (see benchmarks/index_sizes.py), MiB")
    estimated = sizes(1)
    print(f"{'collection.index':<78}{'1 year':>9}{f'{RETAINED_YEARS} years':>9}")
    for collection, indexes in estimated.items():
        for name, size in indexes.items():
            label = f"{collection}.{name}"[:77]
            print(f"{label:<78}{mib(size):>9}{mib(size * RETAINED_YEARS):>9}")
    total = sum(sum(indexes.values()) for indexes in estimated.values())
    retained = mib(total * RETAINED_YEARS)
    print(f"all indexes: {mib(total)} MiB a year, {retained} MiB for {RETAINED_YEARS} years")
    files = REQUESTS_PER_YEAR * FILES_PER_REQUEST * AVERAGE_FILE_BYTES
    print(f"evidence files stored per year: {files / 2**30:,.1f} GiB")


if __name__ == "__main__":
    main()

"""The reviewers' daily digest: the open requests by age, in all and per LEA. It names no
student, so nothing in it is private."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from ..access import EVERYTHING
from ..fiscal import ARIZONA
from ..repository import Store
from .notices import Notice, claim_key
from .rules import NotificationKind

# Ages in whole days, as the digest groups them: (label, youngest, oldest or None).
AGE_BANDS = (
    ("under 3 days", 0, 2),
    ("3 to 7 days", 3, 7),
    ("8 to 14 days", 8, 14),
    ("over 14 days", 15, None),
)


@dataclass(frozen=True)
class LeaLine:
    name: str
    count: int
    pending_review: int
    awaiting_lea: int
    oldest_days: int


@dataclass(frozen=True)
class Digest:
    day: date
    count: int
    oldest_days: int
    bands: list[tuple[str, int]]
    leas: list[LeaLine]


def due_day(now: datetime, at: time) -> date | None:
    """The Arizona day whose digest is due at `now`: today once the local time reaches `at`."""
    local = now.astimezone(ARIZONA)
    return local.date() if local.time() >= at else None


def digest_key(day: date, to: str) -> str:
    return claim_key(f"digest:{day.isoformat()}", to)


async def build_digest(store: Store, day: date, now: datetime) -> Digest | None:
    """The digest of the requests open at `now`; None when nothing is open."""
    open_requests = await store.notifications.open_requests(EVERYTHING)
    if not open_requests:
        return None
    today = now.astimezone(ARIZONA).date()

    def age(document: dict[str, Any]) -> int:
        submitted: datetime = document["submittedAt"]
        return (today - submitted.astimezone(ARIZONA).date()).days

    by_lea: dict[int, list[dict[str, Any]]] = {}
    for document in open_requests:
        by_lea.setdefault(document["leaEntityId"], []).append(document)
    leas = await store.reference.leas(EVERYTHING, by_lea)
    lines = [
        LeaLine(
            name=leas[lea_id].name if lea_id in leas else f"LEA {lea_id}",
            count=len(documents),
            pending_review=sum(d["status"] == "PENDING_REVIEW" for d in documents),
            awaiting_lea=sum(d["status"] == "MORE_INFORMATION_REQUESTED" for d in documents),
            oldest_days=max(age(d) for d in documents),
        )
        for lea_id, documents in by_lea.items()
    ]
    lines.sort(key=lambda line: (-line.oldest_days, line.name))
    ages = [age(d) for d in open_requests]
    return Digest(
        day=day,
        count=len(open_requests),
        oldest_days=max(ages),
        bands=age_bands(ages),
        leas=lines,
    )


def age_bands(ages: list[int]) -> list[tuple[str, int]]:
    return [
        (label, sum(low <= a and (high is None or a <= high) for a in ages))
        for label, low, high in AGE_BANDS
    ]


def digest_notice(digest: Digest, to: str, link: str) -> Notice:
    return Notice(
        key=digest_key(digest.day, to),
        kind=NotificationKind.DAILY_DIGEST,
        to=to,
        values={"digest": digest, "link": link},
    )

"""The notifier: follows the event log from its durable cursor and sends each notification
once per (event, recipient), however many processes run it.

Before sending, a process inserts the notification's claim (its key is unique), so only one
process ever sends it. The outcome is recorded on the claim afterwards. A process that dies
between sending and recording leaves the claim `sending`; once its lease runs out another
process takes it over and sends that one message again (the only case of a second copy).
Transient failures are retried with exponential backoff; permanent ones, and transient ones
after `max_attempts`, are recorded as failed for admins.

The cursor moves only past events whose claims are stored, and never past a `seq` that may
still commit late (SeqCursor's grace), so no event is skipped; re-reading one is harmless, as
its claims exist.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from functools import partial
from typing import Any

from ..access import EVERYTHING
from ..clock import Clock
from ..events.cursor import DEFAULT_GRACE, SeqCursor
from ..events.log import PAGE, join_requests
from ..events.logged import Delivery
from ..repository import RoundTrips, Store
from ..tasks import cancel_and_wait
from .delivery import DeliveryFailure, PermanentFailure, Postman, TransientFailure
from .digest import build_digest, digest_key, digest_notice, due_day
from .notices import LinkFor, Notice, claim_key, event_notice
from .rules import OPTIONAL, NotificationKind, recipients, reviewer_addresses

log = logging.getLogger("ctecr.notifications")


@dataclass(frozen=True)
class NotifierConfig:
    link_for: LinkFor
    list_link: str
    reviewers: tuple[str, ...] = ()
    digest_at: time = time(7, 0)
    interval: float = 2.0
    # How long a process holds a claim it is sending: longer than an SMTP attempt can take
    # (server.mail's timeout), so that only a dead process's claim is taken over.
    lease: timedelta = timedelta(minutes=5)
    backoff: timedelta = timedelta(seconds=30)
    max_backoff: timedelta = timedelta(hours=1)
    max_attempts: int = 8
    grace: float = DEFAULT_GRACE

    def delay(self, attempts: int) -> timedelta:
        """The wait before attempt `attempts + 1`: doubling from `backoff`, capped."""
        return min(self.backoff * (1 << (attempts - 1)), self.max_backoff)


class Notifier:
    def __init__(self, store: Store, clock: Clock, postman: Postman, config: NotifierConfig):
        # Background traffic: counted apart from the requests' round trips.
        self.round_trips = RoundTrips()
        self._store = replace(store, round_trips=self.round_trips)
        self._clock = clock
        self._postman = postman
        self.config = config
        self._seq: SeqCursor | None = None
        self._digest_done: date | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="notifier")

    async def stop(self) -> None:
        await cancel_and_wait(self._task)
        self._task = None

    async def _run(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:  # a database hiccup must not end notifications
                log.exception("notifier pass failed; retrying")
            await asyncio.sleep(self.config.interval)

    async def run_once(self) -> None:
        """One pass: the new events, the retries that are due, the digest once it is due."""
        await self._follow_log()
        await self._retry_due()
        await self._send_digest()

    # --- the event log ----------------------------------------------------------------------

    async def _follow_log(self) -> None:
        repository = self._store.notifications
        # The first run on a database starts at the log's end: no mail about the past.
        known = self._seq.watermark if self._seq else await self._store.events.last_seq()
        start = await repository.cursor(known)
        if self._seq is None or start > self._seq.watermark:  # another process is ahead
            self._seq = SeqCursor(start, self.config.grace)
        after = self._seq.watermark
        while True:
            # The notifier's own work: every LEA's events, each message to its own party.
            page = await self._store.events.after(EVERYTHING, after, PAGE)
            unseen = self._seq.unseen(page.seqs)
            fresh = [e for e in page.events if e.seq in unseen]
            for delivery in await join_requests(self._store, EVERYTHING, fresh):
                await self._notify_event(delivery)
            self._seq.mark(unseen)
            if len(page.seqs) < PAGE:
                break
            after = page.seqs[-1]
        self._seq.mark(())
        if self._seq.watermark > start:
            await repository.advance(self._seq.watermark)

    async def _notify_event(self, delivery: Delivery) -> None:
        for addressed in recipients(delivery, self.config.reviewers):
            kind, to = addressed.kind, addressed.address
            build = partial(event_notice, self._store, delivery, kind, to, self.config.link_for)
            fields = {"eventId": delivery.event.id, "changeRequestId": delivery.request.id}
            await self._claim_and_send(kind, to, claim_key(delivery.event.id, to), fields, build)

    # --- the digest --------------------------------------------------------------------------

    async def _send_digest(self) -> None:
        now = self._clock()
        day = due_day(now, self.config.digest_at)
        addresses = reviewer_addresses(self.config.reviewers)
        if day is None or day == self._digest_done or not addresses:
            return
        digest = await build_digest(self._store, day, now)
        if digest is not None:  # nothing open: no digest today
            for to in addresses:
                build = partial(_ready, digest_notice(digest, to, self.config.list_link))
                key = digest_key(day, to)
                fields = {"digestDay": day.isoformat()}
                await self._claim_and_send(NotificationKind.DAILY_DIGEST, to, key, fields, build)
        self._digest_done = day

    # --- claims and attempts -----------------------------------------------------------------

    async def _claim_and_send(
        self,
        kind: NotificationKind,
        to: str,
        key: str,
        fields: dict[str, Any],
        build: Callable[[], Awaitable[Notice]],
    ) -> None:
        """Claim the notification, then make and send it. The claim comes first, so that an
        event read again (by a restarted or a second process) costs one refused insert."""
        repository = self._store.notifications
        if kind in OPTIONAL and str(kind) in await repository.disabled(to):
            return
        now = self._clock()
        fields = {**fields, "kind": str(kind), "recipient": to}
        if await repository.claim(key, fields, now, now + self.config.lease):
            await self._attempt(await build(), attempts=0)

    async def _retry_due(self) -> None:
        repository = self._store.notifications
        while True:
            now = self._clock()
            claim = await repository.take_due(now, now + self.config.lease)
            if claim is None:
                return
            notice = await self._rebuild(claim)
            if notice is None:
                gone = PermanentFailure("The event or the request it concerns no longer exists.")
                await repository.failed(claim["_id"], now, gone.record())
                continue
            await self._attempt(notice, claim["attempts"])

    async def _rebuild(self, claim: dict[str, Any]) -> Notice | None:
        """The notice of a stored claim, made again from the log (or today's open requests)."""
        kind, to = NotificationKind(claim["kind"]), claim["recipient"]
        if kind is NotificationKind.DAILY_DIGEST:
            day = date.fromisoformat(claim["digestDay"])
            digest = await build_digest(self._store, day, self._clock())
            return digest_notice(digest, to, self.config.list_link) if digest else None
        logged = await self._store.events.get(EVERYTHING, claim["eventId"])
        found = await join_requests(self._store, EVERYTHING, [logged]) if logged else []
        if not found:
            return None
        return await event_notice(self._store, found[0], kind, to, self.config.link_for)

    async def _attempt(self, notice: Notice, attempts: int) -> None:
        """Send once and record the outcome on the claim."""
        repository = self._store.notifications
        try:
            outgoing = self._postman.compose(notice)
            await self._postman.send(outgoing)
        except TransientFailure as failure:
            await self._transient(notice, attempts + 1, failure)
        except PermanentFailure as failure:
            log.warning("notification %s failed for good: %s", notice.kind, failure.message)
            await repository.failed(notice.key, self._clock(), failure.record())
        else:
            await repository.sent(notice.key, self._clock(), outgoing.subject)

    async def _transient(self, notice: Notice, attempts: int, failure: DeliveryFailure) -> None:
        repository = self._store.notifications
        now = self._clock()
        if attempts >= self.config.max_attempts:
            gave_up = {**failure.record(), "message": f"Gave up after {attempts} attempts: "}
            gave_up["message"] += failure.message
            await repository.failed(notice.key, now, gave_up)
            return
        due = now + self.config.delay(attempts)
        log.info("notification %s deferred (%s); retry at %s", notice.kind, failure.code, due)
        await repository.retry(notice.key, now, due, failure.record())


async def _ready(notice: Notice) -> Notice:
    """A notice made already (the digest's), in the shape of the ones read from the store."""
    return notice

"""Which logged events are new, when the log's `seq` can commit out of order or skip.

`seq` is allocated before the insert (see repository/events.py), so a later `seq` can become
visible before an earlier one, and a writer that dies leaves a `seq` that never appears.
The cursor keeps a watermark (every `seq` at or below it is settled) and the seqs delivered
above it. A missing `seq` holds the watermark back for a grace period, so an event that
commits late is still delivered; after the grace period it is taken for a gap.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

# Long enough for a writer paused between allocating its seq and inserting (a GC pause, a
# slow primary); each gap costs re-reading the events above it for this long.
DEFAULT_GRACE = 10.0


class SeqCursor:
    def __init__(
        self,
        watermark: int,
        grace: float = DEFAULT_GRACE,
        now: Callable[[], float] = time.monotonic,
    ):
        self.watermark = watermark
        self._grace = grace
        self._now = now
        self._delivered: set[int] = set()
        self._missing_since: dict[int, float] = {}

    def unseen(self, seqs: Iterable[int]) -> set[int]:
        """Those of `seqs` not delivered yet."""
        return {s for s in seqs if s > self.watermark and s not in self._delivered}

    def mark(self, seqs: Iterable[int]) -> None:
        """Record `seqs` as delivered and move the watermark as far as it may go. Called
        after every poll (with no seqs too) so that gaps expire."""
        self._delivered.update(s for s in seqs if s > self.watermark)
        now = self._now()
        top = max(self._delivered, default=self.watermark)
        for seq in range(self.watermark + 1, top):
            if seq not in self._delivered:
                self._missing_since.setdefault(seq, now)
        while self._settle_next(now):
            pass

    def _settle_next(self, now: float) -> bool:
        following = self.watermark + 1
        if following in self._delivered:
            self._delivered.remove(following)
        elif self._expired(following, now):
            del self._missing_since[following]
        else:
            return False
        self.watermark = following
        return True

    def _expired(self, seq: int, now: float) -> bool:
        since = self._missing_since.get(seq)
        return since is not None and now - since >= self._grace

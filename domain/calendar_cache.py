"""The fiscal calendar kept in the process, so that an operation does not read it again.

Nearly every operation needs the calendar (which fiscal year records are made for, whether
the adjustment window is open), and it changes a few times a year. The cache is forgotten
when the calendar changes: by `FiscalCalendar.set_dates` in this process before it returns,
and by the event feed when the log says another process changed it. A read that was in flight
when the cache was forgotten is handed to its callers but never kept, so that a read started
before a change cannot put the old calendar back. `max_age` bounds what no event announces
(`ctecr import`, a write by hand, a process stopped between the write and its event).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType

from .models import FiscalYearDates

Calendar = Mapping[int, FiscalYearDates]

MAX_AGE = 60.0


class CalendarCache:
    def __init__(
        self,
        read: Callable[[], Awaitable[dict[int, FiscalYearDates]]],
        *,
        max_age: float = MAX_AGE,
        now: Callable[[], float] = time.monotonic,
    ):
        self._read = read
        self._max_age = max_age
        self._now = now
        self._generation = 0
        self._value: Calendar | None = None
        self._read_at = 0.0
        self._pending: asyncio.Future[Calendar] | None = None

    def fresh(self) -> Calendar | None:
        """The calendar held, if it is not too old: what `get` returns without a read (None:
        `get` would read it)."""
        if self._value is not None and self._now() - self._read_at < self._max_age:
            return self._value
        return None

    async def get(self) -> Calendar:
        """The calendar; callers arriving while it is read share the one read."""
        value = self.fresh()
        if value is not None:
            return value
        if self._pending is None:
            self._pending = asyncio.ensure_future(self._fill(self._generation))
        # One caller cancelled (a client gone) must not cancel the others' read.
        return await asyncio.shield(self._pending)

    def forget(self) -> None:
        """The calendar may have changed: the next `get` reads it again."""
        self._generation += 1
        self._value = None
        self._pending = None

    async def _fill(self, generation: int) -> Calendar:
        started = self._now()
        try:
            value: Calendar = MappingProxyType(await self._read())  # shared: read-only
        finally:
            if generation == self._generation:
                self._pending = None
        if generation == self._generation:
            self._value, self._read_at = value, started
        return value

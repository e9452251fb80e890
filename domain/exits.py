"""Placement survey eligibility that a day brings: a student recorded with an exit date in the
future is on a list only from that day, so the flags of their records are recomputed once it
has come (at start for the recent past, and periodically)."""

from __future__ import annotations

from datetime import timedelta

from .access import EVERYTHING
from .clock import Clock
from .fiscal import arizona_today
from .loader import RecordWriter
from .repository import Store

# At start: exits this recent are re-judged (a longer outage than this is not caught up).
AT_START = timedelta(days=400)
# Periodically: today's and yesterday's exits (the check runs many times a day).
PERIODIC = timedelta(days=1)


async def refresh_recent_exits(store: Store, clock: Clock, window: timedelta = PERIODIC) -> int:
    """Recompute the flags of the records of students who left within `window` before today
    (the service's own work: every LEA's); how many records changed."""
    today = arizona_today(clock())
    students = await store.reference.students_exited(EVERYTHING, today - window, today)
    if not students:
        return 0
    records = await store.records.of_students(EVERYTHING, [s.suid for s in students])
    return await RecordWriter(store, clock).refresh(records)

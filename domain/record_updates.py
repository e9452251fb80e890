"""Changing a record's credits: read, compute in Python, write back under a version check,
retry on a miss. Flags are recomputed in the same write as the credits. This is the one
write path for credits, used by loading and by approvals alike; it works on a real MongoDB
without transactions and on the in-memory mock."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from .access import EVERYTHING
from .errors import NotFound
from .fiscal import arizona_today
from .models import CourseCredit, ParticipantRecord, Program, Student
from .repository import Store
from .status import compute_flags, remember_course_names

CourseChange = Callable[[ParticipantRecord], tuple[CourseCredit, ...] | None]


def with_courses(
    record: ParticipantRecord,
    courses: tuple[CourseCredit, ...],
    program: Program,
    student: Student,
    now: datetime,
    applied: str | None = None,
    *,
    other_years: Iterable[int] = (),
) -> ParticipantRecord:
    """The record with new courses (remembering their names and kinds as the program lists
    them), its flags recomputed as of `now` (`other_years`: the fiscal years of the student's
    other records in the program) and its version raised."""
    applied_ids = record.applied_request_ids + ((applied,) if applied else ())
    courses = remember_course_names(courses, program)
    flags = compute_flags(
        program,
        courses,
        student,
        record.fiscal_year,
        other_years=other_years,
        today=arizona_today(now),
    )
    return record.model_copy(
        update={
            "courses": courses,
            "status": flags,
            "version": record.version + 1,
            "updated_at": now,
            "applied_request_ids": applied_ids,
        }
    )


async def update_courses(
    store: Store,
    record: ParticipantRecord,
    change: CourseChange,
    *,
    program: Program,
    student: Student,
    now: datetime,
    applying: str | None = None,
    other_years: Iterable[int] = (),
) -> ParticipantRecord:
    """Apply `change` to the record's courses until it lands. With `applying` (a change request
    id) the change lands at most once: a record that already holds that id is left alone.
    `change` returning None means nothing to write."""
    while True:
        if applying is not None and applying in record.applied_request_ids:
            return record
        courses = change(record)
        if courses is None:
            return record
        updated = with_courses(
            record, courses, program, student, now, applying, other_years=other_years
        )
        if await store.records.replace(updated, record.version, applying=applying):
            return updated
        fresh = (await store.records.by_ids(EVERYTHING, [record.id])).get(record.id)
        if fresh is None:
            raise NotFound("The P/C record")
        record = fresh

"""Loading a folder of JSON Lines files (domain.md's formats) into the store.

Each file is validated whole before anything of it is written: a bad line is reported with
its file, line number and what is wrong, and nothing of that file is loaded. Loading again
upserts by natural key; records keep their approved insertions and get their flags computed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, Field, ValidationError, field_validator

from .clock import Clock
from .models import (
    CourseCredit,
    FiscalYearDates,
    Lea,
    Model,
    ParticipantRecord,
    Program,
    RecordKey,
    School,
    StatusFlags,
    Student,
)
from .record_updates import update_courses, with_courses
from .repository import Store
from .repository.records import new_record_id
from .status import compute_flags

Progress = Callable[[str, int, int], None]  # file name, lines done, lines in all


class CourseLine(Model):
    course_number: str = Field(min_length=1)
    credits: Decimal

    @field_validator("credits", mode="before")
    @classmethod
    def _credits_are_exact(cls, value: Any) -> Decimal:
        if not isinstance(value, str):
            raise ValueError('credits must be a string such as "1.0" (exact decimal, not a number)')
        try:
            credits = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"credits {value!r} is not a decimal number") from None
        if not credits.is_finite() or credits < 0:
            raise ValueError(f"credits {value!r} must be a finite number of 0 or more")
        return credits


class RecordLine(Model):
    suid: str = Field(pattern=r"^\d{1,20}$")
    school_entity_id: int
    fiscal_year: int = Field(ge=2000, le=2100)
    program_number: str
    courses: list[CourseLine]

    @property
    def key(self) -> RecordKey:
        return (self.suid, self.school_entity_id, self.fiscal_year, self.program_number)


@dataclass(frozen=True)
class FileKind:
    name: str
    model: type[BaseModel]


# In dependency order: what a line refers to is loaded before it.
FILES = (
    FileKind("programs.jsonl", Program),
    FileKind("leas.jsonl", Lea),
    FileKind("schools.jsonl", School),
    FileKind("students.jsonl", Student),
    FileKind("fiscal_years.jsonl", FiscalYearDates),
    FileKind("records.jsonl", RecordLine),
)


@dataclass(frozen=True)
class LineError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class LoadFailed(Exception):
    """One or more files had bad lines; those files were not loaded."""

    def __init__(self, errors: list[LineError], summary: LoadSummary):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors
        self.summary = summary


@dataclass
class LoadSummary:
    counts: dict[str, Counter] = field(default_factory=dict)

    def add(self, file: str, **counts: int) -> None:
        self.counts.setdefault(file, Counter()).update(counts)


def parse_file(path: Path, kind: FileKind) -> tuple[list[tuple[int, Any]], list[LineError]]:
    """Every non-blank line validated: the items with their line numbers, and the errors."""
    items, errors = [], []
    with path.open(encoding="utf-8") as lines:
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
                if not isinstance(data, dict):
                    raise ValueError("a line must be one JSON object")
                unknown = unknown_keys(kind.model, data)
                if unknown:
                    raise ValueError(f"unknown field(s): {', '.join(unknown)}")
                items.append((number, kind.model.model_validate(data)))
            except json.JSONDecodeError as error:
                errors.append(LineError(kind.name, number, f"invalid JSON: {error.msg}"))
            except ValidationError as error:
                errors.append(LineError(kind.name, number, _describe(error)))
            except ValueError as error:
                errors.append(LineError(kind.name, number, str(error)))
    return items, errors


def unknown_keys(model: type[BaseModel], data: Any, path: str = "") -> list[str]:
    """Keys of `data` (nested objects and lists of them included) that `model` does not
    know: a file's field that would otherwise be dropped silently is refused instead."""
    if not isinstance(data, dict):
        return []
    fields = {info.alias or name: info for name, info in model.model_fields.items()}
    found = [f"{path}{key}" for key in data if key not in fields]
    for key, info in fields.items():
        nested = _model_in(info.annotation)
        value = data.get(key)
        if nested is None or value is None:
            continue
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            where = f"{path}{key}.{index}." if isinstance(value, list) else f"{path}{key}."
            found += unknown_keys(nested, item, where)
    return sorted(found)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, directly or as the items of a list."""
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _describe(error: ValidationError) -> str:
    parts = []
    for detail in error.errors():
        where = ".".join(str(p) for p in detail["loc"]) or "line"
        parts.append(f"{where}: {detail['msg']}")
    return "; ".join(parts)


class Loader:
    def __init__(self, store: Store, clock: Clock, progress: Progress | None = None):
        self._store = store
        self._clock = clock
        self._progress = progress or (lambda file, done, total: None)

    async def load_folder(self, folder: Path) -> LoadSummary:
        """Load every known file present in `folder`; raise LoadFailed after loading the
        good files if any file had bad lines."""
        summary, errors = LoadSummary(), []
        present = [kind for kind in FILES if (folder / kind.name).is_file()]
        if not present:
            raise FileNotFoundError(f"{folder} holds none of: {', '.join(k.name for k in FILES)}")
        for kind in present:
            items, file_errors = parse_file(folder / kind.name, kind)
            lines = len(items) + len(file_errors)  # parsing reports at most one error a line
            if not file_errors:
                file_errors = await self._check_references(kind, items)
            if file_errors:
                errors.extend(file_errors)
                summary.add(kind.name, rejected=lines)
                continue
            await self._load(kind, [item for _, item in items], summary)
        if errors:
            raise LoadFailed(errors, summary)
        return summary

    async def _check_references(self, kind: FileKind, items: list[tuple[int, Any]]):
        errors: list[LineError] = []
        keys: dict[Any, int] = {}
        for number, item in items:
            key = _line_key(item)
            if key in keys:
                errors.append(LineError(kind.name, number, f"repeats line {keys[key]}"))
            keys.setdefault(key, number)
        if kind.model is School:
            errors += await self._missing(kind, items, Lea, lambda s: [s.lea_entity_id], "LEA")
        if kind.model is RecordLine:
            errors += await self._check_records(kind, items)
        return errors

    async def _missing(self, kind, items, model, refs, what) -> list[LineError]:
        wanted = {ref for _, item in items for ref in refs(item)}
        found = await self._store.reference.many(model, wanted)
        return [
            LineError(kind.name, number, f"unknown {what} {ref}")
            for number, item in items
            for ref in refs(item)
            if ref not in found
        ]

    async def _check_records(self, kind, items) -> list[LineError]:
        errors = await self._missing(kind, items, Student, lambda r: [r.suid], "student")
        errors += await self._missing(kind, items, School, lambda r: [r.school_entity_id], "school")
        programs = await self._store.reference.many(Program, {r.program_number for _, r in items})
        for number, record in items:
            program = programs.get(record.program_number)
            if program is None:
                errors.append(
                    LineError(kind.name, number, f"unknown program {record.program_number}")
                )
                continue
            seen = Counter(c.course_number for c in record.courses)
            for course in record.courses:
                if program.course(course.course_number) is None:
                    errors.append(
                        LineError(
                            kind.name,
                            number,
                            f"course {course.course_number} "
                            f"is not in program {program.program_number}",
                        )
                    )
            errors += [
                LineError(kind.name, number, f"course {c} is listed twice")
                for c, n in seen.items()
                if n > 1
            ]
        return sorted(errors, key=lambda e: e.line)

    async def _load(self, kind: FileKind, items: list[Any], summary: LoadSummary) -> None:
        if kind.model is FiscalYearDates:
            for dates in items:
                await self._store.calendar.save(dates)
            summary.add(kind.name, loaded=len(items))
        elif kind.model is RecordLine:
            await self._load_records(kind.name, items, summary)
        else:
            before = {}
            if kind.model in (Program, Student):
                before = await self._store.reference.many(kind.model, map(_line_key, items))
            inserted, updated = await self._store.reference.upsert(items)
            summary.add(
                kind.name,
                inserted=inserted,
                updated=updated,
                unchanged=len(items) - inserted - updated,
            )
            changed = [i for i in items if _line_key(i) in before and before[_line_key(i)] != i]
            await self._refresh_flags(kind.model, changed)
        self._progress(kind.name, len(items), len(items))

    async def _refresh_flags(self, model, changed: list) -> None:
        """A changed program or student can change the flags of existing records."""
        if not changed:
            return
        if model is Program:
            records = await self._store.records.of_programs(p.program_number for p in changed)
        else:
            records = await self._store.records.of_students(s.suid for s in changed)
        await RecordWriter(self._store, self._clock).refresh(records)

    async def _load_records(self, file: str, lines: list[RecordLine], summary: LoadSummary):
        writer = RecordWriter(self._store, self._clock)
        existing = {
            r.key: r for r in await self._store.records.of_students(line.suid for line in lines)
        }
        for done, line in enumerate(lines, start=1):
            outcome = await writer.write_line(line, existing.get(_line_key(line)))
            summary.add(file, **{outcome: 1})
            if done % 500 == 0 or done == len(lines):
                self._progress(file, done, len(lines))


def _line_key(item: Any):
    if isinstance(item, RecordLine):
        return item.key
    for attribute in ("program_number", "entity_id", "suid", "fiscal_year"):
        if hasattr(item, attribute):
            return getattr(item, attribute)
    raise TypeError(type(item))


class RecordWriter:
    """Writes records from lines, keeping approved insertions, with flags computed."""

    def __init__(self, store: Store, clock: Clock):
        self._store = store
        self._clock = clock
        self._programs: dict[str, Program] = {}
        self._students: dict[str, Student] = {}

    async def _context(self, suid: str, program_number: str) -> tuple[Program, Student]:
        if program_number not in self._programs:
            self._programs[program_number] = await self._store.reference.one(
                Program, program_number
            )
        if suid not in self._students:
            self._students[suid] = await self._store.reference.one(Student, suid)
        return self._programs[program_number], self._students[suid]

    async def write_line(self, line: RecordLine, existing: ParticipantRecord | None) -> str:
        """Insert or update one record; returns "inserted", "updated" or "unchanged"."""
        program, student = await self._context(line.suid, line.program_number)
        reported = {c.course_number: c.credits for c in line.courses}
        if existing is None:
            await self._store.records.insert(_new_record(line, program, student, self._clock()))
            return "inserted"

        def set_reported(record: ParticipantRecord):
            courses = _merge_reported(record.courses, reported)
            return None if courses == record.courses else courses

        updated = await update_courses(
            self._store, existing, set_reported, program=program, student=student, now=self._clock()
        )
        return "unchanged" if updated is existing else "updated"

    async def refresh(self, records: Iterable[ParticipantRecord]) -> None:
        """Rewrite the records whose stored flags no longer follow from their program and
        student (the courses stay as they are; `update_courses` recomputes the flags)."""
        for record in records:
            program, student = await self._context(record.suid, record.program_number)
            await update_courses(
                self._store,
                record,
                _keep_if_stale(program, student),
                program=program,
                student=student,
                now=self._clock(),
            )


def _keep_if_stale(program: Program, student: Student):
    def change(record: ParticipantRecord):
        stale = compute_flags(program, record.courses, student, record.fiscal_year) != record.status
        return record.courses if stale else None

    return change


def _merge_reported(courses, reported: dict[str, Decimal]) -> tuple[CourseCredit, ...]:
    """Reported credits from the file; inserted credits kept, also on courses the file drops."""
    merged = [
        c.model_copy(update={"reported_credits": reported.get(c.course_number, Decimal(0))})
        for c in courses
        if c.course_number in reported or c.insertions
    ]
    known = {c.course_number for c in merged}
    merged += [
        CourseCredit(course_number=n, reported_credits=v)
        for n, v in reported.items()
        if n not in known
    ]
    return tuple(merged)


def _new_record(line: RecordLine, program: Program, student: Student, now) -> ParticipantRecord:
    blank = ParticipantRecord(
        id=new_record_id(),
        suid=line.suid,
        school_entity_id=line.school_entity_id,
        fiscal_year=line.fiscal_year,
        program_number=line.program_number,
        courses=(),
        status=StatusFlags(),
        version=0,
        updated_at=now,
    )
    courses = tuple(
        CourseCredit(course_number=c.course_number, reported_credits=c.credits)
        for c in line.courses
    )
    return with_courses(blank, courses, program, student, now)

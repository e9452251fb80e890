"""Loading a folder of JSON Lines files (domain.md's formats) into the store.

Each file is validated whole before anything of it is written: a bad line is reported with
its file, line number and what is wrong, and nothing of that file is loaded. Loading again
upserts by natural key; records keep their approved insertions and get their flags computed.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, Field, ValidationError, field_validator

from .access import EVERYTHING
from .clock import Clock
from .fiscal import arizona_today
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
from .record_updates import CourseChange, update_courses, with_courses
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
    """One kind of file: its line model, the natural key of a line, what its lines must
    refer to, and how its lines are written."""

    name: str
    model: type[BaseModel]
    key: Callable[[Any], Hashable]
    references: Callable[[Loader, FileKind, list[tuple[int, Any]]], Awaitable[list[LineError]]]
    load: Callable[[Loader, FileKind, list[Any], LoadSummary], Awaitable[None]]


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
    counts: dict[str, Counter[str]] = field(default_factory=dict)

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
                file_errors = _repeats(kind, items) + await kind.references(self, kind, items)
            if file_errors:
                errors.extend(file_errors)
                summary.add(kind.name, rejected=lines)
                continue
            await kind.load(self, kind, [item for _, item in items], summary)
            self._progress(kind.name, len(items), len(items))
        if errors:
            raise LoadFailed(errors, summary)
        return summary

    # --- what lines must refer to -----------------------------------------------------------

    async def _no_references(self, kind: FileKind, items: list[tuple[int, Any]]) -> list[LineError]:
        return []

    async def _school_references(
        self, kind: FileKind, items: list[tuple[int, School]]
    ) -> list[LineError]:
        leas = await self._store.reference.leas(EVERYTHING, {s.lea_entity_id for _, s in items})
        return _unknown(kind, items, lambda s: s.lea_entity_id, leas, "LEA")

    async def _record_references(
        self, kind: FileKind, items: list[tuple[int, RecordLine]]
    ) -> list[LineError]:
        reference = self._store.reference
        students = await reference.students(EVERYTHING, {r.suid for _, r in items})
        schools = await reference.schools(EVERYTHING, {r.school_entity_id for _, r in items})
        programs = await reference.programs({r.program_number for _, r in items})
        errors = _unknown(kind, items, lambda r: r.suid, students, "student")
        errors += _unknown(kind, items, lambda r: r.school_entity_id, schools, "school")
        for number, record in items:
            errors += _course_problems(kind, number, record, programs.get(record.program_number))
        return sorted(errors, key=lambda e: e.line)

    # --- writing ----------------------------------------------------------------------------

    async def _upsert(
        self,
        kind: FileKind,
        items: list[Any],
        summary: LoadSummary,
        read: Callable[[list[Any]], Awaitable[Mapping[Any, Any]]] | None = None,
    ) -> list[Any]:
        """Insert or replace the items; returns those that replaced a different item (as
        `read` finds the stored ones), whose dependants may need bringing in line."""
        keys = [kind.key(i) for i in items]
        before = await read(keys) if read else {}
        inserted, updated = await self._store.reference.upsert(items)
        summary.add(
            kind.name, inserted=inserted, updated=updated, unchanged=len(items) - inserted - updated
        )
        return [i for i in items if kind.key(i) in before and before[kind.key(i)] != i]

    async def _load_programs(
        self, kind: FileKind, items: list[Program], summary: LoadSummary
    ) -> None:
        """A changed program can change the flags of its records."""
        changed = await self._upsert(kind, items, summary, self._store.reference.programs)
        numbers = [p.program_number for p in changed]
        records = await self._store.records.of_programs(EVERYTHING, numbers)
        if recomputed := await self._refresh(records):
            summary.add(kind.name, recomputed=recomputed)

    async def _load_leas(self, kind: FileKind, items: list[Lea], summary: LoadSummary) -> None:
        await self._upsert(kind, items, summary)

    async def _load_schools(
        self, kind: FileKind, items: list[School], summary: LoadSummary
    ) -> None:
        """A school that moved to another LEA takes its records along."""
        read = partial(self._store.reference.schools, EVERYTHING)
        for school in await self._upsert(kind, items, summary, read):
            await self._store.records.move_school(school.entity_id, school.lea_entity_id)

    async def _load_students(
        self, kind: FileKind, items: list[Student], summary: LoadSummary
    ) -> None:
        """A changed student (an exit date) can change the flags of their records."""
        read = partial(self._store.reference.students, EVERYTHING)
        changed = await self._upsert(kind, items, summary, read)
        suids = [s.suid for s in changed]
        records = await self._store.records.of_students(EVERYTHING, suids)
        if recomputed := await self._refresh(records):
            summary.add(kind.name, recomputed=recomputed)

    async def _refresh(self, records: list[ParticipantRecord]) -> int:
        """Recompute the flags of `records`; how many changed."""
        return await RecordWriter(self._store, self._clock).refresh(records) if records else 0

    async def _load_calendar(
        self, kind: FileKind, items: list[FiscalYearDates], summary: LoadSummary
    ) -> None:
        for dates in items:
            await self._store.calendar.save(dates)
        summary.add(kind.name, loaded=len(items))

    async def _load_records(
        self, kind: FileKind, lines: list[RecordLine], summary: LoadSummary
    ) -> None:
        """Write the lines, then bring the students' other records in line: a new later
        record can take an earlier one off a placement survey list."""
        writer = RecordWriter(self._store, self._clock)
        suids = [line.suid for line in lines]
        stored = await self._store.records.of_students(EVERYTHING, suids)
        existing = {r.key: r for r in stored}
        years = years_by_student_and_program([*stored, *lines])
        for done, line in enumerate(lines, start=1):
            other_years = years[(line.suid, line.program_number)] - {line.fiscal_year}
            outcome = await writer.write_line(line, existing.get(line.key), other_years)
            summary.add(kind.name, **{outcome: 1})
            if done % 500 == 0:
                self._progress(kind.name, done, len(lines))
        written = {line.key for line in lines}
        others = [r for r in stored if r.key not in written]
        if others:
            await writer.refresh(await self._store.records.of_students(EVERYTHING, suids))


# In dependency order: what a line refers to is loaded before it.
FILES = (
    FileKind(
        "programs.jsonl",
        Program,
        lambda p: p.program_number,
        Loader._no_references,
        Loader._load_programs,
    ),
    FileKind(
        "leas.jsonl", Lea, lambda lea: lea.entity_id, Loader._no_references, Loader._load_leas
    ),
    FileKind(
        "schools.jsonl",
        School,
        lambda s: s.entity_id,
        Loader._school_references,
        Loader._load_schools,
    ),
    FileKind(
        "students.jsonl", Student, lambda s: s.suid, Loader._no_references, Loader._load_students
    ),
    FileKind(
        "fiscal_years.jsonl",
        FiscalYearDates,
        lambda d: d.fiscal_year,
        Loader._no_references,
        Loader._load_calendar,
    ),
    FileKind(
        "records.jsonl",
        RecordLine,
        lambda r: r.key,
        Loader._record_references,
        Loader._load_records,
    ),
)


def _repeats(kind: FileKind, items: list[tuple[int, Any]]) -> list[LineError]:
    """A natural key given twice in one file is refused: which line should win is unclear."""
    errors: list[LineError] = []
    seen: dict[Hashable, int] = {}
    for number, item in items:
        key = kind.key(item)
        if key in seen:
            errors.append(LineError(kind.name, number, f"repeats line {seen[key]}"))
        seen.setdefault(key, number)
    return errors


def _unknown(
    kind: FileKind,
    items: list[tuple[int, Any]],
    ref: Callable[[Any], Hashable],
    found: Mapping[Any, Any],
    what: str,
) -> list[LineError]:
    return [
        LineError(kind.name, number, f"unknown {what} {ref(item)}")
        for number, item in items
        if ref(item) not in found
    ]


def _course_problems(
    kind: FileKind, number: int, record: RecordLine, program: Program | None
) -> list[LineError]:
    if program is None:
        return [LineError(kind.name, number, f"unknown program {record.program_number}")]
    errors = [
        LineError(
            kind.name,
            number,
            f"course {c.course_number} is not in program {program.program_number}",
        )
        for c in record.courses
        if program.course(c.course_number) is None
    ]
    seen = Counter(c.course_number for c in record.courses)
    errors += [
        LineError(kind.name, number, f"course {c} is listed twice")
        for c, n in seen.items()
        if n > 1
    ]
    return errors


class RecordWriter:
    """Writes records from lines, keeping approved insertions, with flags computed."""

    def __init__(self, store: Store, clock: Clock):
        self._store = store
        self._clock = clock
        self._programs: dict[str, Program] = {}
        self._students: dict[str, Student] = {}
        self._schools: dict[int, School] = {}

    async def _program_and_student(self, suid: str, program_number: str) -> tuple[Program, Student]:
        reference = self._store.reference
        if program_number not in self._programs:
            self._programs.update(await reference.programs([program_number]))
        if suid not in self._students:
            self._students.update(await reference.students(EVERYTHING, [suid]))
        return self._programs[program_number], self._students[suid]

    async def _school(self, entity_id: int) -> School:
        if entity_id not in self._schools:
            self._schools.update(await self._store.reference.schools(EVERYTHING, [entity_id]))
        return self._schools[entity_id]

    async def write_line(
        self, line: RecordLine, existing: ParticipantRecord | None, other_years: set[int]
    ) -> str:
        """Insert or update one record (`other_years`: those of the student's other records
        in the program); returns "inserted", "updated" or "unchanged"."""
        program, student = await self._program_and_student(line.suid, line.program_number)
        reported = {c.course_number: c.credits for c in line.courses}
        now = self._clock()
        if existing is None:
            school = await self._school(line.school_entity_id)
            record = _new_record(line, school, program, student, now, other_years)
            await self._store.records.insert(record)
            return "inserted"

        def set_reported(record: ParticipantRecord) -> tuple[CourseCredit, ...] | None:
            courses = _merge_reported(record.courses, reported)
            return None if courses == record.courses else courses

        updated = await update_courses(
            self._store,
            existing,
            set_reported,
            program=program,
            student=student,
            now=now,
            other_years=other_years,
        )
        return "unchanged" if updated is existing else "updated"

    async def refresh(self, records: Iterable[ParticipantRecord]) -> int:
        """Rewrite the records whose stored flags no longer follow from their program, their
        student and the student's other records in the program, which `records` must hold
        (the courses stay as they are; `update_courses` recomputes the flags). Returns how
        many were rewritten."""
        records = list(records)
        years = years_by_student_and_program(records)
        today = arizona_today(self._clock())
        rewritten = 0
        for record in records:
            program, student = await self._program_and_student(record.suid, record.program_number)
            other_years = years[(record.suid, record.program_number)] - {record.fiscal_year}
            written = await update_courses(
                self._store,
                record,
                _keep_if_stale(program, student, other_years, today),
                program=program,
                student=student,
                now=self._clock(),
                other_years=other_years,
            )
            rewritten += written is not record
        return rewritten


def years_by_student_and_program(
    records: Iterable[ParticipantRecord | RecordLine],
) -> defaultdict[tuple[str, str], set[int]]:
    years: defaultdict[tuple[str, str], set[int]] = defaultdict(set)
    for record in records:
        years[(record.suid, record.program_number)].add(record.fiscal_year)
    return years


def _keep_if_stale(
    program: Program, student: Student, other_years: set[int], today: date
) -> CourseChange:
    def change(record: ParticipantRecord) -> tuple[CourseCredit, ...] | None:
        flags = compute_flags(
            program,
            record.courses,
            student,
            record.fiscal_year,
            other_years=other_years,
            today=today,
        )
        return record.courses if flags != record.status else None

    return change


def _merge_reported(
    courses: tuple[CourseCredit, ...], reported: dict[str, Decimal]
) -> tuple[CourseCredit, ...]:
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


def _new_record(
    line: RecordLine,
    school: School,
    program: Program,
    student: Student,
    now: datetime,
    other_years: set[int],
) -> ParticipantRecord:
    blank = ParticipantRecord(
        id=new_record_id(),
        suid=line.suid,
        school_entity_id=line.school_entity_id,
        lea_entity_id=school.lea_entity_id,
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
    return with_courses(blank, courses, program, student, now, other_years=other_years)

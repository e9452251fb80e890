"""The repository layer: indexes, natural keys, the version check of record writes, and the
one credit write path. Marked `store`: with CTECR_TEST_MONGODB_URI set these run against that
MongoDB (a fresh database per test), otherwise against the in-memory mock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from pymongo.errors import DuplicateKeyError

from domain.access import EVERYTHING as ALL
from domain.models import (
    Course,
    CourseCredit,
    CourseKind,
    FiscalYearDates,
    Lea,
    LeaKind,
    ParticipantRecord,
    Program,
    School,
    StatusFlags,
    Student,
)
from domain.record_updates import update_courses, with_courses
from domain.repository.records import new_record_id
from domain.repository.store import INDEXES
from domain.status import add_credits

pytestmark = pytest.mark.store

NOW = datetime(2026, 11, 28, 19, 0, 0, 123000, tzinfo=UTC)
C1, C2 = "12050010", "12050020"
PROGRAM = Program(
    program_number="12.0500",
    name="Culinary Arts",
    courses=[
        Course(course_number=C1, name="Culinary Arts I", kind=CourseKind.STANDARD, required=True),
        Course(course_number=C2, name="Culinary Arts II", kind=CourseKind.STANDARD, required=True),
    ],
)
STUDENT = Student(suid="1000000001", first_name="Ana", last_name="Ruiz")


@pytest.fixture
async def indexed(store):
    await store.ensure_indexes()
    return store


def record(suid: str = STUDENT.suid, version: int = 1, **credits: str) -> ParticipantRecord:
    courses = tuple(
        CourseCredit(course_number={"c1": C1, "c2": C2}[k], reported_credits=Decimal(v))
        for k, v in credits.items()
    )
    blank = ParticipantRecord(
        id=new_record_id(),
        suid=suid,
        school_entity_id=79012,
        lea_entity_id=4235,
        fiscal_year=2026,
        program_number=PROGRAM.program_number,
        courses=(),
        status=StatusFlags(),
        version=version - 1,
        updated_at=NOW,
    )
    return with_courses(blank, courses, PROGRAM, STUDENT, NOW)


async def test_a_duplicate_record_natural_key_is_refused(indexed):
    await indexed.records.insert(record(c1="1.0"))
    with pytest.raises(DuplicateKeyError):
        await indexed.records.insert(record(c1="0.5"))  # another id, the same natural key
    assert await indexed.records.count(ALL) == 1


async def test_records_differing_in_any_part_of_the_natural_key_coexist(indexed):
    first = record(c1="1.0")
    await indexed.records.insert(first)
    for changes in (
        {"suid": "1000000002"},
        {"school_entity_id": 79013},
        {"fiscal_year": 2025},
        {"program_number": "15.0400"},
    ):
        await indexed.records.insert(first.model_copy(update={"id": new_record_id(), **changes}))
    assert await indexed.records.count(ALL) == 5


@pytest.mark.parametrize(
    ("collection", "document"),
    [
        ("programs", {"programNumber": "12.0500", "name": "x", "courses": []}),
        ("leas", {"entityId": 4235, "name": "x", "kind": "DISTRICT"}),
        ("schools", {"entityId": 79012, "ctds": "070204201", "name": "x", "leaEntityId": 4235}),
        ("students", {"suid": "1000000001", "firstName": "A", "lastName": "B"}),
        ("fiscal_years", {"fiscalYear": 2027}),
    ],
)
async def test_reference_natural_keys_are_unique(indexed, collection, document):
    await indexed.db[collection].insert_one(dict(document))
    with pytest.raises(DuplicateKeyError):
        await indexed.db[collection].insert_one(dict(document))


async def test_every_unique_index_is_created_and_creating_them_again_is_harmless(indexed):
    await indexed.ensure_indexes()
    for collection, indexes in INDEXES.items():
        info = await indexed.db[collection].index_information()
        made = {
            tuple(tuple(k) for k in spec["key"]): spec.get("unique", False)
            for spec in info.values()
        }
        for keys, options in indexes:
            assert made[tuple(tuple(k) for k in keys)] == options.get("unique", False), (
                collection,
                keys,
            )


async def test_replace_writes_when_the_version_matches(indexed):
    stored = record(c1="0.5")
    await indexed.records.insert(stored)
    changed = with_courses(
        stored, add_credits(stored.courses, C1, Decimal("0.5"), "r1", NOW), PROGRAM, STUDENT, NOW
    )
    assert await indexed.records.replace(changed, stored.version) is True
    assert (await indexed.records.by_ids(ALL, [stored.id]))[stored.id] == changed


async def test_replace_refuses_a_stale_version_and_writes_nothing(indexed):
    stored = record(c1="0.5")
    await indexed.records.insert(stored)
    first = with_courses(
        stored, add_credits(stored.courses, C1, Decimal("0.5"), "r1", NOW), PROGRAM, STUDENT, NOW
    )
    second = with_courses(
        stored, add_credits(stored.courses, C2, Decimal("1"), "r2", NOW), PROGRAM, STUDENT, NOW
    )
    assert await indexed.records.replace(first, stored.version) is True
    assert await indexed.records.replace(second, stored.version) is False  # read before `first`
    assert (await indexed.records.by_ids(ALL, [stored.id]))[stored.id] == first


async def test_replace_refuses_a_change_request_applied_already(indexed):
    stored = record(c1="0.5")
    await indexed.records.insert(stored)
    once = with_courses(
        stored,
        add_credits(stored.courses, C1, Decimal("0.5"), "r1", NOW),
        PROGRAM,
        STUDENT,
        NOW,
        applied="r1",
    )
    assert await indexed.records.replace(once, stored.version, applying="r1") is True
    twice = with_courses(
        once,
        add_credits(once.courses, C1, Decimal("0.5"), "r1", NOW),
        PROGRAM,
        STUDENT,
        NOW,
        applied="r1",
    )
    assert await indexed.records.replace(twice, once.version, applying="r1") is False
    assert (await indexed.records.by_ids(ALL, [stored.id]))[stored.id].course(C1).total_credits == 1


async def test_replace_of_an_absent_record_writes_nothing(indexed):
    assert await indexed.records.replace(record(c1="1"), 1) is False
    assert await indexed.records.count(ALL) == 0


def adding(course: str, amount: str, request: str):
    return lambda r: add_credits(r.courses, course, Decimal(amount), request, NOW)


async def test_update_courses_retries_on_a_concurrent_write_and_keeps_both(indexed):
    stored = record(c1="0.5")
    await indexed.records.insert(stored)
    # Another writer lands first, from the same read.
    await update_courses(
        indexed,
        stored,
        adding(C2, "1", "r2"),
        program=PROGRAM,
        student=STUDENT,
        now=NOW,
        applying="r2",
    )
    result = await update_courses(
        indexed,
        stored,
        adding(C1, "0.5", "r1"),
        program=PROGRAM,
        student=STUDENT,
        now=NOW,
        applying="r1",
    )
    assert result.version == stored.version + 2
    assert result.applied_request_ids == ("r2", "r1")
    assert (result.course(C1).total_credits, result.course(C2).total_credits) == (1, 1)
    assert result.status.concentrator is True  # flags recomputed in the same write
    assert (await indexed.records.by_ids(ALL, [stored.id]))[stored.id] == result


async def test_update_courses_applies_a_change_request_exactly_once(indexed):
    stored = record(c1="0.5")
    await indexed.records.insert(stored)
    once = await update_courses(
        indexed,
        stored,
        adding(C1, "0.5", "r1"),
        program=PROGRAM,
        student=STUDENT,
        now=NOW,
        applying="r1",
    )
    # A retry from the stale read and one from the fresh read both leave it alone.
    for base in (stored, once):
        again = await update_courses(
            indexed,
            base,
            adding(C1, "0.5", "r1"),
            program=PROGRAM,
            student=STUDENT,
            now=NOW,
            applying="r1",
        )
        assert again.course(C1).total_credits == Decimal("1.0")
    stored_now = (await indexed.records.by_ids(ALL, [stored.id]))[stored.id]
    assert [i.change_request_id for i in stored_now.course(C1).insertions] == ["r1"]
    assert stored_now.version == once.version


async def test_credits_are_stored_as_strings_and_read_back_exactly(indexed):
    stored = record(c1="0.1")
    await indexed.records.insert(stored)
    updated = await update_courses(
        indexed, stored, adding(C1, "0.2", "r1"), program=PROGRAM, student=STUDENT, now=NOW
    )
    document = await indexed.db.records.find_one({"suid": STUDENT.suid})
    course = document["courses"][0]
    assert course["reportedCredits"] == "0.1"
    assert course["insertions"][0]["credits"] == "0.2"
    read = (await indexed.records.by_ids(ALL, [stored.id]))[stored.id]
    assert read.course(C1).total_credits == Decimal("0.3")
    assert read.updated_at == updated.updated_at == NOW


async def test_by_ids_ignores_ids_that_name_no_record(indexed):
    stored = record(c1="1")
    await indexed.records.insert(stored)
    found = await indexed.records.by_ids(ALL, ["garbage", "", new_record_id(), stored.id])
    assert list(found) == [stored.id]
    assert await indexed.records.by_ids(ALL, ["garbage"]) == {}


async def test_at_school_finds_one_student_school_and_year_by_program(indexed):
    culinary = record(c1="1")
    robotics = culinary.model_copy(update={"id": new_record_id(), "program_number": "15.0400"})
    older = culinary.model_copy(update={"id": new_record_id(), "fiscal_year": 2025})
    elsewhere = culinary.model_copy(update={"id": new_record_id(), "school_entity_id": 6432})
    other = record("1000000002", c1="1")
    for r in (robotics, culinary, older, elsewhere, other):
        await indexed.records.insert(r)
    found = await indexed.records.at_school(ALL, STUDENT.suid, 79012, 2026)
    assert [r.id for r in found] == [culinary.id, robotics.id]


async def test_reference_upsert_inserts_updates_and_leaves_alone(indexed):
    lea = Lea(entity_id=4235, name="Mesa Unified District", kind=LeaKind.DISTRICT)
    school = School(entity_id=79012, ctds="070204201", name="Red Mountain", lea_entity_id=4235)
    assert await indexed.reference.upsert([lea, school]) == (2, 0)
    renamed = school.model_copy(update={"name": "Red Mountain High School"})
    assert await indexed.reference.upsert([lea, renamed]) == (0, 1)
    assert (await indexed.reference.schools(ALL, [79012]))[79012] == renamed
    assert await indexed.reference.leas(ALL, [4235, 9999]) == {4235: lea}


async def test_calendar_save_replaces_one_years_dates(indexed):
    dates = FiscalYearDates(fiscal_year=2027, preliminary_records_created_on=date(2027, 1, 15))
    assert await indexed.calendar.save(dates) is True
    assert await indexed.calendar.save(dates) is False
    final = dates.model_copy(update={"final_records_created_on": date(2027, 4, 1)})
    assert await indexed.calendar.save(final) is True
    assert await indexed.calendar.all() == {2027: final}


async def test_ping_answers(indexed):
    assert await indexed.ping() is True

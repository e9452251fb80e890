"""The JSON Lines loader (domain/loader.py): every kind of bad line is reported with its file
and line number and nothing of that file is loaded; loading again upserts; flags are computed
on load and kept right when reported credits or a student's exit change."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from domain.access import EVERYTHING as ALL
from domain.loader import FILES, Loader, LoadFailed
from domain.models import ParticipantRecord
from domain.record_updates import update_courses
from domain.status import add_credits

C1, C2, C3, CI = "12050010", "12050020", "12050030", "12050090"
CULINARY = "12.0500"
MESA, RED_MOUNTAIN = 4235, 79012
ANA, BEN = "1000000001", "1000000002"

PROGRAMS = [
    {
        "programNumber": CULINARY,
        "name": "Culinary Arts",
        "courses": [
            {"courseNumber": C1, "name": "Culinary Arts I", "kind": "STANDARD", "required": True},
            {"courseNumber": C2, "name": "Culinary Arts II", "kind": "STANDARD", "required": True},
            {
                "courseNumber": C3,
                "name": "Advanced Culinary",
                "kind": "STANDARD",
                "required": False,
            },
            {
                "courseNumber": CI,
                "name": "Culinary Internship",
                "kind": "INTERNSHIP",
                "required": False,
            },
        ],
    }
]
LEAS = [{"entityId": MESA, "name": "Mesa Unified District", "kind": "DISTRICT"}]
SCHOOLS = [
    {
        "entityId": RED_MOUNTAIN,
        "ctds": "070204201",
        "name": "Red Mountain High School",
        "leaEntityId": MESA,
    }
]
STUDENTS = [
    {"suid": ANA, "firstName": "Ana", "lastName": "Ruiz", "exitedOn": None, "exitReason": None},
    {"suid": BEN, "firstName": "Ben", "lastName": "Kim", "exitedOn": None, "exitReason": None},
]
FISCAL_YEARS = [
    {
        "fiscalYear": 2026,
        "preliminaryRecordsCreatedOn": "2025-10-01",
        "finalRecordsCreatedOn": "2026-03-02",
    }
]


def record(suid=ANA, fiscal_year=2026, **credits: str) -> dict:
    """A records.jsonl line; credits by course alias: c1="1.0"."""
    numbers = {"c1": C1, "c2": C2, "c3": C3, "ci": CI}
    return {
        "suid": suid,
        "schoolEntityId": RED_MOUNTAIN,
        "fiscalYear": fiscal_year,
        "programNumber": CULINARY,
        "courses": [{"courseNumber": numbers[k], "credits": v} for k, v in credits.items()],
    }


RECORDS = [record(ANA, c1="1.0", c2="0.5"), record(BEN, c1="1.0", c2="1.0")]

# The loader's upserts and version-checked writes go through the repository: run these on a
# real MongoDB too when CTECR_TEST_MONGODB_URI is set.
pytestmark = pytest.mark.store


def write(folder: Path, name: str, lines: list) -> None:
    """Write a JSON Lines file; a str line is written as is (for malformed lines)."""
    text = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with one good file of every kind."""
    for name, lines in [
        ("programs.jsonl", PROGRAMS),
        ("leas.jsonl", LEAS),
        ("schools.jsonl", SCHOOLS),
        ("students.jsonl", STUDENTS),
        ("fiscal_years.jsonl", FISCAL_YEARS),
        ("records.jsonl", RECORDS),
    ]:
        write(tmp_path, name, lines)
    return tmp_path


@pytest.fixture
async def loader(store, clock) -> Loader:
    await store.ensure_indexes()
    return Loader(store, clock)


async def records_of(store, *suids: str) -> dict[str, ParticipantRecord]:
    return {r.suid: r for r in await store.records.of_students(ALL, suids)}


async def test_a_good_folder_loads_every_file_with_flags_computed(store, loader, folder):
    summary = await loader.load_folder(folder)
    assert {name: dict(counts) for name, counts in summary.counts.items()} == {
        "programs.jsonl": {"inserted": 1, "updated": 0, "unchanged": 0},
        "leas.jsonl": {"inserted": 1, "updated": 0, "unchanged": 0},
        "schools.jsonl": {"inserted": 1, "updated": 0, "unchanged": 0},
        "students.jsonl": {"inserted": 2, "updated": 0, "unchanged": 0},
        "fiscal_years.jsonl": {"loaded": 1},
        "records.jsonl": {"inserted": 2},
    }
    records = await records_of(store, ANA, BEN)
    ana, ben = records[ANA], records[BEN]
    assert ana.course(C2).reported_credits == Decimal("0.5")
    assert (ana.status.participant, ana.status.concentrator) == (True, False)
    assert (ben.status.concentrator, ben.status.completer) == (True, True)
    assert (await store.calendar.all())[2026].final_records_created_on == date(2026, 3, 2)


async def test_a_folder_without_known_files_is_refused(loader, tmp_path):
    (tmp_path / "notes.txt").write_text("nothing to load")
    with pytest.raises(FileNotFoundError):
        await loader.load_folder(tmp_path)


async def load_failure(loader, folder) -> LoadFailed:
    with pytest.raises(LoadFailed) as failure:
        await loader.load_folder(folder)
    return failure.value


def located(failure: LoadFailed) -> list[tuple[str, int]]:
    return [(e.file, e.line) for e in failure.errors]


def fy2025(**changes) -> dict:
    """A record line of its own natural key (FY2025, so that it repeats no other line)."""
    return {**record(fiscal_year=2025, c1="1.0"), **changes}


BAD_RECORD_LINES = {
    "bad JSON": ('{"suid": "1000000001", "schoolEntityId": 79012,', "invalid JSON"),
    "missing field": ({k: v for k, v in fy2025().items() if k != "fiscalYear"}, "fiscalYear"),
    "float credits": (fy2025(courses=[{"courseNumber": C1, "credits": 1.0}]), "must be a string"),
    "negative credits": (fy2025(courses=[{"courseNumber": C1, "credits": "-0.5"}]), "0 or more"),
    "not a number": (fy2025(courses=[{"courseNumber": C1, "credits": "one"}]), "not a decimal"),
    "unknown field": (fy2025(status={"participant": True}), "unknown field(s): status"),
    "unknown student": (fy2025(suid="1999999999"), "unknown student 1999999999"),
    "unknown school": (fy2025(schoolEntityId=12345), "unknown school 12345"),
    "unknown program": (fy2025(programNumber="99.9999"), "unknown program 99.9999"),
    "course not in program": (
        fy2025(courses=[{"courseNumber": "51390010", "credits": "1.0"}]),
        "course 51390010 is not in program 12.0500",
    ),
    "duplicate natural key": (record(ANA, c1="0.25"), "repeats line 1"),
    "a line that is not an object": ('["suid", "1000000001"]', "one JSON object"),
}


@pytest.mark.parametrize("bad", list(BAD_RECORD_LINES), ids=list(BAD_RECORD_LINES))
async def test_a_bad_record_line_is_located_and_nothing_of_its_file_is_loaded(
    store, loader, folder, bad
):
    line, message = BAD_RECORD_LINES[bad]
    write(folder, "records.jsonl", [*RECORDS, line])
    failure = await load_failure(loader, folder)
    assert located(failure) == [("records.jsonl", 3)]
    assert message in failure.errors[0].message
    assert str(failure.errors[0]).startswith("records.jsonl:3: ")
    assert await store.records.count(ALL) == 0  # the two good lines were not loaded either
    # The other files did load.
    assert set(await store.reference.students(ALL, [ANA, BEN])) == {ANA, BEN}
    assert failure.summary.counts["records.jsonl"]["rejected"] == 3


async def test_a_bad_line_names_every_bad_line_of_the_file(store, loader, folder):
    write(folder, "records.jsonl", ["{oops", RECORDS[0], record(c1="1.0", c2="x"), RECORDS[1]])
    failure = await load_failure(loader, folder)
    assert located(failure) == [("records.jsonl", 1), ("records.jsonl", 3)]
    assert await store.records.count(ALL) == 0


async def test_blank_lines_are_skipped_and_line_numbers_stay_true(store, loader, folder):
    write(folder, "records.jsonl", [RECORDS[0], "", record(BEN, c1="1.0", c2="1.0", c3="-1")])
    failure = await load_failure(loader, folder)
    assert located(failure) == [("records.jsonl", 3)]


async def test_a_course_listed_twice_on_a_line_is_refused(store, loader, folder):
    twice = {
        **record(),
        "courses": [{"courseNumber": C1, "credits": "1.0"}, {"courseNumber": C1, "credits": "0.5"}],
    }
    write(folder, "records.jsonl", [twice])
    failure = await load_failure(loader, folder)
    assert located(failure) == [("records.jsonl", 1)]
    assert "listed twice" in failure.errors[0].message


async def test_an_unknown_field_inside_a_course_entry_is_refused(store, loader, folder):
    # An export with inserted credits must not load with the insertions silently dropped.
    nested = fy2025(courses=[{"courseNumber": C1, "credits": "1.0", "insertedCredits": "0.5"}])
    write(folder, "records.jsonl", [RECORDS[0], nested])
    failure = await load_failure(loader, folder)
    assert located(failure) == [("records.jsonl", 2)]
    assert "insertedCredits" in failure.errors[0].message
    assert await store.records.count(ALL) == 0


async def test_an_unknown_field_inside_a_program_course_is_refused(store, loader, folder):
    course = {**PROGRAMS[0]["courses"][0], "credits": "1.0"}
    write(folder, "programs.jsonl", [{**PROGRAMS[0], "courses": [course]}])
    failure = await load_failure(loader, folder)
    assert ("programs.jsonl", 1) in located(failure)
    assert "courses.0.credits" in failure.errors[0].message
    assert await store.reference.all_programs() == []


async def test_a_bad_student_line_keeps_the_whole_student_file_out(store, loader, folder):
    missing_name = {k: v for k, v in STUDENTS[1].items() if k != "lastName"}
    write(folder, "students.jsonl", [STUDENTS[0], missing_name])
    failure = await load_failure(loader, folder)
    assert ("students.jsonl", 2) in located(failure)
    assert "lastName" in next(e.message for e in failure.errors if e.file == "students.jsonl")
    assert await store.reference.students(ALL, [ANA, BEN]) == {}
    # Programs, LEAs and schools still loaded; the records refer to absent students.
    assert RED_MOUNTAIN in await store.reference.schools(ALL, [RED_MOUNTAIN])
    assert {e.file for e in failure.errors} == {"students.jsonl", "records.jsonl"}
    assert await store.records.count(ALL) == 0


async def test_a_school_of_an_unknown_lea_is_refused(store, loader, folder):
    write(
        folder,
        "schools.jsonl",
        [SCHOOLS[0], {**SCHOOLS[0], "entityId": 79013, "ctds": "070204202", "leaEntityId": 4999}],
    )
    failure = await load_failure(loader, folder)
    assert ("schools.jsonl", 2) in located(failure)
    assert "unknown LEA 4999" in failure.errors[0].message
    assert await store.reference.schools(ALL, [RED_MOUNTAIN, 79013]) == {}
    assert MESA in await store.reference.leas(ALL, [MESA])


async def test_a_duplicate_program_number_is_refused(store, loader, folder):
    write(folder, "programs.jsonl", [PROGRAMS[0], {**PROGRAMS[0], "name": "Culinary Again"}])
    failure = await load_failure(loader, folder)
    assert ("programs.jsonl", 2) in located(failure)
    assert "repeats line 1" in failure.errors[0].message
    assert await store.reference.all_programs() == []


async def test_loading_the_same_folder_twice_makes_no_duplicates(store, loader, folder):
    await loader.load_folder(folder)
    first = await records_of(store, ANA, BEN)
    summary = await loader.load_folder(folder)
    assert summary.counts["records.jsonl"] == {"unchanged": 2}
    assert summary.counts["students.jsonl"]["unchanged"] == 2
    assert summary.counts["students.jsonl"]["inserted"] == 0
    assert await store.records.count(ALL) == 2
    assert len(await store.reference.all_programs()) == 1
    assert len(await store.calendar.all()) == 1
    assert await records_of(store, ANA, BEN) == first  # not even the version moved


async def insert_credits(store, record: ParticipantRecord, course: str, amount: str, request: str):
    """Apply an approved insertion through the one credit write path."""
    program = (await store.reference.programs([record.program_number]))[record.program_number]
    student = (await store.reference.students(ALL, [record.suid]))[record.suid]
    approved_at = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
    return await update_courses(
        store,
        record,
        lambda r: add_credits(r.courses, course, Decimal(amount), request, approved_at),
        program=program,
        student=student,
        now=approved_at,
        applying=request,
    )


async def test_reloading_changed_reported_credits_keeps_approved_insertions(store, loader, folder):
    await loader.load_folder(folder)
    ana = (await records_of(store, ANA))[ANA]
    with_insert = await insert_credits(store, ana, C2, "0.25", "request-1")
    assert with_insert.status.concentrator is False  # C2 is at 0.75

    # The portal now reports 0.75 in C2 and drops C1 but adds C3.
    write(folder, "records.jsonl", [record(ANA, c2="0.75", c3="1.0"), RECORDS[1]])
    summary = await loader.load_folder(folder)
    assert summary.counts["records.jsonl"] == {"updated": 1, "unchanged": 1}

    reloaded = (await records_of(store, ANA))[ANA]
    c2 = reloaded.course(C2)
    assert c2.reported_credits == Decimal("0.75")
    assert [i.change_request_id for i in c2.insertions] == ["request-1"]
    assert c2.total_credits == Decimal("1.00")
    assert reloaded.course(C1) is None  # no insertions there: it goes with the file
    assert reloaded.applied_request_ids == ("request-1",)
    assert (
        reloaded.status.participant,
        reloaded.status.concentrator,
        reloaded.status.completer,
    ) == (True, True, False)
    assert reloaded.version == with_insert.version + 1
    assert await store.records.count(ALL) == 2


async def test_reloading_keeps_insertions_on_a_course_the_file_drops(store, loader, folder):
    await loader.load_folder(folder)
    ana = (await records_of(store, ANA))[ANA]
    await insert_credits(store, ana, C3, "1.0", "request-9")
    write(folder, "records.jsonl", [record(ANA, c1="1.0"), RECORDS[1]])
    await loader.load_folder(folder)
    reloaded = (await records_of(store, ANA))[ANA]
    c3 = reloaded.course(C3)
    assert (c3.reported_credits, c3.inserted_credits) == (Decimal(0), Decimal("1.0"))
    assert reloaded.course(C2) is None
    assert reloaded.status.concentrator is True  # C1 and C3 (inserted)


async def test_a_student_reload_with_an_exit_recomputes_placement_eligibility(
    store, loader, folder
):
    await loader.load_folder(folder)
    assert (await records_of(store, BEN))[BEN].status.placement_survey_eligible is False

    left = {**STUDENTS[1], "exitedOn": "2026-05-28", "exitReason": "GRADUATED"}
    write(folder, "students.jsonl", [STUDENTS[0], left])
    (folder / "records.jsonl").unlink()  # only the student file changes
    summary = await loader.load_folder(folder)
    assert summary.counts["students.jsonl"]["updated"] == 1
    records = await records_of(store, ANA, BEN)
    assert records[BEN].status.placement_survey_eligible is True
    assert records[ANA].status.placement_survey_eligible is False  # not a concentrator

    # Leaving in the summer after moves him to the next year's list (his latest record is
    # FY2026's); an exit before the record's year takes him off.
    write(folder, "students.jsonl", [STUDENTS[0], {**left, "exitedOn": "2026-07-01"}])
    await loader.load_folder(folder)
    assert (await records_of(store, BEN))[BEN].status.placement_fiscal_year == 2027
    write(folder, "students.jsonl", [STUDENTS[0], {**left, "exitedOn": "2025-06-30"}])
    await loader.load_folder(folder)
    assert (await records_of(store, BEN))[BEN].status.placement_survey_eligible is False


async def test_the_loader_knows_every_file_of_domain_md():
    assert [kind.name for kind in FILES] == [
        "programs.jsonl",
        "leas.jsonl",
        "schools.jsonl",
        "students.jsonl",
        "fiscal_years.jsonl",
        "records.jsonl",
    ]


async def test_a_fiscal_year_whose_final_records_precede_its_preliminary_ones_is_refused(
    store, loader, folder
):
    write(
        folder,
        "fiscal_years.jsonl",
        [
            {
                "fiscalYear": 2026,
                "preliminaryRecordsCreatedOn": "2025-10-01",
                "finalRecordsCreatedOn": "2025-09-30",
            }
        ],
    )
    failure = await load_failure(loader, folder)
    assert located(failure) == [("fiscal_years.jsonl", 1)]
    assert "before (or without) preliminary" in failure.errors[0].message
    assert await store.calendar.all() == {}


async def test_a_program_reload_that_changes_what_counts_recomputes_the_records_flags(
    store, loader, folder
):
    """Ben (C1 1.0, C2 1.0) is a completer; once the list says C2 does not count toward
    concentrator he is neither, and the summary says how many records were recomputed."""
    await loader.load_folder(folder)
    assert (await records_of(store, BEN))[BEN].status.completer is True
    courses = [
        {**c, "countsTowardConcentrator": c["courseNumber"] != C2} for c in PROGRAMS[0]["courses"]
    ]
    write(folder, "programs.jsonl", [{**PROGRAMS[0], "courses": courses}])
    summary = await loader.load_folder(folder)
    assert summary.counts["programs.jsonl"]["recomputed"] == 1  # Ben; Ana's flags stay
    ben = (await records_of(store, BEN))[BEN]
    assert (ben.status.concentrator, ben.status.completer) == (False, False)


async def test_the_import_takes_a_program_off_the_list_and_puts_it_back(store, loader, folder):
    write(folder, "programs.jsonl", [{**PROGRAMS[0], "onApprovedList": False}])
    await loader.load_folder(folder)
    [program] = await store.reference.all_programs()
    assert program.on_approved_list is False
    assert len(await records_of(store, ANA, BEN)) == 2  # records and program are kept
    write(folder, "programs.jsonl", PROGRAMS)
    await loader.load_folder(folder)
    assert (await store.reference.all_programs())[0].on_approved_list is True

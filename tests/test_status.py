"""Status rules (domain/status.py): every clause of participant, concentrator, completer and
placement-survey eligibility, exact decimals, and adding credits."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from domain.models import Course, CourseCredit, CourseKind, CreditInsertion, Program, Student
from domain.status import add_credits, compute_flags

S1, S2, S3, INTERN, COOP = "10000010", "10000020", "10000030", "10000090", "10000095"
FY = 2026

PROGRAM = Program(
    program_number="10.0000",
    name="Test Program",
    courses=[
        Course(course_number=S1, name="Standard I", kind=CourseKind.STANDARD, required=True),
        Course(course_number=S2, name="Standard II", kind=CourseKind.STANDARD, required=True),
        Course(course_number=S3, name="Standard III", kind=CourseKind.STANDARD, required=False),
        Course(course_number=INTERN, name="Internship", kind=CourseKind.INTERNSHIP, required=False),
        Course(
            course_number=COOP, name="Co-op", kind=CourseKind.COOPERATIVE_EDUCATION, required=False
        ),
    ],
)
STAYING = Student(suid="1000000001", first_name="Ana", last_name="Ruiz")
APPROVED_AT = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)


def exited(on: date) -> Student:
    return STAYING.model_copy(update={"exited_on": on})


def credits(**by_course: str) -> list[CourseCredit]:
    """Course credits from keyword arguments such as s1="1.0"."""
    numbers = {"s1": S1, "s2": S2, "s3": S3, "intern": INTERN, "coop": COOP}
    return [
        CourseCredit(course_number=numbers[k], reported_credits=Decimal(v))
        for k, v in by_course.items()
    ]


def flags(courses, student=STAYING, program=PROGRAM, fiscal_year=FY):
    return compute_flags(program, courses, student, fiscal_year)


def inserted(course: CourseCredit, *amounts: str) -> CourseCredit:
    return course.model_copy(
        update={
            "insertions": tuple(
                CreditInsertion(
                    change_request_id=f"r{i}", credits=Decimal(a), approved_at=APPROVED_AT
                )
                for i, a in enumerate(amounts)
            )
        }
    )


# Participant


def test_participant_needs_one_course_at_one_credit():
    assert flags(credits(s1="1.0")).participant is True
    assert flags(credits(s1="0.99")).participant is False


def test_participant_does_not_add_credits_across_courses():
    assert flags(credits(s1="0.5", s2="0.5")).participant is False


def test_participant_counts_internship_and_cooperative_education():
    assert flags(credits(intern="1.0")).participant is True
    assert flags(credits(coop="1.0")).participant is True


def test_no_courses_is_no_status():
    result = flags([])
    assert not (
        result.participant
        or result.concentrator
        or result.completer
        or result.placement_survey_eligible
    )


def test_courses_outside_the_program_do_not_count():
    outside = [CourseCredit(course_number="99999999", reported_credits=Decimal(5))]
    assert flags(outside).participant is False


# Concentrator


def test_concentrator_needs_two_distinct_standard_courses_at_one_credit():
    assert flags(credits(s1="1.0", s2="1.0")).concentrator is True
    assert flags(credits(s1="1.0", s3="1.0")).concentrator is True  # optional course counts
    assert flags(credits(s1="1.0", s2="0.75")).concentrator is False
    assert flags(credits(s1="2.0")).concentrator is False  # one course, however many credits


def test_concentrator_excludes_internship_and_cooperative_education():
    assert flags(credits(s1="1.0", intern="1.0")).concentrator is False
    assert flags(credits(s1="1.0", coop="1.0")).concentrator is False
    assert flags(credits(intern="1.0", coop="1.0")).concentrator is False
    assert flags(credits(s1="1.0", intern="1.0")).participant is True


# Completer


def test_completer_needs_every_required_course_at_one_credit():
    assert flags(credits(s1="1.0", s2="1.0")).completer is True
    assert flags(credits(s1="1.0", s2="0.5", s3="1.0")).completer is False
    assert flags(credits(s1="1.0", s3="1.0", intern="1.0")).completer is False


def test_which_courses_count_toward_concentrator_is_data_of_the_program_list():
    """An internship that the list says counts, and a standard course that it says does not."""
    courses = [
        c.model_copy(update={"counts_toward_concentrator": c.course_number != S3})
        for c in PROGRAM.courses
    ]
    listed = PROGRAM.model_copy(update={"courses": courses})
    assert flags(credits(s1="1.0", intern="1.0"), program=listed).concentrator is True
    assert flags(credits(s1="1.0", s3="1.0"), program=listed).concentrator is False


def test_a_course_counts_by_its_kind_when_the_list_does_not_say():
    def course(kind: CourseKind) -> Course:
        return Course.model_validate(
            {"courseNumber": "1", "name": "C", "kind": kind, "required": False}
        )

    assert course(CourseKind.STANDARD).counts_toward_concentrator is True
    assert course(CourseKind.INTERNSHIP).counts_toward_concentrator is False
    assert course(CourseKind.COOPERATIVE_EDUCATION).counts_toward_concentrator is False


def test_no_record_is_completer_without_being_concentrator():
    """A one-course sequence, and a sequence whose second course is an internship."""
    one_course = PROGRAM.model_copy(
        update={
            "courses": [
                c.model_copy(update={"required": c.course_number == S1}) for c in PROGRAM.courses
            ]
        }
    )
    result = flags(credits(s1="1.0"), program=one_course)
    assert (result.completer, result.concentrator) == (False, False)
    with_internship = PROGRAM.model_copy(
        update={
            "courses": [
                c.model_copy(update={"required": c.course_number in (S1, INTERN)})
                for c in PROGRAM.courses
            ]
        }
    )
    result = flags(credits(s1="1.0", intern="1.0"), program=with_internship)
    assert (result.completer, result.concentrator) == (False, False)
    assert flags(credits(s1="1.0", s2="1.0", intern="1.0"), program=with_internship).completer


def test_a_program_without_required_courses_has_no_completers():
    optional = PROGRAM.model_copy(
        update={"courses": [c.model_copy(update={"required": False}) for c in PROGRAM.courses]}
    )
    result = flags(credits(s1="1.0", s2="1.0", s3="1.0"), program=optional)
    assert result.concentrator is True
    assert result.completer is False


# Placement survey eligibility


@pytest.mark.parametrize("exit_day", [date(2025, 7, 1), date(2026, 2, 13), date(2026, 6, 30)])
def test_placement_eligible_concentrator_who_left_within_the_records_year(exit_day):
    assert flags(credits(s1="1.0", s2="1.0"), exited(exit_day)).placement_survey_eligible is True


@pytest.mark.parametrize("exit_day", [date(2025, 6, 30), date(2024, 5, 1)])
def test_placement_not_eligible_when_left_before_the_records_year(exit_day):
    assert flags(credits(s1="1.0", s2="1.0"), exited(exit_day)).placement_survey_eligible is False


def test_a_summer_graduate_is_on_the_list_of_the_year_they_left_by_their_latest_record():
    """Left on July 15, 2026 (FY2027) with no FY2027 record: the FY2026 record puts them on
    the FY2027 list; with an FY2027 record, that one decides instead."""
    summer = exited(date(2026, 7, 15))
    result = flags(credits(s1="1.0", s2="1.0"), summer)
    assert (result.placement_survey_eligible, result.placement_fiscal_year) == (True, 2027)
    with_later = compute_flags(PROGRAM, credits(s1="1.0", s2="1.0"), summer, FY, other_years=[2027])
    assert with_later.placement_survey_eligible is False
    earlier_only = compute_flags(
        PROGRAM, credits(s1="1.0", s2="1.0"), summer, FY, other_years=[2025]
    )
    assert earlier_only.placement_fiscal_year == 2027


def test_an_exit_date_in_the_future_counts_only_from_that_day():
    left = exited(date(2026, 5, 28))
    courses = credits(s1="1.0", s2="1.0")
    before = compute_flags(PROGRAM, courses, left, FY, today=date(2026, 5, 27))
    on_the_day = compute_flags(PROGRAM, courses, left, FY, today=date(2026, 5, 28))
    assert (before.placement_survey_eligible, on_the_day.placement_survey_eligible) == (
        False,
        True,
    )


def test_placement_not_eligible_without_leaving():
    assert flags(credits(s1="1.0", s2="1.0")).placement_survey_eligible is False


def test_placement_not_eligible_when_left_but_not_concentrator():
    result = flags(credits(s1="1.5", intern="1.0"), exited(date(2026, 5, 28)))
    assert result.participant is True
    assert result.placement_survey_eligible is False


def test_placement_uses_the_records_fiscal_year():
    left = exited(date(2026, 5, 28))
    courses = credits(s1="1.0", s2="1.0")
    assert flags(courses, left, fiscal_year=2026).placement_fiscal_year == 2026
    assert flags(courses, left, fiscal_year=2027).placement_survey_eligible is False


# Exact decimals


def test_quarters_and_a_half_reach_exactly_one_credit():
    [course] = credits(s1="0.25")
    total = inserted(course, "0.25", "0.5")
    assert total.total_credits == Decimal("1")
    assert flags([total]).participant is True


def test_tenths_add_exactly():
    [course] = credits(s1="0.1")
    assert inserted(course, "0.2").total_credits == Decimal("0.3")
    [seven] = credits(s1="0.7")
    # 0.7 + 0.2 + 0.1 is 0.9999999999999999 in floats; exactly 1 here.
    assert flags([inserted(seven, "0.2", "0.1")]).participant is True


def test_just_below_one_credit_does_not_reach_the_threshold():
    [course] = credits(s1="0.25")
    assert flags([inserted(course, "0.25", "0.49")]).participant is False


# Adding credits


def test_add_credits_adds_to_the_existing_course_keeping_reported_and_earlier_insertions():
    courses = (inserted(credits(s1="0.5")[0], "0.25"), *credits(s2="1.0"))
    result = add_credits(courses, S1, Decimal("0.25"), "req-2", APPROVED_AT)
    s1 = next(c for c in result if c.course_number == S1)
    assert s1.reported_credits == Decimal("0.5")
    assert [i.change_request_id for i in s1.insertions] == ["r0", "req-2"]
    assert s1.total_credits == Decimal("1.0")
    assert result[1] == courses[1]  # other courses untouched
    assert len(result) == 2


def test_add_credits_half_plus_half_is_one():
    result = add_credits(tuple(credits(s1="0.5")), S1, Decimal("0.5"), "req-1", APPROVED_AT)
    [s1] = result
    assert s1.reported_credits == Decimal("0.5")
    assert s1.inserted_credits == Decimal("0.5")
    assert s1.total_credits == Decimal("1.0")
    [insertion] = s1.insertions
    assert (insertion.change_request_id, insertion.credits, insertion.approved_at) == (
        "req-1",
        Decimal("0.5"),
        APPROVED_AT,
    )
    assert flags(result).participant is True


def test_add_credits_creates_a_missing_course_entry():
    result = add_credits(tuple(credits(s1="1.0")), S2, Decimal("1.0"), "req-1", APPROVED_AT)
    assert [c.course_number for c in result] == [S1, S2]
    s2 = result[1]
    assert s2.reported_credits == Decimal(0)
    assert s2.inserted_credits == Decimal("1.0")
    assert flags(result).concentrator is True

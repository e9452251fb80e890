"""Status rules of a P/C record: pure functions of its course totals, program and student."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from .fiscal import fiscal_year_of
from .models import CourseCredit, CreditInsertion, Program, StatusFlags, Student

ONE_CREDIT = Decimal(1)


def compute_flags(
    program: Program,
    courses: Iterable[CourseCredit],
    student: Student,
    fiscal_year: int,
    *,
    other_years: Iterable[int] = (),
    today: date | None = None,
) -> StatusFlags:
    """Participant, concentrator, completer and placement-survey eligibility of one record.
    Which courses count toward concentrator is data of the program list; a completer is a
    concentrator who also has every required course (of a sequence that has some) at 1 credit
    or more. `other_years` are the fiscal years of the student's other records in the
    program, and `today` the day an exit must have come by (None: any recorded exit)."""
    earned = {c.course_number for c in courses if c.total_credits >= ONE_CREDIT}
    earned_courses = [c for c in program.courses if c.course_number in earned]
    required = [c.course_number for c in program.courses if c.required]
    concentrator = sum(1 for c in earned_courses if c.counts_toward_concentrator) >= 2
    placement = placement_year(student, fiscal_year, other_years, today) if concentrator else None
    return StatusFlags(
        participant=bool(earned_courses),
        concentrator=concentrator,
        completer=concentrator and bool(required) and all(n in earned for n in required),
        placement_survey_eligible=placement is not None,
        placement_fiscal_year=placement,
    )


def placement_year(
    student: Student, fiscal_year: int, other_years: Iterable[int], today: date | None
) -> int | None:
    """The fiscal year whose placement survey list a concentrator's record of `fiscal_year`
    belongs on: the year the student left secondary education (once that day has come), if
    this is their latest record up to that year. So a summer graduate whose latest record is
    the year before is on the list of the year they left."""
    exited = student.exited_on
    if exited is None or (today is not None and exited > today):
        return None
    exit_year = fiscal_year_of(exited)
    if fiscal_year > exit_year or any(fiscal_year < y <= exit_year for y in other_years):
        return None
    return exit_year


def add_credits(
    courses: Iterable[CourseCredit],
    course_number: str,
    credits: Decimal,
    change_request_id: str,
    approved_at: datetime,
) -> tuple[CourseCredit, ...]:
    """The courses with an insertion added: existing credit is kept, a missing course is added."""
    insertion = CreditInsertion(
        change_request_id=change_request_id, credits=credits, approved_at=approved_at
    )
    result, found = [], False
    for course in courses:
        if course.course_number == course_number:
            course = course.model_copy(update={"insertions": (*course.insertions, insertion)})
            found = True
        result.append(course)
    if not found:
        result.append(
            CourseCredit(
                course_number=course_number, reported_credits=Decimal(0), insertions=(insertion,)
            )
        )
    return tuple(result)


def remember_course_names(
    courses: Iterable[CourseCredit], program: Program
) -> tuple[CourseCredit, ...]:
    """The courses with the names and kinds the program lists for them; a course it does not
    list keeps what was remembered."""
    remembered = []
    for credit in courses:
        listed = program.course(credit.course_number)
        if listed is not None and (credit.name, credit.kind) != (listed.name, listed.kind):
            credit = credit.model_copy(update={"name": listed.name, "kind": listed.kind})
        remembered.append(credit)
    return tuple(remembered)

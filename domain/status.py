"""Status rules of a P/C record: pure functions of its course totals, program and student."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from .fiscal import in_fiscal_year
from .models import CourseCredit, CreditInsertion, Program, StatusFlags, Student

ONE_CREDIT = Decimal(1)


def compute_flags(
    program: Program, courses: Iterable[CourseCredit], student: Student, fiscal_year: int
) -> StatusFlags:
    """Participant, concentrator, completer and placement-survey eligibility of one record.
    Which courses count toward concentrator is data of the program list; a completer is a
    concentrator who also has every required course (of a sequence that has some) at 1 credit
    or more."""
    earned = {c.course_number for c in courses if c.total_credits >= ONE_CREDIT}
    earned_courses = [c for c in program.courses if c.course_number in earned]
    required = [c.course_number for c in program.courses if c.required]
    concentrator = sum(1 for c in earned_courses if c.counts_toward_concentrator) >= 2
    left_this_year = student.exited_on is not None and in_fiscal_year(
        student.exited_on, fiscal_year
    )
    return StatusFlags(
        participant=bool(earned_courses),
        concentrator=concentrator,
        completer=concentrator and bool(required) and all(n in earned for n in required),
        placement_survey_eligible=concentrator and left_this_year,
    )


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

"""Status rules of a P/C record: pure functions of its course totals, program and student."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from .fiscal import in_fiscal_year
from .models import CourseCredit, CourseKind, CreditInsertion, Program, StatusFlags, Student

ONE_CREDIT = Decimal(1)


def compute_flags(
    program: Program, courses: Iterable[CourseCredit], student: Student, fiscal_year: int
) -> StatusFlags:
    """Participant, concentrator, completer and placement-survey eligibility of one record."""
    earned = {c.course_number for c in courses if c.total_credits >= ONE_CREDIT}
    earned_courses = [c for c in program.courses if c.course_number in earned]
    required = [c.course_number for c in program.courses if c.required]
    concentrator = sum(1 for c in earned_courses if c.kind is CourseKind.STANDARD) >= 2
    left_this_year = student.exited_on is not None and in_fiscal_year(
        student.exited_on, fiscal_year
    )
    return StatusFlags(
        participant=bool(earned_courses),
        concentrator=concentrator,
        completer=bool(required) and all(number in earned for number in required),
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

"""What a request would do and what the reviewer should weigh: pure functions of the facts
read for it (the target record, program, student, calendar and related records)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ..fiscal import adjustment_window_open, participant_fiscal_year
from ..models import FiscalYearDates, ParticipantRecord, Program, StatusFlags, Student
from ..status import add_credits, compute_flags
from .model import OPEN_STATUSES, ChangeRequest, EventKind

# The course total above which an insert is unusual enough to point out (a setting).
USUAL_COURSE_TOTAL = Decimal(2)


class AdvisoryCode(StrEnum):
    ALREADY_CONCENTRATOR_OR_COMPLETER = "ALREADY_CONCENTRATOR_OR_COMPLETER"
    ALTERNATIVE_METHOD_MAY_BE_AVAILABLE = "ALTERNATIVE_METHOD_MAY_BE_AVAILABLE"
    NO_EVIDENCE_ATTACHED = "NO_EVIDENCE_ATTACHED"
    NO_STATUS_CHANGE = "NO_STATUS_CHANGE"
    FISCAL_YEAR_NO_LONGER_CURRENT = "FISCAL_YEAR_NO_LONGER_CURRENT"
    PROGRAM_NO_LONGER_APPROVED = "PROGRAM_NO_LONGER_APPROVED"
    STUDENT_LEFT = "STUDENT_LEFT"
    PRIOR_INSERTION = "PRIOR_INSERTION"
    UNUSUAL_COURSE_TOTAL = "UNUSUAL_COURSE_TOTAL"
    RETIRED_SUID_STILL_ACTIVE = "RETIRED_SUID_STILL_ACTIVE"
    CHANGED_SINCE_LAST_REVIEW = "CHANGED_SINCE_LAST_REVIEW"


@dataclass(frozen=True)
class Advisory:
    code: AdvisoryCode
    message: str


@dataclass(frozen=True)
class StatusImpact:
    before: StatusFlags
    after: StatusFlags

    @property
    def changes_status(self) -> bool:
        return self.before != self.after

    @property
    def improves(self) -> bool:
        """Some flag goes from false to true ("positively affects the record")."""
        before, after = self.before.model_dump(), self.after.model_dump()
        return any(after[flag] and not before[flag] for flag in before)


@dataclass(frozen=True)
class Facts:
    """What an assessment reads. `record` is the target record (see `target_fiscal_year`);
    `student_records` every record of the student, `retired_records` every record of the
    retired SUID (both as far as the reader may see them)."""

    record: ParticipantRecord | None
    program: Program | None
    student: Student | None
    calendar: Mapping[int, FiscalYearDates]
    today: date
    student_records: Sequence[ParticipantRecord] = ()
    retired_records: Sequence[ParticipantRecord] = ()
    usual_course_total: Decimal = USUAL_COURSE_TOTAL


@dataclass(frozen=True)
class Assessment:
    """What a reviewer (or, in a preview, the LEA user) sees of a request."""

    impact: StatusImpact
    advisories: list[Advisory] = field(default_factory=list)


def target_fiscal_year(request: ChangeRequest, participant_year: int | None) -> int:
    """The fiscal year whose record the credits go into: the participant fiscal year while
    the request is open (requests modify the most recent P/C year), else where they went."""
    if request.status in OPEN_STATUSES and participant_year is not None:
        return participant_year
    return request.fiscal_year


def impact(
    request: ChangeRequest,
    record: ParticipantRecord | None,
    program: Program | None,
    student: Student | None,
    *,
    student_records: Sequence[ParticipantRecord] = (),
    today: date | None = None,
) -> StatusImpact:
    """The target record's flags now, and with this request's credits added (as of `today`,
    the student's other records counting for the placement survey). An approved request's
    credits are already in the record, so before and after are its flags."""
    if record is None or program is None or student is None:
        return StatusImpact(StatusFlags(), StatusFlags())
    if request.id in record.applied_request_ids:
        return StatusImpact(record.status, record.status)
    courses = add_credits(
        record.courses, request.course_number, request.credits, request.id, request.updated_at
    )
    other_years = [
        r.fiscal_year
        for r in student_records
        if r.program_number == record.program_number and r.id != record.id
    ]
    after = compute_flags(
        program, courses, student, record.fiscal_year, other_years=other_years, today=today
    )
    return StatusImpact(record.status, after)


def assess(request: ChangeRequest, facts: Facts) -> Assessment:
    """The impact of the request on its target record and, while it is open, the advisories."""
    status_impact = impact(
        request,
        facts.record,
        facts.program,
        facts.student,
        student_records=facts.student_records,
        today=facts.today,
    )
    if request.status not in OPEN_STATUSES:
        return Assessment(status_impact)
    return Assessment(status_impact, advisories(request, status_impact, facts))


def advisories(request: ChangeRequest, status_impact: StatusImpact, facts: Facts) -> list[Advisory]:
    """The facts a reviewer should weigh before deciding an open request, in a fixed order."""
    found = [
        _already_concentrator(status_impact),
        _alternative_method(request, facts),
        _no_evidence(request),
        _no_status_change(status_impact),
        _fiscal_year_moved_on(request, facts),
        _program_off_the_list(facts),
        _student_left(facts),
        _prior_insertion(request, facts),
        _unusual_total(request, facts),
        _retired_suid_active(request, facts),
        _changed_since_last_review(request),
    ]
    return [a for a in found if a is not None]


def _already_concentrator(status_impact: StatusImpact) -> Advisory | None:
    before = status_impact.before
    if (before.concentrator or before.completer) and not status_impact.improves:
        return Advisory(
            AdvisoryCode.ALREADY_CONCENTRATOR_OR_COMPLETER,
            "The record is already concentrator or completer and the insert improves no flag: "
            "inserting the credit will do nothing to positively affect the record.",
        )
    return None


def _alternative_method(request: ChangeRequest, facts: Facts) -> Advisory | None:
    year = target_fiscal_year(request, participant_fiscal_year(facts.today, facts.calendar))
    if adjustment_window_open(facts.calendar.get(year), facts.today):
        return Advisory(
            AdvisoryCode.ALTERNATIVE_METHOD_MAY_BE_AVAILABLE,
            f"The credit adjustment window of FY{year} is open; the LEA may be able to use it "
            "instead.",
        )
    return None


def _no_evidence(request: ChangeRequest) -> Advisory | None:
    if request.evidence:
        return None
    return Advisory(AdvisoryCode.NO_EVIDENCE_ATTACHED, "No evidence is attached.")


def _no_status_change(status_impact: StatusImpact) -> Advisory | None:
    if status_impact.changes_status:
        return None
    return Advisory(AdvisoryCode.NO_STATUS_CHANGE, "The insert changes none of the record's flags.")


def _fiscal_year_moved_on(request: ChangeRequest, facts: Facts) -> Advisory | None:
    year = participant_fiscal_year(facts.today, facts.calendar)
    if year is None or year == request.fiscal_year:
        return None
    return Advisory(
        AdvisoryCode.FISCAL_YEAR_NO_LONGER_CURRENT,
        f"The request was submitted for FY{request.fiscal_year}; the participant fiscal year is "
        f"now FY{year}, so an approval puts the credits into the FY{year} record.",
    )


def _program_off_the_list(facts: Facts) -> Advisory | None:
    if facts.program is None or facts.program.on_approved_list:
        return None
    return Advisory(
        AdvisoryCode.PROGRAM_NO_LONGER_APPROVED,
        f"Program {facts.program.program_number} is no longer on the Approved Program list; "
        "approval will be refused.",
    )


def _student_left(facts: Facts) -> Advisory | None:
    student = facts.student
    if student is None or student.exited_on is None or student.exited_on > facts.today:
        return None
    reason = f" ({student.exit_reason})" if student.exit_reason else ""
    return Advisory(
        AdvisoryCode.STUDENT_LEFT,
        f"The student left secondary education on {student.exited_on.isoformat()}{reason}.",
    )


def _prior_insertion(request: ChangeRequest, facts: Facts) -> Advisory | None:
    earlier = sorted(
        (record.fiscal_year, insertion.change_request_id)
        for record in facts.student_records
        for course in record.courses
        if course.course_number == request.course_number
        for insertion in course.insertions
        if insertion.change_request_id != request.id
    )
    if not earlier:
        return None
    named = ", ".join(f"request {request_id} (FY{year})" for year, request_id in earlier)
    return Advisory(
        AdvisoryCode.PRIOR_INSERTION,
        f"Credit was already inserted into course {request.course_number} for this student by "
        f"{named}.",
    )


def _unusual_total(request: ChangeRequest, facts: Facts) -> Advisory | None:
    course = facts.record.course(request.course_number) if facts.record else None
    total = (course.total_credits if course else Decimal(0)) + request.credits
    if total <= facts.usual_course_total:
        return None
    return Advisory(
        AdvisoryCode.UNUSUAL_COURSE_TOTAL,
        f"Course {request.course_number} would total {total.normalize():f} credits, more than "
        f"the usual {facts.usual_course_total.normalize():f}.",
    )


def _retired_suid_active(request: ChangeRequest, facts: Facts) -> Advisory | None:
    year = participant_fiscal_year(facts.today, facts.calendar)
    if not request.retired_suid or not any(r.fiscal_year == year for r in facts.retired_records):
        return None
    return Advisory(
        AdvisoryCode.RETIRED_SUID_STILL_ACTIVE,
        f"The retired SUID {request.retired_suid} still has a P/C record in FY{year}.",
    )


def _changed_since_last_review(request: ChangeRequest) -> Advisory | None:
    """Provided information that changed the credits or the justification after the last
    reviewer action."""
    changes: list[str] = []
    for event in request.history:
        if event.kind is EventKind.MORE_INFORMATION_REQUESTED:
            changes = []
        elif event.kind is EventKind.INFORMATION_PROVIDED:
            changes += [c for c in event.changed if c not in changes]
    if not changes:
        return None
    return Advisory(
        AdvisoryCode.CHANGED_SINCE_LAST_REVIEW,
        f"The LEA changed the {' and the '.join(changes)} since the last review action.",
    )

"""What a request would do and what the reviewer should weigh: pure functions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..fiscal import adjustment_window_open, participant_fiscal_year
from ..models import FiscalYearDates, ParticipantRecord, Program, StatusFlags, Student
from ..status import add_credits, compute_flags
from .model import OPEN_STATUSES, ChangeRequest


class AdvisoryCode(StrEnum):
    ALREADY_CONCENTRATOR_OR_COMPLETER = "ALREADY_CONCENTRATOR_OR_COMPLETER"
    ALTERNATIVE_METHOD_MAY_BE_AVAILABLE = "ALTERNATIVE_METHOD_MAY_BE_AVAILABLE"
    NO_EVIDENCE_ATTACHED = "NO_EVIDENCE_ATTACHED"
    NO_STATUS_CHANGE = "NO_STATUS_CHANGE"
    FISCAL_YEAR_NO_LONGER_CURRENT = "FISCAL_YEAR_NO_LONGER_CURRENT"


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


def impact(
    request: ChangeRequest,
    record: ParticipantRecord | None,
    program: Program | None,
    student: Student | None,
) -> StatusImpact:
    """The target record's flags now, and with this request's credits added. An approved
    request's credits are already in the record, so before and after are its flags."""
    if record is None or program is None or student is None:
        return StatusImpact(StatusFlags(), StatusFlags())
    if request.id in record.applied_request_ids:
        return StatusImpact(record.status, record.status)
    courses = add_credits(
        record.courses, request.course_number, request.credits, request.id, request.updated_at
    )
    return StatusImpact(record.status, compute_flags(program, courses, student, record.fiscal_year))


def advisories(
    request: ChangeRequest,
    status_impact: StatusImpact,
    *,
    window_open: bool,
    participant_fiscal_year: int,
) -> list[Advisory]:
    """The facts a reviewer should weigh before deciding an open request; none once decided."""
    if request.status not in OPEN_STATUSES:
        return []
    before, found = status_impact.before, []
    if before.concentrator or before.completer:
        found.append(
            Advisory(
                AdvisoryCode.ALREADY_CONCENTRATOR_OR_COMPLETER,
                "The record is already concentrator or completer; the insert may not be necessary.",
            )
        )
    if window_open:
        found.append(
            Advisory(
                AdvisoryCode.ALTERNATIVE_METHOD_MAY_BE_AVAILABLE,
                f"The credit adjustment window of FY{request.fiscal_year} is open; "
                "the LEA may be able to use it instead.",
            )
        )
    if not request.evidence:
        found.append(Advisory(AdvisoryCode.NO_EVIDENCE_ATTACHED, "No evidence is attached."))
    if not status_impact.changes_status:
        found.append(
            Advisory(
                AdvisoryCode.NO_STATUS_CHANGE, "The insert changes none of the record's flags."
            )
        )
    if request.fiscal_year != participant_fiscal_year:
        found.append(
            Advisory(
                AdvisoryCode.FISCAL_YEAR_NO_LONGER_CURRENT,
                f"The request is for FY{request.fiscal_year}; the participant fiscal year is now "
                f"FY{participant_fiscal_year}.",
            )
        )
    return found


@dataclass(frozen=True)
class Assessment:
    """What a reviewer sees of an open request: its impact and the advisories."""

    impact: StatusImpact
    advisories: list[Advisory]


def assess(
    request: ChangeRequest,
    record: ParticipantRecord | None,
    program: Program | None,
    student: Student | None,
    calendar: Mapping[int, FiscalYearDates],
    today: date,
) -> Assessment:
    """The impact of the request on its target record and the advisories, as of `today`."""
    status_impact = impact(request, record, program, student)
    found = advisories(
        request,
        status_impact,
        window_open=adjustment_window_open(calendar.get(request.fiscal_year), today),
        participant_fiscal_year=participant_fiscal_year(today, calendar),
    )
    return Assessment(status_impact, found)

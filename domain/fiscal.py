"""Fiscal-year rules: pure functions of a date and the fiscal calendar.

A fiscal year is named by the year it ends (FY2027 = July 1, 2026 to June 30, 2027), and
"today" is the date in Arizona, which keeps UTC-7 all year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .models import FiscalYearDates

ARIZONA = timezone(timedelta(hours=-7), "MST")


def arizona_today(now: datetime) -> date:
    """The calendar date in Arizona at the aware instant `now`."""
    return now.astimezone(ARIZONA).date()


def fiscal_year_of(day: date) -> int:
    return day.year + 1 if day.month >= 7 else day.year


def fiscal_year_start(fiscal_year: int) -> date:
    return date(fiscal_year - 1, 7, 1)


def fiscal_year_end(fiscal_year: int) -> date:
    return date(fiscal_year, 6, 30)


def in_fiscal_year(day: date, fiscal_year: int) -> bool:
    return fiscal_year_start(fiscal_year) <= day <= fiscal_year_end(fiscal_year)


def _has_happened(day: date | None, today: date) -> bool:
    """A calendar date counts once it is set and not in the future."""
    return day is not None and day <= today


def participant_fiscal_year(today: date, calendar: Mapping[int, FiscalYearDates]) -> int:
    """The enrollment year once its preliminary records exist, else the year before."""
    enrollment = fiscal_year_of(today)
    dates = calendar.get(enrollment)
    preliminary = dates.preliminary_records_created_on if dates else None
    return enrollment if _has_happened(preliminary, today) else enrollment - 1


def adjustment_window_open(dates: FiscalYearDates | None, today: date) -> bool:
    """Open from preliminary record creation until final creation (open-ended while unset)."""
    if dates is None or not _has_happened(dates.preliminary_records_created_on, today):
        return False
    return not _has_happened(dates.final_records_created_on, today)


@dataclass(frozen=True)
class FiscalYearStatus:
    enrollment_fiscal_year: int
    participant_fiscal_year: int
    preliminary_records_created_on: date | None
    final_records_created_on: date | None
    credit_adjustment_window_open: bool


def fiscal_year_status(today: date, calendar: Mapping[int, FiscalYearDates]) -> FiscalYearStatus:
    participant = participant_fiscal_year(today, calendar)
    dates = calendar.get(participant)
    return FiscalYearStatus(
        enrollment_fiscal_year=fiscal_year_of(today),
        participant_fiscal_year=participant,
        preliminary_records_created_on=dates.preliminary_records_created_on if dates else None,
        final_records_created_on=dates.final_records_created_on if dates else None,
        credit_adjustment_window_open=adjustment_window_open(dates, today),
    )

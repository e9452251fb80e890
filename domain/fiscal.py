"""Fiscal-year rules: pure functions of a date and the fiscal calendar.

A fiscal year is named by the year it ends (FY2027 = July 1, 2026 to June 30, 2027), and
"today" is the date in Arizona, which keeps UTC-7 all year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models use these rules to validate calendar dates
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


def participant_fiscal_year(today: date, calendar: Mapping[int, FiscalYearDates]) -> int | None:
    """The latest fiscal year, not after the enrollment fiscal year, whose preliminary records
    exist (normally the enrollment year once its preliminary records are created, else the
    year before); None when the calendar has none."""
    enrollment = fiscal_year_of(today)
    created = [
        year
        for year, dates in calendar.items()
        if year <= enrollment and _has_happened(dates.preliminary_records_created_on, today)
    ]
    return max(created, default=None)


def adjustment_window_open(dates: FiscalYearDates | None, today: date) -> bool:
    """Open from preliminary record creation until final creation (open-ended while unset)."""
    if dates is None or not _has_happened(dates.preliminary_records_created_on, today):
        return False
    return not _has_happened(dates.final_records_created_on, today)


@dataclass(frozen=True)
class FiscalYearStatus:
    enrollment_fiscal_year: int
    # None when no fiscal year up to the enrollment one has preliminary records.
    participant_fiscal_year: int | None
    preliminary_records_created_on: date | None
    final_records_created_on: date | None
    credit_adjustment_window_open: bool


def fiscal_year_status(today: date, calendar: Mapping[int, FiscalYearDates]) -> FiscalYearStatus:
    participant = participant_fiscal_year(today, calendar)
    dates = calendar.get(participant) if participant is not None else None
    return FiscalYearStatus(
        enrollment_fiscal_year=fiscal_year_of(today),
        participant_fiscal_year=participant,
        preliminary_records_created_on=dates.preliminary_records_created_on if dates else None,
        final_records_created_on=dates.final_records_created_on if dates else None,
        credit_adjustment_window_open=adjustment_window_open(dates, today),
    )


def preliminary_date_problem(fiscal_year: int, day: date | None) -> str | None:
    """A preliminary date lies between July 1 that starts its fiscal year and one year after
    the fiscal year ends."""
    if day is None:
        return None
    start, end = fiscal_year_start(fiscal_year), fiscal_year_end(fiscal_year)
    latest = end.replace(year=end.year + 1)
    if start <= day <= latest:
        return None
    return (
        f"Preliminary records of FY{fiscal_year} are created between {start.isoformat()} "
        f"and {latest.isoformat()}."
    )

"""Fiscal-year rules (domain/fiscal.py): the July 1 boundary, Arizona's "today", the lag of the
participant fiscal year behind the enrollment year, and the credit adjustment window."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from domain.fiscal import (
    adjustment_window_open,
    arizona_today,
    fiscal_year_of,
    fiscal_year_status,
    in_fiscal_year,
    participant_fiscal_year,
)
from domain.models import FiscalYearDates


def calendar(*years: FiscalYearDates) -> dict[int, FiscalYearDates]:
    return {y.fiscal_year: y for y in years}


def prelim(fiscal_year: int, day: date) -> FiscalYearDates:
    return FiscalYearDates(fiscal_year=fiscal_year, preliminary_records_created_on=day)


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (date(2026, 6, 30), 2026),
        (date(2026, 7, 1), 2027),
        (date(2026, 12, 31), 2027),
        (date(2027, 1, 1), 2027),
        (date(2027, 6, 30), 2027),
        (date(2027, 7, 1), 2028),
    ],
)
def test_fiscal_year_is_named_by_the_year_it_ends_and_starts_on_july_1(day, fiscal_year):
    assert fiscal_year_of(day) == fiscal_year


def test_in_fiscal_year_includes_july_1_and_june_30_only():
    assert in_fiscal_year(date(2025, 7, 1), 2026)
    assert in_fiscal_year(date(2026, 6, 30), 2026)
    assert not in_fiscal_year(date(2025, 6, 30), 2026)
    assert not in_fiscal_year(date(2026, 7, 1), 2026)


def test_arizona_today_is_utc_minus_seven_all_year():
    # 06:30 UTC on July 1 is 23:30 on June 30 in Phoenix: still the old fiscal year.
    instant = datetime(2026, 7, 1, 6, 30, tzinfo=UTC)
    assert arizona_today(instant) == date(2026, 6, 30)
    assert fiscal_year_of(arizona_today(instant)) == 2026
    # From 07:00 UTC it is July 1 in Phoenix.
    assert arizona_today(datetime(2026, 7, 1, 7, 0, tzinfo=UTC)) == date(2026, 7, 1)


def test_arizona_keeps_no_daylight_saving_time():
    # In January and in July alike, 06:59 UTC is the day before in Phoenix.
    assert arizona_today(datetime(2027, 1, 10, 6, 59, tzinfo=UTC)) == date(2027, 1, 9)
    assert arizona_today(datetime(2026, 7, 10, 6, 59, tzinfo=UTC)) == date(2026, 7, 9)


def test_arizona_today_of_an_instant_in_another_offset():
    eastern = timezone(timedelta(hours=-4))
    # 01:00 on July 1 in New York is 22:00 on June 30 in Phoenix.
    assert arizona_today(datetime(2026, 7, 1, 1, 0, tzinfo=eastern)) == date(2026, 6, 30)


def test_participant_year_lags_until_preliminary_records_are_created():
    dates = calendar(prelim(2026, date(2025, 10, 1)), prelim(2027, date(2027, 1, 15)))
    assert participant_fiscal_year(date(2027, 1, 14), dates) == 2026


def test_participant_year_counts_preliminary_creation_today():
    dates = calendar(prelim(2027, date(2027, 1, 15)))
    assert participant_fiscal_year(date(2027, 1, 15), dates) == 2027
    assert participant_fiscal_year(date(2027, 3, 1), dates) == 2027


def test_participant_year_lags_while_preliminary_is_unset_or_the_year_is_absent():
    last_year = prelim(2026, date(2025, 10, 1))
    unset = calendar(last_year, FiscalYearDates(fiscal_year=2027))
    assert participant_fiscal_year(date(2027, 5, 1), unset) == 2026
    assert participant_fiscal_year(date(2027, 5, 1), calendar(last_year)) == 2026


def test_across_a_gap_the_participant_year_is_the_latest_with_preliminary_records():
    """FY2026 never got its dates: in FY2027 before its preliminary day, FY2025 is the latest
    year whose preliminary records exist; a later year's records do not count."""
    dates = calendar(
        prelim(2025, date(2024, 10, 1)),
        prelim(2027, date(2027, 1, 15)),
        prelim(2028, date(2027, 8, 1)),
    )
    assert participant_fiscal_year(date(2026, 11, 28), dates) == 2025
    assert participant_fiscal_year(date(2027, 1, 15), dates) == 2027


def test_with_no_preliminary_records_at_all_there_is_no_participant_year():
    assert participant_fiscal_year(date(2027, 5, 1), {}) is None
    future = calendar(prelim(2027, date(2027, 6, 1)))
    assert participant_fiscal_year(date(2027, 5, 1), future) is None
    status = fiscal_year_status(date(2027, 5, 1), future)
    assert status.participant_fiscal_year is None
    assert status.credit_adjustment_window_open is False


def test_participant_year_ignores_other_years_preliminary_dates():
    # Only the enrollment year's preliminary date matters, not last year's.
    dates = calendar(prelim(2026, date(2025, 10, 1)))
    assert participant_fiscal_year(date(2026, 11, 28), dates) == 2026


def test_participant_year_rolls_with_the_enrollment_year_on_july_1():
    dates = calendar(
        FiscalYearDates(fiscal_year=2026, preliminary_records_created_on=date(2025, 10, 1)),
    )
    assert participant_fiscal_year(date(2026, 6, 30), dates) == 2026
    # On July 1 the enrollment year is FY2027, whose preliminary records do not exist.
    assert participant_fiscal_year(date(2026, 7, 1), dates) == 2026


def window(preliminary: date | None, final: date | None) -> FiscalYearDates:
    return FiscalYearDates(
        fiscal_year=2027, preliminary_records_created_on=preliminary, final_records_created_on=final
    )


PRELIMINARY, FINAL = date(2027, 1, 15), date(2027, 4, 1)


@pytest.mark.parametrize(
    ("today", "is_open"),
    [
        (date(2027, 1, 14), False),  # before preliminary creation
        (date(2027, 1, 15), True),  # preliminary creation day
        (date(2027, 3, 31), True),  # between
        (date(2027, 4, 1), False),  # final creation day
        (date(2027, 5, 1), False),  # after final
    ],
)
def test_adjustment_window_runs_from_preliminary_until_final(today, is_open):
    assert adjustment_window_open(window(PRELIMINARY, FINAL), today) is is_open


def test_adjustment_window_is_open_ended_while_final_is_unset():
    assert adjustment_window_open(window(PRELIMINARY, None), date(2030, 1, 1)) is True


def test_adjustment_window_is_closed_without_preliminary_creation():
    assert adjustment_window_open(window(None, None), date(2027, 3, 1)) is False
    assert adjustment_window_open(None, date(2027, 3, 1)) is False


def test_fiscal_year_status_reports_the_participant_years_dates():
    dates = calendar(
        FiscalYearDates(
            fiscal_year=2026,
            preliminary_records_created_on=date(2025, 10, 1),
            final_records_created_on=date(2026, 3, 2),
        ),
        FiscalYearDates(fiscal_year=2027, preliminary_records_created_on=date(2027, 1, 15)),
    )
    before = fiscal_year_status(date(2026, 11, 28), dates)
    assert (before.enrollment_fiscal_year, before.participant_fiscal_year) == (2027, 2026)
    assert before.preliminary_records_created_on == date(2025, 10, 1)
    assert before.final_records_created_on == date(2026, 3, 2)
    assert before.credit_adjustment_window_open is False

    after = fiscal_year_status(date(2027, 1, 15), dates)
    assert (after.enrollment_fiscal_year, after.participant_fiscal_year) == (2027, 2027)
    assert after.preliminary_records_created_on == date(2027, 1, 15)
    assert after.final_records_created_on is None
    assert after.credit_adjustment_window_open is True


@pytest.mark.parametrize(
    "day, fine",
    [
        (date(2026, 7, 1), True),
        (date(2028, 6, 30), True),
        (date(2026, 6, 30), False),
        (date(2028, 7, 1), False),
    ],
)
def test_a_preliminary_date_lies_in_its_window(day, fine):
    """FY2027's preliminary records: from July 1, 2026 to one year after June 30, 2027."""
    if fine:
        assert prelim(2027, day).preliminary_records_created_on == day
    else:
        with pytest.raises(ValueError, match="between 2026-07-01 and 2028-06-30"):
            prelim(2027, day)

"""The fiscal calendar service: today's fiscal-year status, and admins setting the dates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError

from .calendar_cache import Calendar, CalendarCache
from .clock import Clock
from .errors import DomainError, Forbidden, invalid
from .fiscal import FiscalYearStatus, arizona_today, fiscal_year_status
from .models import (
    FINAL_BEFORE_PRELIMINARY_MESSAGE,
    PRELIMINARY_OUT_OF_RANGE,
    FiscalYearDates,
    Role,
    Viewer,
)
from .repository import Store


class FiscalCalendar:
    def __init__(self, store: Store, clock: Clock):
        self._store = store
        self._clock = clock
        self._cache = CalendarCache(store.calendar.all)

    def today(self) -> date:
        return arizona_today(self._clock())

    async def all(self) -> Calendar:
        """Every year's dates, from this process's cache (see domain/calendar_cache.py)."""
        return await self._cache.get()

    def cached(self) -> Calendar | None:
        """The cache's calendar if it holds a fresh one, so that a caller may use it at once;
        None: `all` would read it."""
        return self._cache.fresh()

    def forget(self) -> None:
        """Another process changed the calendar (the event feed says so)."""
        self._cache.forget()

    async def status(self) -> FiscalYearStatus:
        return fiscal_year_status(self.today(), await self.all())

    async def participant_fiscal_year(self) -> int | None:
        return (await self.status()).participant_fiscal_year

    async def set_dates(
        self, viewer: Viewer, fiscal_year: int, changes: Mapping[str, date | None]
    ) -> FiscalYearDates:
        """Set the dates named in `changes` (snake_case field names); others keep their value.
        Only admins may; the dates must be in order (see FiscalYearDates). The current dates
        are read from the store, not the cache, so that the merge starts from what is stored.
        The change is logged even when nothing changed, so that a retry after a failure
        between the two writes still tells the other processes."""
        if viewer.role is not Role.ADMIN:
            raise Forbidden("Only admins may set fiscal year dates.")
        current = (await self._store.calendar.all()).get(fiscal_year)
        merged: dict[str, Any] = current.model_dump() if current else {"fiscal_year": fiscal_year}
        merged.update(changes)
        try:
            dates = FiscalYearDates.model_validate(merged)
        except ValidationError as error:
            raise _refusal(error) from None
        try:
            await self._store.calendar.save(dates)
        finally:  # even a failed save may have been applied
            self._cache.forget()
        await self._store.events.append_calendar_change(fiscal_year, self._clock())
        return dates


def _refusal(error: ValidationError) -> DomainError:
    detail = error.errors()[0]
    if detail["loc"] == ("fiscal_year",):
        return invalid("fiscal_year", "The fiscal year must be between 2000 and 2100.")
    if detail["type"] == PRELIMINARY_OUT_OF_RANGE:
        return invalid("preliminary_records_created_on", detail["msg"])
    return invalid("final_records_created_on", FINAL_BEFORE_PRELIMINARY_MESSAGE)

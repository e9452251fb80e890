"""The fiscal calendar service: today's fiscal-year status, and admins setting the dates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError

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

    def today(self) -> date:
        return arizona_today(self._clock())

    async def status(self) -> FiscalYearStatus:
        return fiscal_year_status(self.today(), await self._store.calendar.all())

    async def participant_fiscal_year(self) -> int | None:
        return (await self.status()).participant_fiscal_year

    async def set_dates(
        self, viewer: Viewer, fiscal_year: int, changes: Mapping[str, date | None]
    ) -> FiscalYearDates:
        """Set the dates named in `changes` (snake_case field names); others keep their value.
        Only admins may; the dates must be in order (see FiscalYearDates)."""
        if viewer.role is not Role.ADMIN:
            raise Forbidden("Only admins may set fiscal year dates.")
        current = (await self._store.calendar.all()).get(fiscal_year)
        merged: dict[str, Any] = current.model_dump() if current else {"fiscal_year": fiscal_year}
        merged.update(changes)
        try:
            dates = FiscalYearDates.model_validate(merged)
        except ValidationError as error:
            raise _refusal(error) from None
        await self._store.calendar.save(dates)
        return dates


def _refusal(error: ValidationError) -> DomainError:
    detail = error.errors()[0]
    if detail["loc"] == ("fiscal_year",):
        return invalid("fiscal_year", "The fiscal year must be between 2000 and 2100.")
    if detail["type"] == PRELIMINARY_OUT_OF_RANGE:
        return invalid("preliminary_records_created_on", detail["msg"])
    return invalid("final_records_created_on", FINAL_BEFORE_PRELIMINARY_MESSAGE)

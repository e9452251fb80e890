"""The fiscal calendar: per fiscal year, when preliminary and final records were created."""

from __future__ import annotations

from ..models import FiscalYearDates
from .documents import Database, from_document, to_document
from .round_trips import RoundTrips


class CalendarRepository:
    def __init__(self, db: Database, round_trips: RoundTrips):
        self._years = db.fiscal_years
        self._trips = round_trips

    async def all(self) -> dict[int, FiscalYearDates]:
        self._trips.tick()
        cursor = self._years.find({}, {"_id": 0})
        years = [from_document(FiscalYearDates, doc) async for doc in cursor]
        return {year.fiscal_year: year for year in years}

    async def save(self, dates: FiscalYearDates) -> bool:
        """Insert or replace one year's dates; True when something changed."""
        self._trips.tick()
        result = await self._years.replace_one(
            {"fiscalYear": dates.fiscal_year}, to_document(dates), upsert=True
        )
        return result.upserted_id is not None or result.modified_count > 0

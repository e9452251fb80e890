"""Looking up P/C records, with the visibility rules of domain.md."""

from __future__ import annotations

from typing import Any

from .calendar import FiscalCalendar
from .errors import Forbidden
from .models import ParticipantRecord, Program, School, Viewer
from .paging import Page, page_size
from .repository import Store


class Lookups:
    def __init__(self, store: Store, calendar: FiscalCalendar):
        self._store = store
        self._calendar = calendar

    async def school_for(
        self, viewer: Viewer, school_entity_id: int, field: tuple[str, ...] | None = None
    ) -> School | None:
        """The school if the viewer may act on it. LEA users are refused any school outside
        their LEAs, unknown ones included (so that existence does not leak); for staff an
        unknown school is None. This is the one place that rule lives."""
        school = await self._store.reference.one(School, school_entity_id)
        if school is None and viewer.is_staff:
            return None
        if school is None or not viewer.may_see_school(school):
            raise Forbidden(f"School {school_entity_id} is not one of your LEAs' schools.", field)
        return school

    async def schools_of_lea(self, viewer: Viewer, lea_entity_id: int) -> list[School]:
        """The LEA's schools that the viewer may act on, by name (what a school picker lists):
        none of another LEA's for an LEA user."""
        schools = await self._store.reference.schools_of_leas([lea_entity_id])
        return sorted((s for s in schools if viewer.may_see_school(s)), key=lambda s: s.name)

    async def approved_programs(self) -> list[Program]:
        """The Approved Program list, by program number; every user may read it."""
        return await self._store.reference.programs()

    async def participant_records(
        self, viewer: Viewer, suid: str, school_entity_id: int
    ) -> tuple[School | None, list[ParticipantRecord]]:
        """The school (read for the visibility check anyway, so that callers need not read it
        again) and the student's records there in the participant fiscal year."""
        school = await self.school_for(viewer, school_entity_id)
        if school is None:
            return None, []
        fiscal_year = await self._calendar.participant_fiscal_year()
        return school, await self._store.records.at_school(suid, school_entity_id, fiscal_year)

    async def record(self, viewer: Viewer, record_id: str) -> ParticipantRecord | None:
        """The record by id, or None when it does not exist or the viewer may not see it."""
        record = (await self._store.records.by_ids([record_id])).get(record_id)
        if record is None or viewer.is_staff:
            return record
        school = await self._store.reference.one(School, record.school_entity_id)
        return record if school is not None and viewer.may_see_school(school) else None

    async def placement_survey_list(
        self,
        viewer: Viewer,
        fiscal_year: int | None,
        school_entity_id: int | None,
        first: int,
        after: str | None,
    ) -> Page:
        """Placement-survey eligible records, by id; the participant fiscal year by default."""
        query: dict[str, Any] = {
            "fiscalYear": fiscal_year or await self._calendar.participant_fiscal_year()
        }
        if school_entity_id is not None:
            await self.school_for(viewer, school_entity_id)
            query["schoolEntityId"] = school_entity_id
        elif not viewer.is_staff:
            schools = await self._store.reference.schools_of_leas(viewer.lea_ids)
            query["schoolEntityId"] = {"$in": sorted(s.entity_id for s in schools)}
        limit = page_size(first)
        records = self._store.records
        items = await records.placement_page(query, after, limit + 1)
        total = await records.placement_count(query)
        return Page(items[:limit], len(items) > limit, total)

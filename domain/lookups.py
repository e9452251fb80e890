"""Looking up schools and P/C records within the viewer's scope (see access.py)."""

from __future__ import annotations

from .access import Scope, scope_of, visible_school
from .calendar import FiscalCalendar
from .models import ParticipantRecord, Program, School, Viewer
from .paging import Page, page_size
from .repository import Store


class Lookups:
    def __init__(self, store: Store, calendar: FiscalCalendar):
        self._store = store
        self._calendar = calendar

    async def school_in(
        self, scope: Scope, school_entity_id: int, field: str | None = None
    ) -> School | None:
        """The school if the scope allows acting on it (see access.visible_school)."""
        school = (await self._store.reference.schools(scope, [school_entity_id])).get(
            school_entity_id
        )
        return visible_school(scope, school_entity_id, school, field)

    async def schools_of_lea(self, viewer: Viewer, lea_entity_id: int) -> list[School]:
        """The LEA's schools that the viewer may act on, by name (what a school picker lists):
        none of another LEA's for an LEA user."""
        return await self._store.reference.schools_of_lea(scope_of(viewer), lea_entity_id)

    async def approved_programs(self) -> list[Program]:
        """The Approved Program list, by program number; every user may read it."""
        return await self._store.reference.all_programs()

    async def participant_records(
        self, viewer: Viewer, suid: str, school_entity_id: int
    ) -> tuple[School | None, list[ParticipantRecord]]:
        """The school (read for the visibility check anyway, so that callers need not read it
        again) and the student's records there in the participant fiscal year."""
        scope = scope_of(viewer)
        school = await self.school_in(scope, school_entity_id)
        if school is None:
            return None, []
        fiscal_year = await self._calendar.participant_fiscal_year()
        if fiscal_year is None:  # no year has preliminary records yet: nothing to look up
            return school, []
        records = await self._store.records.at_school(scope, suid, school_entity_id, fiscal_year)
        return school, records

    async def record(self, viewer: Viewer, record_id: str) -> ParticipantRecord | None:
        """The record by id, or None when it does not exist or the viewer may not see it."""
        return (await self._store.records.by_ids(scope_of(viewer), [record_id])).get(record_id)

    async def placement_survey_list(
        self,
        viewer: Viewer,
        fiscal_year: int | None,
        school_entity_id: int | None,
        first: int,
        after: str | None,
    ) -> Page[ParticipantRecord]:
        """Placement-survey eligible records, by id; the participant fiscal year by default."""
        scope = scope_of(viewer)
        if school_entity_id is not None:
            await self.school_in(scope, school_entity_id)
        year = fiscal_year or await self._calendar.participant_fiscal_year()
        if year is None:
            return Page([], False, 0)
        limit = page_size(first)
        records = self._store.records
        items = await records.placement_page(scope, year, school_entity_id, after, limit + 1)
        total = await records.placement_count(scope, year, school_entity_id)
        return Page(items[:limit], len(items) > limit, total)

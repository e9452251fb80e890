"""Mutation resolvers: every refusal becomes a typed `userErrors` entry."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from schema.context import viewer_of
from schema.inputs import SetFiscalYearDatesInput
from schema.types import FiscalYearDates, FiscalYearDatesPayload

from .errors import user_error


async def set_fiscal_year_dates(
    info: Info,
    input: Annotated[
        SetFiscalYearDatesInput,
        strawberry.argument(description="The fiscal year and the dates to set or clear."),
    ],
) -> FiscalYearDatesPayload:
    changes = {
        name: getattr(input, name)
        for name in ("preliminary_records_created_on", "final_records_created_on")
        if getattr(input, name) is not strawberry.UNSET
    }
    try:
        dates = await info.context.services.calendar.set_dates(
            viewer_of(info), input.fiscal_year, changes
        )
    except DomainError as error:
        return FiscalYearDatesPayload(fiscal_year_dates=None, user_errors=[user_error(error)])
    return FiscalYearDatesPayload(fiscal_year_dates=FiscalYearDates.of(dates), user_errors=[])

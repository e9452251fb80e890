"""Domain models: the facts the service keeps, independent of GraphQL and of MongoDB.

Credits are exact `Decimal`s and are stored as strings, so that no float ever touches them
and the store never has to do arithmetic on them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, model_validator
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from .fiscal import preliminary_date_problem

Credits = Annotated[Decimal, PlainSerializer(lambda value: format_credits(value), return_type=str)]
IsoDate = Annotated[date, PlainSerializer(lambda value: value.isoformat(), return_type=str)]


def format_credits(value: Decimal) -> str:
    """Render credits without exponent or trailing zeros: 1.50 -> "1.5", 10 -> "10"."""
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


class Model(BaseModel):
    """Base: camelCase names outside (files, store), snake_case inside."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, frozen=True)


class Role(StrEnum):
    LEA_USER = "LEA_USER"
    REVIEWER = "REVIEWER"
    ADMIN = "ADMIN"


class LeaKind(StrEnum):
    DISTRICT = "DISTRICT"
    CHARTER = "CHARTER"
    CTED = "CTED"


class CourseKind(StrEnum):
    STANDARD = "STANDARD"
    INTERNSHIP = "INTERNSHIP"
    COOPERATIVE_EDUCATION = "COOPERATIVE_EDUCATION"


class ExitReason(StrEnum):
    GRADUATED = "GRADUATED"
    DROPPED_OUT = "DROPPED_OUT"
    OTHER = "OTHER"


class Course(Model):
    course_number: str = Field(min_length=1, max_length=32)
    name: str = Field(min_length=1)
    kind: CourseKind
    required: bool
    # Whether credit here counts toward concentrator status: data of the Approved Program
    # list; when the list does not say, STANDARD courses count and the others do not.
    counts_toward_concentrator: bool

    @model_validator(mode="before")
    @classmethod
    def _counts_by_kind_unless_given(cls, data: Any) -> Any:
        given = isinstance(data, dict) and (
            "countsTowardConcentrator" in data or "counts_toward_concentrator" in data
        )
        if isinstance(data, dict) and not given:
            return {**data, "countsTowardConcentrator": data.get("kind") == CourseKind.STANDARD}
        return data


class Program(Model):
    program_number: str = Field(pattern=r"^\d{2}\.\d{4}$")
    name: str = Field(min_length=1)
    courses: list[Course]
    # A program is never deleted, only taken off the list: its records and requests stay.
    on_approved_list: bool = True

    def course(self, course_number: str) -> Course | None:
        return next((c for c in self.courses if c.course_number == course_number), None)


class Lea(Model):
    entity_id: int = Field(gt=0)
    name: str = Field(min_length=1)
    kind: LeaKind


class School(Model):
    entity_id: int = Field(gt=0)
    ctds: str = Field(pattern=r"^\d{9}$")
    name: str = Field(min_length=1)
    lea_entity_id: int = Field(gt=0)


class Student(Model):
    suid: str = Field(pattern=r"^\d{1,20}$")
    first_name: str = Field(min_length=1)
    last_name: str = Field(min_length=1)
    exited_on: IsoDate | None = None
    exit_reason: ExitReason | None = None


class CreditInsertion(Model):
    change_request_id: str
    credits: Credits
    approved_at: datetime


class CourseCredit(Model):
    course_number: str
    reported_credits: Credits
    insertions: tuple[CreditInsertion, ...] = ()
    # The course's name and kind as the program list last gave them, so that a course the
    # list drops later is still shown as it was.
    name: str | None = None
    kind: CourseKind | None = None

    @property
    def inserted_credits(self) -> Decimal:
        return sum((i.credits for i in self.insertions), Decimal(0))

    @property
    def total_credits(self) -> Decimal:
        return self.reported_credits + self.inserted_credits


class StatusFlags(Model):
    participant: bool = False
    concentrator: bool = False
    completer: bool = False
    placement_survey_eligible: bool = False
    # The fiscal year whose placement survey list the record is on (see status.py).
    placement_fiscal_year: int | None = None


RecordKey = tuple[str, int, int, str]  # suid, school entity id, fiscal year, program number


class ParticipantRecord(Model):
    """One student x school x fiscal year x program, with its course credits embedded."""

    id: str
    suid: str
    school_entity_id: int
    # The LEA of the school, kept on the record so that a scope (access.py) applies to it.
    lea_entity_id: int
    fiscal_year: int
    program_number: str
    courses: tuple[CourseCredit, ...]
    status: StatusFlags
    version: int
    updated_at: datetime
    applied_request_ids: tuple[str, ...] = ()

    @property
    def total_credits(self) -> Decimal:
        return sum((c.total_credits for c in self.courses), Decimal(0))

    @property
    def key(self) -> RecordKey:
        """The natural key: one record per student, school, fiscal year and program."""
        return (self.suid, self.school_entity_id, self.fiscal_year, self.program_number)

    def course(self, course_number: str) -> CourseCredit | None:
        return next((c for c in self.courses if c.course_number == course_number), None)


class FiscalYearDates(Model):
    fiscal_year: int = Field(ge=2000, le=2100)
    preliminary_records_created_on: IsoDate | None = None
    final_records_created_on: IsoDate | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> FiscalYearDates:
        """Preliminary records are made within the year's window; final records are made from
        preliminary ones: never before, never without."""
        final, preliminary = self.final_records_created_on, self.preliminary_records_created_on
        problem = preliminary_date_problem(self.fiscal_year, preliminary)
        if problem:
            raise PydanticCustomError(PRELIMINARY_OUT_OF_RANGE, problem)
        if final is not None and (preliminary is None or final < preliminary):
            raise PydanticCustomError(FINAL_BEFORE_PRELIMINARY, FINAL_BEFORE_PRELIMINARY_MESSAGE)
        return self


PRELIMINARY_OUT_OF_RANGE = "preliminary_out_of_range"
FINAL_BEFORE_PRELIMINARY = "final_before_preliminary"
FINAL_BEFORE_PRELIMINARY_MESSAGE = (
    "Final records cannot be created before (or without) preliminary records."
)


class Viewer(Model):
    """The authenticated user, from the token's claims."""

    id: str
    name: str
    role: Role
    lea_ids: frozenset[int] = frozenset()
    email: str | None = None

    @property
    def is_staff(self) -> bool:
        """ADE staff: reviewers and admins."""
        return self.role in (Role.REVIEWER, Role.ADMIN)

"""Helpers of the approval tests: submitting and deciding through GraphQL, making the
in-memory store yield like a network driver, and injecting crashes after a write."""

from __future__ import annotations

import asyncio
import functools
import inspect
from decimal import Decimal
from typing import Any

from domain.models import Role, Viewer
from domain.repository import Store
from tests.conftest import GraphQLClient
from tests.documents import (
    APPROVE_IN_FULL,
    CHANGE_REQUEST_IN_FULL,
    PARTICIPANT_RECORDS_IN_FULL,
    REJECT_IN_FULL,
    SUBMIT_IN_FULL,
)

REVIEWER = Viewer(id="reviewer-1", name="Riley Reviewer", role=Role.REVIEWER)


def submission(
    suid: str, school: int, program: str, course: str, credits: str, **extra: Any
) -> dict[str, Any]:
    """A valid submission input; `extra` adds or replaces fields."""
    return {
        "suid": suid,
        "schoolEntityId": school,
        "programNumber": program,
        "courseNumber": course,
        "credits": credits,
        "gradeLevel": 11,
        "reason": "OUT_OF_STATE_TRANSFER",
        "justification": "Transcript from the previous school shows the credit.",
        **extra,
    }


async def submit(gql: GraphQLClient, token: str, **fields: Any) -> dict[str, Any]:
    """Submit and return the new request; the submission must be accepted."""
    payload = (await gql.data(SUBMIT_IN_FULL, {"input": submission(**fields)}, token))[
        "submitInsertCreditsRequest"
    ]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["changeRequest"]


async def approve(gql: GraphQLClient, token: str, request_id: str, **extra: Any) -> dict:
    data = await gql.data(APPROVE_IN_FULL, {"input": {"id": request_id, **extra}}, token)
    return data["approveChangeRequest"]


async def approved(gql: GraphQLClient, token: str, request_id: str) -> dict[str, Any]:
    """Approve and return the approved request; the approval must be accepted."""
    payload = await approve(gql, token, request_id)
    assert payload["userErrors"] == [], payload["userErrors"]
    assert payload["changeRequest"]["status"] == "APPROVED"
    return payload["changeRequest"]


async def reject(gql: GraphQLClient, token: str, request_id: str, **extra: Any) -> dict:
    fields = {
        "id": request_id,
        "reason": "INADEQUATE_JUSTIFICATION",
        "comment": "The transcript does not show the course.",
        **extra,
    }
    return (await gql.data(REJECT_IN_FULL, {"input": fields}, token))["rejectChangeRequest"]


async def fetch(gql: GraphQLClient, token: str, request_id: str) -> dict[str, Any] | None:
    return (await gql.data(CHANGE_REQUEST_IN_FULL, {"id": request_id}, token))["changeRequest"]


async def record_of(
    gql: GraphQLClient, token: str, suid: str, school: int, program: str
) -> dict[str, Any]:
    """The student's participant-year record of `program` at the school, as the API shows it."""
    records = (
        await gql.data(PARTICIPANT_RECORDS_IN_FULL, {"suid": suid, "school": school}, token)
    )["participantRecords"]
    [record] = [r for r in records if r["program"]["programNumber"] == program]
    return record


def course_of(record: dict[str, Any], course_number: str) -> dict[str, Any] | None:
    return next(
        (c for c in record["courses"] if c["course"]["courseNumber"] == course_number), None
    )


def total(course: dict[str, Any]) -> Decimal:
    return Decimal(course["totalCredits"])


def codes(payload: dict[str, Any]) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]


REPOSITORIES = ("reference", "records", "calendar", "events", "requests")


def yield_on_every_store_call(store: Store, monkeypatch) -> None:
    """mongomock-motor answers without ever suspending, so racing coroutines would run one
    after the other. A real driver suspends on every call; this makes every repository call
    do so too, so that the race windows of concurrent operations really overlap."""
    for name in REPOSITORIES:
        repository = getattr(store, name)
        for method_name, method in inspect.getmembers(repository, inspect.iscoroutinefunction):
            if not method_name.startswith("_"):
                monkeypatch.setattr(repository, method_name, _yielding(method))


def _yielding(method):
    @functools.wraps(method)
    async def call(*args, **kwargs):
        await asyncio.sleep(0)
        return await method(*args, **kwargs)

    return call


def record_calls(monkeypatch, repository, method_name: str) -> list:
    """Record what each call of `repository.method_name` returned."""
    results, method = [], getattr(repository, method_name)

    async def recorded(*args, **kwargs):
        result = await method(*args, **kwargs)
        results.append(result)
        return result

    monkeypatch.setattr(repository, method_name, recorded)
    return results


class Crash(BaseException):
    """The process died right after a write."""


def crash_after(monkeypatch, repository, method_name: str) -> None:
    """Make `repository.method_name` perform its write and then raise, as a process that dies
    just after the database acknowledged the write."""
    method = getattr(repository, method_name)

    async def write_then_crash(*args, **kwargs):
        await method(*args, **kwargs)
        raise Crash(f"crashed after {method_name}")

    monkeypatch.setattr(repository, method_name, write_then_crash)

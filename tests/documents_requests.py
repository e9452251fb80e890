"""GraphQL documents and helpers shared by the submission, review and query tests: the
documents a frontend would send, and small helpers that drive a request into a status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from domain.models import Role
from tests.conftest import MESA, RED_MOUNTAIN, make_token

# A second Mesa user: a different `sub`, so a different owner of idempotency keys.
MESA_2 = make_token(Role.LEA_USER, "lea-mesa-2", "Mesa Second Coordinator", (MESA,))

REQUEST_FIELDS = """
  id kind status version fiscalYear submittedForFiscalYear credits gradeLevel reason retiredSuid
  justification
  rejectionReason submittedAt updatedAt
  student { suid }
  school { entityId }
  program { programNumber }
  course { courseNumber name }
  submittedBy { id name role }
  history { id kind at actor { id name role } comment fromStatus toStatus }
"""

PAYLOAD = f"""
  changeRequest {{ {REQUEST_FIELDS} }}
  userErrors {{ code message field }}
  clientMutationId
"""


def _mutation(name: str, input_type: str) -> str:
    return f"mutation Act($input: {input_type}!) {{ {name}(input: $input) {{ {PAYLOAD} }} }}"


SUBMIT = _mutation("submitInsertCreditsRequest", "SubmitInsertCreditsRequestInput")
APPROVE = _mutation("approveChangeRequest", "ApproveChangeRequestInput")
REJECT = _mutation("rejectChangeRequest", "RejectChangeRequestInput")
REQUEST_MORE_INFORMATION = _mutation("requestMoreInformation", "RequestMoreInformationInput")
PROVIDE_INFORMATION = _mutation("provideInformation", "ProvideInformationInput")
WITHDRAW = _mutation("withdrawChangeRequest", "WithdrawChangeRequestInput")

SET_FISCAL_YEAR_DATES = """
mutation Dates($input: SetFiscalYearDatesInput!) {
  setFiscalYearDates(input: $input) {
    fiscalYearDates { fiscalYear preliminaryRecordsCreatedOn finalRecordsCreatedOn }
    userErrors { code field }
  }
}
"""

FISCAL_YEAR_STATUS = "{ fiscalYearStatus { enrollmentFiscalYear participantFiscalYear } }"

CHANGE_REQUEST = f"query One($id: ID!) {{ changeRequest(id: $id) {{ {REQUEST_FIELDS} }} }}"

NODE = """
query Node($id: ID!) {
  node(id: $id) { __typename id ... on ChangeRequest { status version student { suid } } }
}
"""

CHANGE_REQUESTS = """
query List($filter: ChangeRequestFilter, $first: Int, $after: String) {
  changeRequests(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id status fiscalYear submittedAt student { suid }
                          school { entityId lea { entityId } } } }
  }
}
"""

PLACEMENT_SURVEY_LIST = """
query Placement($fiscalYear: Int, $school: Int, $first: Int, $after: String) {
  placementSurveyList(fiscalYear: $fiscalYear, schoolEntityId: $school, first: $first,
                      after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id fiscalYear student { suid } school { entityId }
                          status { concentrator placementSurveyEligible } } }
  }
}
"""

# Mateo Valenzuela: Red Mountain (Mesa), FY2026 Culinary record, Culinary Arts I at 0.5.
MATEO = "1002345701"
CULINARY, CULINARY_I, CULINARY_II, ADVANCED_CULINARY = "12.0500", "12050010", "12050020", "12050030"
NURSING, NURSING_I = "51.3900", "51390010"


def submit_input(**overrides: Any) -> dict[str, Any]:
    """A valid submission for Mateo at Red Mountain, with `overrides` (GraphQL names)."""
    values = {
        "suid": MATEO,
        "schoolEntityId": RED_MOUNTAIN,
        "programNumber": CULINARY,
        "courseNumber": CULINARY_I,
        "credits": "0.5",
        "gradeLevel": 10,
        "reason": "OUT_OF_STATE_TRANSFER",
        "justification": "Transcript from a Nevada high school shows 0.5 credit earned.",
    }
    values.update(overrides)
    return values


async def submit(gql, token: str, **overrides: Any) -> dict[str, Any]:
    """The submission's payload."""
    data = await gql.data(SUBMIT, {"input": submit_input(**overrides)}, token)
    return data["submitInsertCreditsRequest"]


async def submitted(gql, token: str, **overrides: Any) -> dict[str, Any]:
    """A submission that must succeed; the stored request."""
    payload = await submit(gql, token, **overrides)
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["changeRequest"]


async def act(gql, document: str, token: str, **input_values: Any) -> dict[str, Any]:
    """Run a review mutation; its payload."""
    data = await gql.data(document, {"input": input_values}, token)
    return next(iter(data.values()))


async def acted(gql, document: str, token: str, **input_values: Any) -> dict[str, Any]:
    """A review action that must succeed; the changed request."""
    payload = await act(gql, document, token, **input_values)
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["changeRequest"]


async def fetch(gql, token: str, request_id: str) -> dict[str, Any] | None:
    return (await gql.data(CHANGE_REQUEST, {"id": request_id}, token))["changeRequest"]


@dataclass(frozen=True)
class StoredCounts:
    requests: int
    events: int


async def stored_counts(app) -> StoredCounts:
    """How many change requests and logged events the store holds."""
    db = app.state.services.store.db
    return StoredCounts(
        await db.change_requests.count_documents({}), await db.events.count_documents({})
    )


def codes_and_fields(payload: dict[str, Any]) -> list[tuple[str, list[str] | None]]:
    return [(e["code"], e["field"]) for e in payload["userErrors"]]


def advance(clock, seconds: float = 1) -> None:
    """Move the fixed clock forward, so that the next submission has a later submittedAt."""
    clock.now = clock.now + timedelta(seconds=seconds)

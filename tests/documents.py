"""The GraphQL documents the tests send, each under one name, written as an LEA frontend or a
reviewer dashboard would send them. Families by what they select:

- plain names (SUBMIT, APPROVE, CHANGE_REQUEST, ...): a request's own fields and its
  history, what the submission, review and query tests check;
- *_BRIEF: the request's id, status and version and the user errors, for tests that only
  drive a request along (subscriptions, limits, fuzzing);
- *_IN_FULL: every field with every relation followed one level down, for the approval,
  assessment and round-trip tests;
- *_WITH_EVIDENCE / *_WITH_ADVISORIES: a request's evidence files, its advisories.
"""

STATUS_FLAGS = "participant concentrator completer placementSurveyEligible"
USER_ERRORS = "userErrors { code message field }"


def _mutation(name: str, input_type: str, payload: str) -> str:
    operation = name[0].upper() + name[1:]
    return (
        f"mutation {operation}($input: {input_type}!) {{ {name}(input: $input) {{ {payload} }} }}"
    )


def _review_family(payload: str, suffix: str = "") -> dict[str, str]:
    """The submission and the five review mutations with one payload selection."""
    return {
        f"SUBMIT{suffix}": _mutation(
            "submitInsertCreditsRequest", "SubmitInsertCreditsRequestInput", payload
        ),
        f"APPROVE{suffix}": _mutation("approveChangeRequest", "ApproveChangeRequestInput", payload),
        f"REJECT{suffix}": _mutation("rejectChangeRequest", "RejectChangeRequestInput", payload),
        f"REQUEST_MORE_INFORMATION{suffix}": _mutation(
            "requestMoreInformation", "RequestMoreInformationInput", payload
        ),
        f"PROVIDE_INFORMATION{suffix}": _mutation(
            "provideInformation", "ProvideInformationInput", payload
        ),
        f"WITHDRAW{suffix}": _mutation(
            "withdrawChangeRequest", "WithdrawChangeRequestInput", payload
        ),
    }


# --- a request's own fields and its history -----------------------------------------------

REQUEST_FIELDS = """
  id kind status version fiscalYear submittedForFiscalYear credits gradeLevel reason retiredSuid
  justification rejectionReason submittedAt updatedAt
  student { suid }
  school { entityId }
  program { programNumber }
  course { courseNumber name }
  submittedBy { id name role }
  history { id kind at actor { id name role } comment fromStatus toStatus }
"""
_PAYLOAD = f"changeRequest {{ {REQUEST_FIELDS} }} {USER_ERRORS} clientMutationId"
_REVIEW = _review_family(_PAYLOAD)
SUBMIT = _REVIEW["SUBMIT"]
APPROVE = _REVIEW["APPROVE"]
REJECT = _REVIEW["REJECT"]
REQUEST_MORE_INFORMATION = _REVIEW["REQUEST_MORE_INFORMATION"]
PROVIDE_INFORMATION = _REVIEW["PROVIDE_INFORMATION"]
WITHDRAW = _REVIEW["WITHDRAW"]

CHANGE_REQUEST = f"query One($id: ID!) {{ changeRequest(id: $id) {{ {REQUEST_FIELDS} }} }}"

NODE = """
query Node($id: ID!) {
  node(id: $id) { __typename id ... on ChangeRequest { status version student { suid } } }
}
"""

CHANGE_REQUESTS = """
query List($filter: ChangeRequestFilter, $first: Int, $after: String,
           $order: ChangeRequestOrder! = NEWEST_FIRST) {
  changeRequests(filter: $filter, first: $first, after: $after, order: $order) {
    totalCount
    pageInfo { hasNextPage endCursor hasPreviousPage startCursor }
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
    pageInfo { hasNextPage endCursor hasPreviousPage startCursor }
    edges { cursor node { id fiscalYear student { suid } school { entityId }
                          status { concentrator placementSurveyEligible } } }
  }
}
"""

# --- just enough to drive a request along ---------------------------------------------------

_BRIEF = _review_family(f"changeRequest {{ id status version }} {USER_ERRORS}", "_BRIEF")
SUBMIT_BRIEF = _BRIEF["SUBMIT_BRIEF"]
APPROVE_BRIEF = _BRIEF["APPROVE_BRIEF"]
REQUEST_MORE_INFORMATION_BRIEF = _BRIEF["REQUEST_MORE_INFORMATION_BRIEF"]
PROVIDE_INFORMATION_BRIEF = _BRIEF["PROVIDE_INFORMATION_BRIEF"]

# --- every field, every relation one level down ------------------------------------------

RECORD_FIELDS_IN_FULL = f"""
  id fiscalYear version updatedAt totalCredits
  student {{ suid firstName lastName exitedOn exitReason }}
  school {{ entityId ctds name lea {{ entityId name kind }} }}
  program {{ programNumber name courses {{ courseNumber name kind required }} }}
  courses {{
    course {{ courseNumber name kind required }}
    reportedCredits insertedCredits totalCredits
    insertions {{ changeRequestId credits approvedAt }}
  }}
  status {{ {STATUS_FLAGS} }}
"""

REQUEST_FIELDS_IN_FULL = f"""
  id kind status version fiscalYear submittedForFiscalYear credits gradeLevel reason retiredSuid
  justification rejectionReason submittedAt updatedAt
  student {{ suid firstName lastName exitedOn exitReason }}
  school {{ entityId ctds name lea {{ entityId name kind }} }}
  program {{ programNumber name courses {{ courseNumber name kind required }} }}
  course {{ courseNumber name kind required }}
  retiredSuidRecords {{ {RECORD_FIELDS_IN_FULL} }}
  evidence {{ id filename contentType size sha256 downloadUrl uploadedAt }}
  record {{ {RECORD_FIELDS_IN_FULL} }}
  impact {{ before {{ {STATUS_FLAGS} }} after {{ {STATUS_FLAGS} }} changesStatus }}
  advisories {{ code message }}
  history {{
    id kind at comment fromStatus toStatus
    actor {{ id name role }}
    changeRequest {{ id status }}
  }}
  submittedBy {{ id name role }}
"""
_IN_FULL = _review_family(f"changeRequest {{ {REQUEST_FIELDS_IN_FULL} }} {USER_ERRORS}", "_IN_FULL")
SUBMIT_IN_FULL = _IN_FULL["SUBMIT_IN_FULL"]
APPROVE_IN_FULL = _IN_FULL["APPROVE_IN_FULL"]
REJECT_IN_FULL = _IN_FULL["REJECT_IN_FULL"]

CHANGE_REQUEST_IN_FULL = f"""
query Request($id: ID!) {{
  changeRequest(id: $id) {{ {REQUEST_FIELDS_IN_FULL} }}
}}
"""

CHANGE_REQUESTS_IN_FULL = f"""
query Requests($first: Int, $after: String, $filter: ChangeRequestFilter) {{
  changeRequests(first: $first, after: $after, filter: $filter) {{
    totalCount
    pageInfo {{ hasNextPage endCursor }}
    edges {{ cursor node {{ {REQUEST_FIELDS_IN_FULL} }} }}
  }}
}}
"""

PARTICIPANT_RECORDS_IN_FULL = f"""
query Records($suid: String!, $school: Int!) {{
  participantRecords(suid: $suid, schoolEntityId: $school) {{ {RECORD_FIELDS_IN_FULL} }}
}}
"""

PLACEMENT_SURVEY_LIST_IN_FULL = f"""
query Placement($fiscalYear: Int, $school: Int, $first: Int) {{
  placementSurveyList(fiscalYear: $fiscalYear, schoolEntityId: $school, first: $first) {{
    totalCount
    edges {{ node {{ {RECORD_FIELDS_IN_FULL} }} }}
  }}
}}
"""

# --- evidence and advisories ------------------------------------------------------------

_WITH_EVIDENCE = f"""
  changeRequest {{
    id status version
    evidence {{ id filename contentType size sha256 downloadUrl uploadedAt }}
    advisories {{ code }}
  }}
  {USER_ERRORS}
"""
_EVIDENCE = _review_family(_WITH_EVIDENCE, "_WITH_EVIDENCE")
SUBMIT_WITH_EVIDENCE = _EVIDENCE["SUBMIT_WITH_EVIDENCE"]
PROVIDE_INFORMATION_WITH_EVIDENCE = _EVIDENCE["PROVIDE_INFORMATION_WITH_EVIDENCE"]

REQUEST_MORE_INFORMATION_WITH_ADVISORIES = _mutation(
    "requestMoreInformation",
    "RequestMoreInformationInput",
    f"changeRequest {{ status advisories {{ code }} }} {USER_ERRORS}",
)

# --- records and the calendar -----------------------------------------------------------

# The names of the student (tests that no log line holds them).
STUDENT_NAMES_OF_RECORDS = """
query StudentRecords($suid: String!, $school: Int!) {
  participantRecords(suid: $suid, schoolEntityId: $school) {
    id student { suid firstName lastName } courses { totalCredits }
  }
}"""

RECORD_IDS = """query Records($suid: String!, $school: Int!) {
  participantRecords(suid: $suid, schoolEntityId: $school) { id fiscalYear }
}"""

SET_FISCAL_YEAR_DATES = f"""
mutation Dates($input: SetFiscalYearDatesInput!) {{
  setFiscalYearDates(input: $input) {{
    fiscalYearDates {{ fiscalYear preliminaryRecordsCreatedOn finalRecordsCreatedOn }}
    {USER_ERRORS}
  }}
}}
"""

FISCAL_YEAR_STATUS = """
query { fiscalYearStatus { enrollmentFiscalYear participantFiscalYear creditAdjustmentWindowOpen } }
"""

# --- the subscription -------------------------------------------------------------------

CHANGE_REQUEST_EVENTS = """
subscription Events($filter: ChangeRequestEventFilter, $after: ID) {
  changeRequestEvents(filter: $filter, after: $after) {
    id kind at comment fromStatus toStatus
    actor { id name role }
    changeRequest { id status version school { entityId } }
  }
}"""

ACCESS_LOG = """
query Log($filter: AccessLogFilter, $first: Int, $after: String) {
  accessLog(filter: $filter, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor hasPreviousPage }
    edges { cursor node { id at kind suid schoolEntityId changeRequestId attachmentId
                          actor { id name role } } }
  }
}"""

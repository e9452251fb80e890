"""GraphQL documents of the approval, assessment, concurrency and round-trip tests, written as
a reviewer dashboard or an LEA frontend would send them."""

STATUS = "participant concentrator completer placementSurveyEligible"

RECORD_FIELDS = f"""
  id fiscalYear version updatedAt totalCredits
  student {{ suid firstName lastName exitedOn exitReason }}
  school {{ entityId ctds name lea {{ entityId name kind }} }}
  program {{ programNumber name courses {{ courseNumber name kind required }} }}
  courses {{
    course {{ courseNumber name kind required }}
    reportedCredits insertedCredits totalCredits
    insertions {{ changeRequestId credits approvedAt }}
  }}
  status {{ {STATUS} }}
"""

# Every field of ChangeRequest, with every relation followed one level down.
REQUEST_FIELDS = f"""
  id kind status version fiscalYear submittedForFiscalYear credits gradeLevel reason retiredSuid
  justification
  rejectionReason submittedAt updatedAt
  student {{ suid firstName lastName exitedOn exitReason }}
  school {{ entityId ctds name lea {{ entityId name kind }} }}
  program {{ programNumber name courses {{ courseNumber name kind required }} }}
  course {{ courseNumber name kind required }}
  retiredSuidRecords {{ {RECORD_FIELDS} }}
  evidence {{ id filename contentType size sha256 downloadUrl uploadedAt }}
  record {{ {RECORD_FIELDS} }}
  impact {{ before {{ {STATUS} }} after {{ {STATUS} }} changesStatus }}
  advisories {{ code message }}
  history {{
    id kind at comment fromStatus toStatus
    actor {{ id name role }}
    changeRequest {{ id status }}
  }}
  submittedBy {{ id name role }}
"""

PAYLOAD = f"""
  changeRequest {{ {REQUEST_FIELDS} }}
  userErrors {{ code message field }}
"""

SUBMIT = f"""
mutation Submit($input: SubmitInsertCreditsRequestInput!) {{
  submitInsertCreditsRequest(input: $input) {{ {PAYLOAD} }}
}}
"""

APPROVE = f"""
mutation Approve($input: ApproveChangeRequestInput!) {{
  approveChangeRequest(input: $input) {{ {PAYLOAD} }}
}}
"""

REJECT = f"""
mutation Reject($input: RejectChangeRequestInput!) {{
  rejectChangeRequest(input: $input) {{ {PAYLOAD} }}
}}
"""

CHANGE_REQUEST = f"""
query Request($id: ID!) {{
  changeRequest(id: $id) {{ {REQUEST_FIELDS} }}
}}
"""

CHANGE_REQUESTS_PAGE = f"""
query Requests($first: Int, $after: String, $filter: ChangeRequestFilter) {{
  changeRequests(first: $first, after: $after, filter: $filter) {{
    totalCount
    pageInfo {{ hasNextPage endCursor }}
    edges {{ cursor node {{ {REQUEST_FIELDS} }} }}
  }}
}}
"""

PARTICIPANT_RECORDS = f"""
query Records($suid: String!, $school: Int!) {{
  participantRecords(suid: $suid, schoolEntityId: $school) {{ {RECORD_FIELDS} }}
}}
"""

PLACEMENT_SURVEY_LIST = f"""
query Placement($fiscalYear: Int, $school: Int, $first: Int) {{
  placementSurveyList(fiscalYear: $fiscalYear, schoolEntityId: $school, first: $first) {{
    totalCount
    edges {{ node {{ {RECORD_FIELDS} }} }}
  }}
}}
"""

SET_FISCAL_YEAR_DATES = """
mutation Dates($input: SetFiscalYearDatesInput!) {
  setFiscalYearDates(input: $input) {
    fiscalYearDates { fiscalYear preliminaryRecordsCreatedOn finalRecordsCreatedOn }
    userErrors { code message field }
  }
}
"""

FISCAL_YEAR_STATUS = """
query { fiscalYearStatus { enrollmentFiscalYear participantFiscalYear creditAdjustmentWindowOpen } }
"""

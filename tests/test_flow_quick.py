from tests.conftest import RED_MOUNTAIN

SUBMIT = """
mutation Submit($input: SubmitInsertCreditsRequestInput!) {
  submitInsertCreditsRequest(input: $input) {
    changeRequest { id status version credits fiscalYear impact { before { participant } after { participant } changesStatus }
      advisories { code } record { id } history { kind actor { id } } }
    userErrors { code field message }
  }
}"""
APPROVE = """
mutation A($input: ApproveChangeRequestInput!) {
  approveChangeRequest(input: $input) {
    changeRequest { id status version record { courses { course { courseNumber } reportedCredits insertedCredits totalCredits } status { participant } } }
    userErrors { code field message }
  }
}"""


async def test_submit_then_approve(gql, tokens):
    body = await gql.data(SUBMIT, {"input": {
        "suid": "1002345701", "schoolEntityId": RED_MOUNTAIN, "programNumber": "12.0500",
        "courseNumber": "12050010", "credits": "0.5", "gradeLevel": 10,
        "reason": "OUT_OF_STATE_TRANSFER", "justification": "Transcript from Texas"}}, tokens.mesa)
    print(body)
    request = body["submitInsertCreditsRequest"]["changeRequest"]
    assert request["status"] == "PENDING_REVIEW"
    body = await gql.data(APPROVE, {"input": {"id": request["id"]}}, tokens.reviewer)
    print(body)
    assert body["approveChangeRequest"]["changeRequest"]["status"] == "APPROVED"

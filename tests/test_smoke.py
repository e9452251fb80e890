"""The app starts on the sample data and answers the README's first query."""

from tests.conftest import RED_MOUNTAIN

FIRST_QUERY = """
query StudentRecords($suid: String!, $school: Int!) {
  participantRecords(suid: $suid, schoolEntityId: $school) {
    id fiscalYear
    program { programNumber name }
    courses { course { courseNumber name kind } reportedCredits insertedCredits totalCredits }
    status { participant concentrator completer placementSurveyEligible }
  }
}
"""


async def test_first_query_returns_a_sample_students_records(gql, tokens):
    data = await gql.data(FIRST_QUERY, {"suid": "1002345678", "school": RED_MOUNTAIN}, tokens.mesa)
    [record] = data["participantRecords"]
    assert record["fiscalYear"] == 2026
    assert record["status"]["participant"] is True
    assert record["courses"][0]["totalCredits"] == "1"

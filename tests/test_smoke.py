"""The app starts on the sample data and answers the README's first query."""

from server.app import create_app, sample_data_dir
from tests.conftest import RED_MOUNTAIN
from tests.sample import ANA

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
    data = await gql.data(FIRST_QUERY, {"suid": ANA, "school": RED_MOUNTAIN}, tokens.mesa)
    [record] = data["participantRecords"]
    assert record["fiscalYear"] == 2026
    assert record["status"]["participant"] is True
    assert record["courses"][0]["totalCredits"] == "1"


async def test_the_app_loads_a_data_folder_at_start(settings, store, clock):
    """What `ctecr serve` does; the other tests get the sample data copied in instead."""
    app = create_app(settings, store=store, clock=clock, data_dir=sample_data_dir())
    assert await store.db.records.count_documents({}) == 0
    async with app.router.lifespan_context(app):
        assert await store.db.records.count_documents({"suid": ANA}) == 2

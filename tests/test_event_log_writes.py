"""Writes around the event log: a failure or a crash after a transition's request write loses
neither the transition's evidence nor any event of the log, and a written transition is
reported as done."""

import pytest
from bson import ObjectId

from domain.access import EVERYTHING as ALL
from domain.change_requests.model import EventKind, RequestFilter
from domain.change_requests.transitions import Action
from domain.models import Role, Viewer
from tests.conftest import MESA
from tests.documents import PROVIDE_INFORMATION, REQUEST_MORE_INFORMATION
from tests.domain_calls import review
from tests.evidence_files import MemoryUpload, pdf_bytes
from tests.request_support import acted, submitted

MESA_USER = Viewer(
    id="lea-mesa", name="Mesa Coordinator", role=Role.LEA_USER, lea_ids=frozenset({MESA})
)


class LogDown(Exception):
    """The event log's database is unreachable for a moment."""


class Crash(BaseException):
    """The process dies (not an error the code could handle)."""


def fail_event_appends(store, monkeypatch, failure=LogDown) -> None:
    async def down(*_):
        raise failure()

    monkeypatch.setattr(store.events, "append", down)


async def logged_kinds(store, request_id: str) -> list[str]:
    cursor = store.db.events.find({"changeRequestId": request_id}).sort("seq", 1)
    return [event["kind"] async for event in cursor]


async def test_a_log_failure_after_provide_information_keeps_its_evidence(
    app, gql, tokens, store, monkeypatch
):
    request = await submitted(gql, tokens.mesa)
    await acted(
        gql,
        REQUEST_MORE_INFORMATION,
        tokens.reviewer,
        id=request["id"],
        comment="Please attach the transcript.",
    )
    request_id = (await store.requests.page(ALL, RequestFilter(), None, 1))[0].id
    fail_event_appends(store, monkeypatch)

    provided = await review(
        app.state.services,
        MESA_USER,
        Action.PROVIDE_INFORMATION,
        request_id,
        comment="Transcript attached.",
        evidence=[MemoryUpload("transcript.pdf", pdf_bytes())],
    )

    assert provided.status == "PENDING_REVIEW"  # the transition is written and reported
    stored = await store.requests.get(ALL, request_id)
    assert (await store.db.change_requests.find_one({}))["eventLogPending"] is True
    [attachment] = stored.evidence
    chunks = store.db.attachment_chunks
    assert await chunks.count_documents({"attachmentId": ObjectId(attachment.id)}) > 0


async def test_an_event_left_unlogged_by_a_crash_is_logged_by_the_next_transition(
    app, gql, tokens, store, monkeypatch
):
    request = await submitted(gql, tokens.mesa)
    request_id = (await store.requests.page(ALL, RequestFilter(), None, 1))[0].id
    with monkeypatch.context() as patch:
        fail_event_appends(store, patch, Crash)
        with pytest.raises(Crash):
            await review(
                app.state.services,
                Viewer(id="reviewer-1", name="Riley Reviewer", role=Role.REVIEWER),
                Action.REQUEST_MORE_INFORMATION,
                request_id,
                comment="Please attach the transcript.",
            )

    await acted(gql, PROVIDE_INFORMATION, tokens.mesa, id=request["id"], comment="Here it is.")

    assert await logged_kinds(store, request_id) == [
        EventKind.SUBMITTED,
        EventKind.MORE_INFORMATION_REQUESTED,
        EventKind.INFORMATION_PROVIDED,
    ]
    assert (await store.requests.get(ALL, request_id)).events_logged == 3


async def test_an_event_is_logged_even_when_the_counter_is_behind_the_log(app, gql, tokens, store):
    """A counter restored older than the log must not make a new event collide and vanish."""
    await submitted(gql, tokens.mesa)
    await store.db.counters.update_one({"_id": "events"}, {"$set": {"seq": 0}})

    second = await submitted(gql, tokens.mesa, courseNumber="12050020")

    kinds = [e["kind"] async for e in store.db.events.find().sort("seq", 1)]
    assert kinds == ["SUBMITTED", "SUBMITTED"]
    assert second["id"]

"""changeRequestEvents through the real app: graphql-transport-ws over Starlette's TestClient,
mutations over HTTP on the same client."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from datetime import timedelta

import pytest
from starlette.testclient import TestClient

from domain.models import Role
from domain.repository import open_store
from schema.ids import local_id
from schema.types import Student
from server.app import GraphQLApp, create_app, sample_data_dir
from server.auth import issue_token
from server.settings import DEVELOPMENT_SECRET
from tests.conftest import MESA, REAL_MONGODB, RED_MOUNTAIN, TUCSON, TUCSON_HIGH
from tests.documents import APPROVE_BRIEF, PROVIDE_INFORMATION_BRIEF, REQUEST_MORE_INFORMATION_BRIEF
from tests.hardening import log_lines  # noqa: F401 (a fixture)
from tests.sample import ETHAN, ISABEL, MATEO, NOAH, SOFIA
from tests.sample_store import load_sample_data
from tests.ws import PROTOCOL, HeldEvents, Socket, connect, mounted, post, submit, wait_until


@pytest.fixture
async def shared_store(clock):
    """One store for every app instance of a test, with the sample data copied in (a fresh
    database on a real MongoDB, where each app loads the files at start: motor is bound to
    the loop of the TestClient that first uses it)."""
    if not REAL_MONGODB:
        store = open_store(None, "ctecr_ws")
        await load_sample_data(store, clock)
        yield store
        return
    import pymongo

    name = f"ctecr_test_{uuid.uuid4().hex[:12]}"
    yield open_store(REAL_MONGODB, name)
    pymongo.MongoClient(REAL_MONGODB).drop_database(name)


@pytest.fixture
def make_app(settings, shared_store, clock):
    def make(**feed_options):
        data_dir = sample_data_dir() if REAL_MONGODB else None
        app = create_app(settings, store=shared_store, clock=clock, data_dir=data_dir)
        for option, value in feed_options.items():
            setattr(app.state.services.event_feed, option, value)
        return app

    return make


@pytest.fixture
def client(make_app):
    app = make_app()
    with TestClient(app) as client:
        client.feed = app.state.services.event_feed
        yield client


def subscribed(client: TestClient, socket: Socket, count: int = 1, **variables) -> None:
    """Subscribe and wait until the feed has the subscriber (the protocol sends no ack)."""
    socket.subscribe(variables, op_id=str(count))
    wait_until(lambda: client.feed.subscriber_count == count)


def submit_mesa(client, tokens, suid=MATEO, course="12050010", **kwargs):
    return submit(client, tokens.mesa, suid, RED_MOUNTAIN, "12.0500", course, **kwargs)


def submit_tucson(client, tokens, **kwargs):
    return submit(client, tokens.tucson, ISABEL, TUCSON_HIGH, "12.0500", "12050010", **kwargs)


# --- authentication ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        None,
        {},
        {"Authorization": "Bearer not-a-jwt"},
        {"Authorization": "Basic abc"},
        {
            "Authorization": "Bearer "
            + issue_token(
                "another-secret-of-at-least-32-bytes!!", role=Role.REVIEWER, sub="x", name="X"
            )
        },
        {
            "Authorization": "Bearer "
            + issue_token(
                DEVELOPMENT_SECRET,
                role=Role.REVIEWER,
                sub="x",
                name="X",
                lifetime=timedelta(seconds=-1),
            )
        },
    ],
)
def test_a_missing_or_bad_token_closes_the_socket_with_4403(client, payload):
    with client.websocket_connect("/graphql", subprotocols=[PROTOCOL]) as session:
        closed = Socket(session).init(payload)
    assert closed["type"] == "close" and closed["code"] == 4403


def test_the_header_of_the_upgrade_request_does_not_authenticate(client, tokens):
    with client.websocket_connect(
        "/graphql", subprotocols=[PROTOCOL], headers={"Authorization": f"Bearer {tokens.reviewer}"}
    ) as s:
        closed = Socket(s).init({})
    assert closed["code"] == 4403


def test_the_connection_closes_when_its_token_expires(client):
    """A connection lasts no longer than its token; live subscriptions end with it."""
    token = issue_token(
        DEVELOPMENT_SECRET,
        role=Role.REVIEWER,
        sub="reviewer-brief",
        name="Brief Reviewer",
        lifetime=timedelta(seconds=1),
    )
    with connect(client, token) as socket:
        socket.subscribe()
        wait_until(lambda: client.feed.subscriber_count == 1)
        closed = socket.receive(timeout=5)
    assert (closed["type"], closed["code"], closed["reason"]) == ("close", 4403, "token expired")


def test_the_payload_token_is_the_viewer_of_the_connection(client, tokens):
    """The EVIT user may not name Mesa in a filter: the connection's viewer is EVIT's."""
    with connect(client, tokens.evit) as socket:
        socket.subscribe({"filter": {"leaEntityId": MESA}}, op_id="s")
        message = socket.message("s")
    assert [e["extensions"]["code"] for e in message["payload"]["errors"]] == ["FORBIDDEN"]


@pytest.mark.parametrize(
    "document",
    [
        "{ viewer { id role } }",
        'mutation { withdrawChangeRequest(input: {id: "x"}) { userErrors { code } } }',
    ],
)
def test_queries_and_mutations_over_the_websocket_are_refused(client, tokens, document):
    """The connection's context outlives one operation, so its reads would go stale. Having
    run over HTTP (server.prepared_operations keeps it then) changes nothing."""
    post(client, document, {}, tokens.reviewer)
    with connect(client, tokens.reviewer) as socket:
        socket.subscribe(query=document, op_id="q")
        message = socket.message("q")
    assert message["type"] == "error"
    assert [e["extensions"]["code"] for e in message["payload"]] == ["BAD_REQUEST"]


def test_a_subscription_run_over_the_websocket_is_still_refused_over_http(client, tokens):
    """It never reaches execution over HTTP, so it is never kept for the short path there
    (server.prepared_operations)."""
    document = "subscription Live { changeRequestEvents { __typename } }"
    with connect(client, tokens.reviewer) as socket:
        socket.subscribe(query=document, op_id="s")
    for _ in range(2):
        response = client.post(
            "/graphql",
            json={"query": document},
            headers={"Authorization": f"Bearer {tokens.reviewer}"},
        )
        assert [e["extensions"]["code"] for e in response.json()["errors"]] == ["BAD_REQUEST"]
    assert (document, None) not in client.app.state.graphql.prepared


# --- a request's life ---------------------------------------------------------------------


def test_a_reviewer_watches_a_request_go_through_its_life(client, tokens):
    """An LEA user submits and answers; a second reviewer asks and decides."""
    with connect(client, tokens.reviewer) as socket:
        subscribed(client, socket)
        request = submit_mesa(client, tokens)
        mutations = [
            (
                REQUEST_MORE_INFORMATION_BRIEF,
                {"id": request["id"], "comment": "Which school issued the transcript?"},
                tokens.reviewer2,
            ),
            (
                PROVIDE_INFORMATION_BRIEF,
                {"id": request["id"], "comment": "Lincoln High, Austin TX"},
                tokens.mesa,
            ),
            (
                APPROVE_BRIEF,
                {"id": request["id"], "comment": "Transcript checks out"},
                tokens.reviewer2,
            ),
        ]
        for mutation, given, token in mutations:
            payload = next(iter(post(client, mutation, {"input": given}, token).values()))
            assert payload["userErrors"] == []
        events = [socket.event() for _ in range(4)]
    mesa = {"id": "lea-mesa", "name": "Mesa Coordinator", "role": "LEA_USER"}
    robin = {"id": "reviewer-2", "name": "Robin Reviewer", "role": "REVIEWER"}
    assert [
        (e["kind"], e["actor"], e["fromStatus"], e["toStatus"], e["comment"]) for e in events
    ] == [
        ("SUBMITTED", mesa, None, "PENDING_REVIEW", None),
        (
            "MORE_INFORMATION_REQUESTED",
            robin,
            "PENDING_REVIEW",
            "MORE_INFORMATION_REQUESTED",
            "Which school issued the transcript?",
        ),
        (
            "INFORMATION_PROVIDED",
            mesa,
            "MORE_INFORMATION_REQUESTED",
            "PENDING_REVIEW",
            "Lincoln High, Austin TX",
        ),
        ("APPROVED", robin, "PENDING_REVIEW", "APPROVED", "Transcript checks out"),
    ]
    local = local_id(request["id"], "ChangeRequest")
    assert [e["id"] for e in events] == [f"{local}:{version}" for version in (1, 2, 3, 4)]
    assert {e["changeRequest"]["id"] for e in events} == {request["id"]}


def test_each_event_reads_related_objects_as_they_are_then(client, tokens):
    """The connection's context outlives one event: its loaders must not serve stale data."""
    query = """subscription { changeRequestEvents {
      kind changeRequest { record { courses { course { courseNumber } insertedCredits } } } } }"""
    with connect(client, tokens.reviewer) as socket:
        socket.subscribe(query=query)
        wait_until(lambda: client.feed.subscriber_count == 1)
        request = submit_mesa(client, tokens)
        submitted = socket.event()
        post(client, APPROVE_BRIEF, {"input": {"id": request["id"]}}, tokens.reviewer)
        approved = socket.event()

    def inserted(event):
        courses = event["changeRequest"]["record"]["courses"]
        return next(
            c["insertedCredits"] for c in courses if c["course"]["courseNumber"] == "12050010"
        )

    assert (submitted["kind"], inserted(submitted)) == ("SUBMITTED", "0")
    assert (approved["kind"], inserted(approved)) == ("APPROVED", "0.5")


def test_subscribers_of_one_event_share_its_reads(client, shared_store, tokens):
    """Related objects of an event are read once for all its subscribers, not once each. The
    count spans the submission too (the same path for both students), because the feed may
    deliver the event before the submitting request has returned."""
    query = "subscription { changeRequestEvents { changeRequest { student { lastName } } } }"

    def reads_for_one_event(subscribers: int, suid: str) -> int:
        with contextlib.ExitStack() as stack:
            sockets = [
                stack.enter_context(connect(client, tokens.reviewer)) for _ in range(subscribers)
            ]
            for socket in sockets:
                socket.subscribe(query=query)
            wait_until(lambda: client.feed.subscriber_count == subscribers)
            before = shared_store.round_trips.count
            submit_mesa(client, tokens, suid=suid)
            for socket in sockets:
                socket.event()
            return shared_store.round_trips.count - before

    client.portal.call(client.app.state.services.calendar.all)  # warm, as after any operation
    assert reads_for_one_event(3, MATEO) == reads_for_one_event(1, SOFIA)


def test_subscribers_of_one_document_variables_and_scope_share_one_execution(
    client, tokens, monkeypatch
):
    """Per event, one execution and one encoded payload for each document, variables and
    scope: three reviewers share one; a reviewer filtering by kind runs another; Mesa's two
    users a third, which a user of Mesa and Tucson (another scope) does not share."""
    query = """subscription Students($filter: ChangeRequestEventFilter) {
      changeRequestEvents(filter: $filter) { id changeRequest { student { lastName } } } }"""
    executions = []  # the student each execution resolved (Student.of runs once in each)
    student_of = Student.of.__func__
    monkeypatch.setattr(
        Student, "of", classmethod(lambda cls, s: executions.append(s.suid) or student_of(cls, s))
    )
    encoded = []  # the events' payloads encoded (not the mutations' responses)
    encode = GraphQLApp.encode_json

    def counted(view, data):
        if data.keys() == {"data"} and "changeRequestEvents" in (data["data"] or {}):
            encoded.append(data["data"]["changeRequestEvents"]["id"])
        return encode(view, data)

    monkeypatch.setattr(GraphQLApp, "encode_json", counted)
    mesa_and_tucson = issue_token(
        DEVELOPMENT_SECRET, role=Role.LEA_USER, sub="lea-both", name="Both", lea_ids=(MESA, TUCSON)
    )
    viewers = [tokens.reviewer, tokens.reviewer, tokens.reviewer2, tokens.reviewer]
    viewers += [tokens.mesa, tokens.mesa, mesa_and_tucson]
    filters = [None, None, None, {"kinds": ["SUBMITTED"]}, None, None, None]
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(connect(client, token)) for token in viewers]
        for count, (socket, given) in enumerate(zip(sockets, filters, strict=True), 1):
            socket.subscribe({"filter": given}, op_id=str(count), query=query)
            wait_until(lambda count=count: client.feed.subscriber_count == count)
        for suid in (MATEO, SOFIA):
            submit_mesa(client, tokens, suid=suid)
        received = [[s.event(str(n))["id"] for _ in range(2)] for n, s in enumerate(sockets, 1)]
    assert all(ids == received[0] for ids in received)
    assert sorted(executions) == sorted([MATEO] * 4 + [SOFIA] * 4)
    assert sorted(encoded) == sorted([received[0][0]] * 4 + [received[0][1]] * 4)


# --- visibility and filters ---------------------------------------------------------------


@pytest.mark.parametrize(
    "event_filter",
    [
        None,
        {},
        {"kinds": ["SUBMITTED"]},
        {"schoolEntityId": RED_MOUNTAIN},
        {"leaEntityId": MESA},
    ],
)
def test_an_lea_user_never_sees_another_leas_events(client, tokens, event_filter):
    with connect(client, tokens.mesa) as socket:
        subscribed(client, socket, filter=event_filter)
        submit_tucson(client, tokens)
        mine = submit_mesa(client, tokens)
        # Tucson's event was logged first: had it been sent, it would come first.
        event = socket.event()
    assert event["changeRequest"]["id"] == mine["id"]
    assert event["changeRequest"]["school"]["entityId"] == RED_MOUNTAIN


@pytest.mark.parametrize("event_filter", [{"leaEntityId": TUCSON}, {"schoolEntityId": TUCSON_HIGH}])
def test_an_lea_user_naming_another_lea_or_its_school_is_forbidden(client, tokens, event_filter):
    with connect(client, tokens.mesa) as socket:
        socket.subscribe({"filter": event_filter})
        message = socket.receive()
    assert message["type"] == "next"
    [error] = message["payload"]["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert client.feed.subscriber_count == 0


def test_a_reviewer_sees_every_lea_and_kinds_filter_the_events(client, tokens):
    with connect(client, tokens.reviewer) as socket:
        subscribed(client, socket, 1, filter={"kinds": ["APPROVED"]})
        subscribed(client, socket, 2, filter={"kinds": ["SUBMITTED"]})
        tucson = submit_tucson(client, tokens)
        mesa = submit_mesa(client, tokens)
        post(client, APPROVE_BRIEF, {"input": {"id": mesa["id"]}}, tokens.reviewer)
        submitted = [socket.event("2"), socket.event("2")]
        approved = socket.event("1")
    assert [e["changeRequest"]["id"] for e in submitted] == [tucson["id"], mesa["id"]]
    assert {e["kind"] for e in submitted} == {"SUBMITTED"}
    assert approved["kind"] == "APPROVED" and approved["changeRequest"]["id"] == mesa["id"]


# --- resuming -----------------------------------------------------------------------------


def test_after_replays_later_events_oldest_first_then_continues_live(client, tokens):
    with connect(client, tokens.reviewer) as socket:
        subscribed(client, socket)
        submit_mesa(client, tokens)
        first = socket.event()
    second = submit_mesa(client, tokens, suid=SOFIA)
    third = submit_tucson(client, tokens)
    with connect(client, tokens.reviewer) as socket:
        subscribed(client, socket, after=first["id"])
        replayed = [socket.event(), socket.event()]
        fourth = submit_mesa(client, tokens, suid=NOAH)
        live = socket.event()
    assert [e["changeRequest"]["id"] for e in replayed] == [second["id"], third["id"]]
    assert live["changeRequest"]["id"] == fourth["id"]


@pytest.mark.parametrize("after", ["nope", "6b0af5c8fe67990a17f0ce52:1"])
def test_an_unknown_after_is_a_clear_error(client, tokens, after):
    with connect(client, tokens.reviewer) as socket:
        socket.subscribe({"after": after})
        message = socket.receive()
    [error] = message["payload"]["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert after in error["message"]


def test_another_leas_event_reads_as_unknown_after(client, tokens):
    with connect(client, tokens.reviewer) as socket:
        subscribed(client, socket)
        submit_tucson(client, tokens)
        tucson_event = socket.event()
    with connect(client, tokens.mesa) as socket:
        socket.subscribe({"after": tucson_event["id"]})
        [error] = socket.receive()["payload"]["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND"


# --- slow subscribers ---------------------------------------------------------------------


def test_overflow_closes_the_socket_with_4008_and_the_event_to_resume_after(
    make_app, tokens, monkeypatch
):
    app = make_app(queue_size=2)
    feed = app.state.services.event_feed
    with TestClient(app) as client:
        client.feed = feed
        held = HeldEvents(client, monkeypatch, "reviewer-1")
        with connect(client, tokens.reviewer) as socket:
            subscribed(client, socket)
            first = submit_mesa(client, tokens)
            wait_until(lambda: held.waiting == 1)  # the socket is not reading
            later = [submit_mesa(client, tokens, suid=suid) for suid in (SOFIA, NOAH, ETHAN)]
            wait_until(lambda: feed.subscriber_count == 0)  # three events for a queue of two
            held.release()
            assert socket.event()["changeRequest"]["id"] == first["id"]
            closed = socket.receive()
        assert closed["type"] == "close" and closed["code"] == 4008
        assert closed["reason"].startswith("subscriber too slow; resume with after: ")
        resume_after = closed["reason"].rsplit(" ", 1)[1]
        assert resume_after == f"{local_id(first['id'], 'ChangeRequest')}:1"
        with connect(client, tokens.reviewer) as socket:
            subscribed(client, socket, after=resume_after)
            resumed = [socket.event()["changeRequest"]["id"] for _ in later]
    assert resumed == [request["id"] for request in later]


def test_a_socket_that_does_not_read_delays_no_one(make_app, tokens, monkeypatch):
    """The other subscribers, of the same document and scope too (they share the events'
    executions), get every event while the first event's send to one socket is held."""
    app = make_app()
    with TestClient(app) as client:
        client.feed = app.state.services.event_feed
        held = HeldEvents(client, monkeypatch, "reviewer-1")
        with (
            connect(client, tokens.reviewer) as slow,
            connect(client, tokens.reviewer2) as reviewer,
            connect(client, tokens.mesa) as mesa,
        ):
            for count, socket in enumerate((slow, reviewer, mesa), 1):
                subscribed(client, socket, count)
            requests = [submit_mesa(client, tokens, suid=suid) for suid in (MATEO, SOFIA, NOAH)]
            others = [
                [s.event(op)["id"] for _ in requests] for s, op in ((reviewer, "2"), (mesa, "3"))
            ]
            assert held.waiting == 1  # the slow socket still has its first event to send
            held.release()
            late = [slow.event()["id"] for _ in requests]
    expected = [f"{local_id(request['id'], 'ChangeRequest')}:1" for request in requests]
    assert others == [expected, expected] and late == expected


# --- waking -------------------------------------------------------------------------------


def test_a_write_in_this_process_is_delivered_without_waiting_for_a_poll(make_app, tokens):
    """The feed polls once an hour here: only the write's wake can deliver its event."""
    app = make_app(interval=3600)
    with TestClient(app) as client:
        client.feed = app.state.services.event_feed
        with connect(client, tokens.reviewer) as socket:
            subscribed(client, socket)
            first = submit_mesa(client, tokens)
            assert socket.event()["changeRequest"]["id"] == first["id"]
            second = submit_mesa(client, tokens, suid=SOFIA)
            assert socket.event()["changeRequest"]["id"] == second["id"]


# --- several processes --------------------------------------------------------------------


def test_a_mutation_on_one_instance_reaches_a_subscriber_on_another(make_app, tokens):
    one, other = make_app(), make_app()
    with TestClient(mounted(one=one, other=other)) as client:
        client.feed = other.state.services.event_feed
        with connect(client, tokens.reviewer, path="/other/graphql") as socket:
            subscribed(client, socket)
            request = submit(
                client,
                tokens.mesa,
                MATEO,
                RED_MOUNTAIN,
                "12.0500",
                "12050010",
                path="/one/graphql",
            )
            event = socket.event()
    assert event["kind"] == "SUBMITTED" and event["changeRequest"]["id"] == request["id"]
    assert one.state.services.event_feed is not other.state.services.event_feed


# --- resources ----------------------------------------------------------------------------


def test_closing_the_socket_leaves_no_subscriber_and_no_task(client, tokens):
    async def task_count() -> int:
        return len(asyncio.all_tasks())

    before = client.portal.call(task_count)
    with connect(client, tokens.reviewer) as socket:
        subscribed(client, socket, 1)
        subscribed(client, socket, 2, filter={"kinds": ["APPROVED"]})
        submit_mesa(client, tokens)
        socket.event("1")
        assert client.portal.call(task_count) > before
    wait_until(lambda: client.feed.subscriber_count == 0)
    wait_until(lambda: client.portal.call(task_count) == before)


def test_completing_a_subscription_frees_its_subscriber(client, tokens):
    with connect(client, tokens.reviewer) as socket:
        subscribed(client, socket)
        socket.session.send_json({"id": "1", "type": "complete"})
        wait_until(lambda: client.feed.subscriber_count == 0)


async def test_a_fragment_bomb_over_the_websocket_is_refused_with_an_error(client, tokens):
    """Refused before validation, over the socket as over HTTP: an error message, no hang."""
    from tests.test_document_size import fragment_bomb

    with connect(client, tokens.reviewer) as socket:
        bomb = fragment_bomb(40, root="Subscription", leaf="changeRequestEvents { id }")
        socket.subscribe(query=bomb.replace("query Bomb", "subscription Bomb"), op_id="b")
        message = socket.message("b")
    assert message["type"] == "error"
    assert [e["extensions"]["code"] for e in message["payload"]] == ["QUERY_TOO_LARGE"]


async def test_a_subscription_sent_over_http_is_refused_clearly(gql, tokens):
    body = await gql.post("subscription { changeRequestEvents { id } }", token=tokens.reviewer)
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_REQUEST"]
    assert "WebSocket" in body["errors"][0]["message"]


def test_each_operation_on_a_socket_logs_its_own_request_id(client, tokens, log_lines):
    with connect(client, tokens.reviewer) as socket:
        socket.subscribe(op_id="a")
        socket.subscribe({"filter": {"kinds": ["APPROVED"]}}, op_id="b")
        wait_until(lambda: client.feed.subscriber_count == 2)
        for op_id in ("a", "b"):
            socket.session.send_json({"id": op_id, "type": "complete"})
        wait_until(lambda: client.feed.subscriber_count == 0)
        wait_until(lambda: len(log_lines.events("graphql_operation")) == 2)
    first, second = log_lines.events("graphql_operation")
    assert first["request_id"] != second["request_id"]


# --- protocol errors ----------------------------------------------------------------------


def test_a_syntax_error_is_an_error_message_for_that_operation_only(client, tokens, log_lines):
    with connect(client, tokens.reviewer) as socket:
        subscribed(client, socket, 1)
        socket.subscribe(query="subscription { changeRequestEvents { id ", op_id="bad")
        message = socket.message("bad")
        assert message["type"] == "error", message
        assert [e["extensions"]["code"] for e in message["payload"]] == ["GRAPHQL_PARSE_FAILED"]
        submit_mesa(client, tokens)
        assert socket.event("1")["kind"] == "SUBMITTED"  # the socket and operation 1 go on
    assert not [r for r in log_lines.records() if r.get("level") == "error"]


def test_an_unknown_operation_name_ends_only_that_operation(client, tokens):
    document = "subscription A { changeRequestEvents { id kind } }"
    with connect(client, tokens.reviewer) as socket:
        subscribed(client, socket, 1)
        socket.session.send_json(
            {
                "id": "b",
                "type": "subscribe",
                "payload": {"query": document, "operationName": "B"},
            }
        )
        message = socket.message("b")
        assert message["type"] == "error", message
        assert [e["extensions"]["code"] for e in message["payload"]] == ["BAD_REQUEST"]
        assert 'Unknown operation named "B"' in message["payload"][0]["message"]
        submit_mesa(client, tokens)
        assert socket.event("1")["kind"] == "SUBMITTED"


@pytest.mark.parametrize(
    "message",
    [
        {"id": "x", "type": "subscribe", "payload": {"query": 5}},
        {"id": "x", "type": "subscribe", "payload": {"query": None}},
        {"id": "x", "type": "subscribe", "payload": "subscription { x }"},
        {"id": 7, "type": "subscribe", "payload": {"query": "subscription { x }"}},
        {"id": "x", "type": "subscribe", "payload": {"query": "{ x }", "variables": [1]}},
        {"id": "x", "type": "subscribe", "payload": {"query": "{ x }", "operationName": 3}},
    ],
    ids=["number", "null", "payload-string", "numeric-id", "variables-list", "name-number"],
)
def test_a_malformed_subscribe_message_closes_with_4400(client, tokens, message, log_lines):
    with connect(client, tokens.reviewer) as socket:
        socket.session.send_json(message)
        closed = socket.receive()
    assert (closed["type"], closed["code"]) == ("close", 4400)
    assert not [r for r in log_lines.records() if r.get("level") == "error"]


def test_a_closed_connection_cancels_its_expiry_timer(client, tokens):
    async def scheduled_callbacks() -> int:
        loop = asyncio.get_running_loop()
        return sum(1 for handle in loop._scheduled if not handle.cancelled())

    before = client.portal.call(scheduled_callbacks)
    for _ in range(20):
        with connect(client, tokens.reviewer):
            pass
    wait_until(lambda: client.portal.call(scheduled_callbacks) <= before)

"""Production settings: no GraphiQL, no introspection, no field suggestions, unexpected
errors masked behind a correlation id; expected errors stay visible. Development keeps the
conveniences. Cross-origin WebSockets only from the configured origins."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from domain.repository import open_store
from server.app import create_app
from tests.conftest import RED_MOUNTAIN, TUCSON_HIGH, error_codes
from tests.documents import RECORD_IDS
from tests.hardening import development, log_lines, production, serving, token_for  # noqa: F401
from tests.sample import ANA
from tests.web_bundle import GRAPHIQL_PAGE, write_bundle

INTROSPECTION = "{ __schema { queryType { name } } }"
TYPO = "{ viewr { id } }"
SUID, NAME = ANA, "Ana Ruiz"


@pytest.fixture(params=["development", "production"])
def env(request) -> str:
    return request.param


def settings_for(env: str, **overrides):
    return (production if env == "production" else development)(**overrides)


async def test_introspection_is_off_in_production_and_on_in_development(store, clock, env):
    settings = settings_for(env)
    async with serving(settings, store, clock) as gql:
        body = await gql.post(INTROSPECTION, token=token_for(settings))
    if env == "production":
        assert body["data"] is None
        assert set(error_codes(body)) == {"INTROSPECTION_DISABLED"}
    else:
        assert body["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_field_suggestions_are_off_in_production_and_on_in_development(store, clock, env):
    settings = settings_for(env)
    async with serving(settings, store, clock) as gql:
        body = await gql.post(TYPO, token=token_for(settings))
    [error] = body["errors"]
    assert error["message"].startswith("Cannot query field 'viewr' on type 'Query'.")
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert ("Did you mean" in error["message"]) is (env == "development")


async def test_enum_value_suggestions_are_off_in_production_too(store, clock, env):
    """graphql-core also suggests enum values when it coerces variables; strawberry's own
    switch leaves those in."""
    settings = settings_for(env)
    document = (
        "query($s: [ChangeRequestStatus!]) { changeRequests(filter: {status: $s}) { totalCount } }"
    )
    async with serving(settings, store, clock) as gql:
        body = await gql.post(document, {"s": ["PENDING_REVEIW"]}, token=token_for(settings))
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "PENDING_REVEIW" in error["message"]
    assert ("Did you mean the enum value 'PENDING_REVIEW'" in error["message"]) is (
        env == "development"
    )


async def test_graphiql_is_served_in_development_only(store, clock, env, tmp_path):
    bundle = write_bundle(tmp_path)
    async with serving(settings_for(env), store, clock, web_root=bundle) as gql:
        page = await gql.http.get("/graphql", headers={"Accept": "text/html"})
    served = page.status_code == 200 and page.text == GRAPHIQL_PAGE
    assert served is (env == "development")
    assert page.status_code == (200 if env == "development" else 404)


async def test_an_unexpected_error_is_masked_in_production_and_logged_with_its_id(
    store, clock, env, log_lines, monkeypatch
):
    settings = settings_for(env)
    async with serving(settings, store, clock) as gql:

        async def broken(viewer, suid, school):
            raise RuntimeError(f"record of {suid} ({NAME}) is corrupt")

        services = gql.http._transport.app.state.services
        monkeypatch.setattr(services.lookups, "participant_records", broken)
        body = await gql.post(
            RECORD_IDS, {"suid": SUID, "school": RED_MOUNTAIN}, token_for(settings)
        )
    [error] = body["errors"]
    correlation_id = error["extensions"]["correlationId"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert error["path"] == ["participantRecords"]
    if env == "production":
        assert error["message"] == "Unexpected error. Quote the correlationId when you report it."
        assert SUID not in str(body) and NAME not in str(body)
    else:
        assert error["message"] == f"record of {SUID} ({NAME}) is corrupt"
    [logged] = log_lines.events("unexpected_error")
    [operation] = log_lines.events("graphql_operation")
    assert logged["request_id"] == operation["request_id"] == correlation_id
    assert logged["path"] == ["participantRecords"]
    assert any("test_production.py" in frame and "broken" in frame for frame in logged["trace"])
    assert logged["trace"][-1] == "builtins.RuntimeError"
    assert SUID not in log_lines.text and NAME not in log_lines.text


async def test_expected_errors_stay_visible_in_production(store, clock):
    settings = production()
    async with serving(settings, store, clock) as gql:
        token = token_for(settings)
        forbidden = await gql.post(RECORD_IDS, {"suid": SUID, "school": TUCSON_HIGH}, token)
        bad_variable = await gql.post(RECORD_IDS, {"suid": 12, "school": RED_MOUNTAIN}, token)
        anonymous = await gql.post(RECORD_IDS, {"suid": SUID, "school": RED_MOUNTAIN})
        syntax = await gql.post("{ viewer { id }", token=token)
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert f"School {TUCSON_HIGH}" in forbidden["errors"][0]["message"]
    assert error_codes(bad_variable) == ["BAD_USER_INPUT"]
    assert "Variable '$suid'" in bad_variable["errors"][0]["message"]
    assert error_codes(anonymous) == ["UNAUTHENTICATED"]
    assert error_codes(syntax) == ["GRAPHQL_PARSE_FAILED"]
    assert syntax["errors"][0]["message"].startswith("Syntax Error")


@pytest.mark.parametrize(
    "allowed, origin, accepted",
    [
        ([], "https://dashboard.example", False),
        (["https://dashboard.example"], "https://dashboard.example", True),
        (["https://dashboard.example"], "https://elsewhere.example", False),
    ],
)
def test_websockets_from_other_origins_need_to_be_allowed(allowed, origin, accepted):
    settings = production(websocket_allowed_origins=allowed)
    app = create_app(settings, store=open_store(None, "ctecr_ws_test"))
    init = {
        "type": "connection_init",
        "payload": {"Authorization": f"Bearer {token_for(settings)}"},
    }
    with TestClient(app) as client:
        try:
            with client.websocket_connect(
                "/graphql", subprotocols=["graphql-transport-ws"], headers={"origin": origin}
            ) as socket:
                socket.send_json(init)
                reply = socket.receive_json()
        except WebSocketDisconnect:
            reply = None
    assert (reply is not None and reply["type"] == "connection_ack") is accepted


def test_allowed_origins_are_configured_from_the_environment(monkeypatch):
    monkeypatch.setenv("CTECR_WEBSOCKET_ALLOWED_ORIGINS", '["https://dashboard.example"]')
    assert development().allowed_origins == ["https://dashboard.example"]


def test_subscription_errors_are_coded_and_masked_before_they_are_sent(
    store, clock, log_lines, monkeypatch
):
    """A subscription sends its results before the operation ends: the policy applies to
    each result, and the operation's log line comes at its end."""
    import resolvers.subscriptions
    from tests.ws import connect

    async def broken(*_args, **_kwargs):
        raise RuntimeError(f"{SUID} {NAME} broke")

    monkeypatch.setattr(resolvers.subscriptions, "selection", broken)
    settings = production()
    app = create_app(settings, store=store, clock=clock)
    with TestClient(app) as client, connect(client, token_for(settings)) as socket:
        socket.subscribe({}, op_id="1")
        failed = socket.message("1")
        socket.subscribe({}, op_id="2", query="subscription { changeRequestEvents { idd } }")
        invalid = socket.message("2")
    [error] = failed["payload"]["errors"]
    assert error["message"] == "Unexpected error. Quote the correlationId when you report it."
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    [refusal] = invalid["payload"]
    assert refusal["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "Did you mean" not in refusal["message"]
    [logged] = log_lines.events("unexpected_error")
    assert logged["request_id"] == error["extensions"]["correlationId"]
    codes = [line["error_codes"] for line in log_lines.events("graphql_operation")]
    assert codes == [["INTERNAL_SERVER_ERROR"], ["GRAPHQL_VALIDATION_FAILED"]]
    assert SUID not in log_lines.text and NAME not in log_lines.text

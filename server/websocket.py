"""graphql-transport-ws as the protocol wants it, on strawberry's handler.

Strawberry's handler ends an operation whose document does not parse with a bare `complete`
(our error policy raises the coded syntax error out of the stream, which strawberry logs as a
crash), treats a `subscribe` whose `query` is not a string the same way, and closes the whole
socket for an unknown `operationName`. The protocol says: a malformed message closes the
socket with 4400; an operation that cannot run gets an `error` message, and the connection
and its other operations go on. It also frees, at close, the timer that would have closed the
connection when its token expired (see GraphQLApp.on_ws_connect).

The subscribers that share a live event's execution (schema.shared_events) get the same `data`
object: its `next` payload is encoded once for all of them, and only each message's `id` is
their own.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

from graphql import GraphQLError
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import WebSocketDisconnected

from .trusted_documents import DocumentIdSubscriptions

EXPIRY = "connection_expiry"  # the context extra holding the expiry timer
OPTIONAL_PARTS = [
    ("variables", dict, "an object"),
    ("operationName", str, "a string"),
    ("extensions", dict, "an object"),
]


def subscribe_problem(message: dict[str, Any]) -> str | None:
    """What makes a `subscribe` message malformed, or None."""
    payload = message.get("payload")
    if not isinstance(message.get("id"), str) or not message["id"]:
        return "A subscribe message needs a non-empty string id."
    if not isinstance(payload, dict):
        return "A subscribe message needs a payload object."
    by_id = payload.get("documentId") is not None or payload.get("extensions") is not None
    if not by_id and not isinstance(payload.get("query"), str):
        return "The subscribe payload's query must be a string (or a documentId)."
    for key, kind, what in OPTIONAL_PARTS:
        if payload.get(key) is not None and not isinstance(payload[key], kind):
            return f"The subscribe payload's {key} must be {what}."
    return None


class EncodedPayloads:
    """The encoded `next` payloads of the latest results, by the identity of their `data`
    (held, so that its id stays unique while the entry lives)."""

    def __init__(self, kept: int = 64):
        self.kept = kept
        self._encoded: OrderedDict[int, tuple[object, str]] = OrderedDict()

    def encoded(self, data: object, encode) -> str:
        found = self._encoded.get(id(data))
        if found is not None and found[0] is data:
            return found[1]
        text = encode({"data": data})
        self._encoded[id(data)] = (data, text)
        while len(self._encoded) > self.kept:
            self._encoded.popitem(last=False)
        return text


PAYLOADS = EncodedPayloads()


class TransportWSHandler(DocumentIdSubscriptions):
    async def handle_subscribe(self, message) -> None:
        problem = subscribe_problem(message)
        if problem is not None:
            await self.handle_invalid_message(problem)
            return
        await super().handle_subscribe(message)

    async def _send_result_stream(self, operation, result_source) -> None:
        """An operation refused before it ran ends with an `error` message of its own."""
        try:
            await super()._send_result_stream(operation, result_source)
        except GraphQLError as error:
            await operation.send_initial_errors([error])

    @staticmethod
    def _get_pre_execution_close_reason(error: GraphQLError) -> str | None:
        """Never close the socket for one operation's document or operation name."""
        return None

    async def send_message(self, message) -> None:
        """A `next` message with data alone (no errors, no extensions: those are each
        operation's own) is spliced from its shared encoded payload."""
        payload = message.get("payload")
        if message["type"] != "next" or not isinstance(payload, dict) or payload.keys() != {"data"}:
            await super().send_message(message)
            return
        encoded = PAYLOADS.encoded(payload["data"], self.view.encode_json_string)
        text = f'{{"id":{json.dumps(message["id"])},"type":"next","payload":{encoded}}}'
        socket = self.websocket
        assert isinstance(socket, ASGIWebSocketAdapter)  # the ASGI view's (server.app)
        try:
            await socket.ws.send_text(text)
        except WebSocketDisconnect as closed:
            raise WebSocketDisconnected from closed

    async def shutdown(self) -> None:
        expiry = self.context.extras.pop(EXPIRY, None)
        if expiry is not None:
            expiry.cancel()
        await super().shutdown()

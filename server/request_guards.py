"""HTTP hardening in front of the application: a cap on the size of request bodies, and the
cross-site request forgery rule Apollo Server uses for GraphQL over HTTP."""

from __future__ import annotations

import re

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .metrics import limit_refused

# A browser sends these only after a CORS preflight, which a cross-site page cannot pass.
PREFLIGHT_HEADERS = ("apollo-require-preflight", "x-apollo-operation-name")
# The one content type a cross-site HTML form cannot send.
NON_SIMPLE_CONTENT_TYPE = "application/json"
PREFLIGHT_MESSAGE = (
    "This request has been blocked as a potential cross-site request forgery (CSRF). A POST "
    "to /graphql whose Content-Type is not application/json (such as a multipart upload) "
    "must carry a non-empty 'Apollo-Require-Preflight' or 'X-Apollo-Operation-Name' header."
)


class BodyTooLarge(Exception):
    """The request body passed the limit while the application was reading it."""


class RequirePreflight:
    """Refuses (400) a POST that a cross-site HTML form could have sent: one whose content type
    is not application/json and that carries neither preflight header. Such forms can post
    multipart/form-data, text/plain or url-encoded bodies, never custom headers."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and not is_preflighted(Headers(scope=scope))
        ):
            await PlainTextResponse(PREFLIGHT_MESSAGE, 400)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def is_preflighted(headers: Headers) -> bool:
    media_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == NON_SIMPLE_CONTENT_TYPE:
        return True
    return any(headers.get(name, "").strip() for name in PREFLIGHT_HEADERS)


class BodySizeLimit:
    """Answers 413 to a request whose body is larger than `max_bytes`: at once when its
    Content-Length says so, else as soon as the bytes received pass the limit, so that an
    oversized body is never read to its end."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and not re.fullmatch(r"[0-9]+", declared.strip()):
            await PlainTextResponse("The Content-Length header is not valid.", 400)(
                scope, receive, send
            )
            return
        if declared is not None and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        await self._run_limited(scope, receive, send)

    async def _run_limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge()
            return message

        async def watched_send(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except BodyTooLarge:
            if response_started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit_refused("BODY_TOO_LARGE")
        message = f"The request body is larger than the limit of {self.max_bytes} bytes."
        await PlainTextResponse(message, 413, headers={"Connection": "close"})(scope, receive, send)

"""A real SMTP server for the notification tests (aiosmtpd on a free loopback port), tokens
with email claims, and the settings that point the notifier at the server."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from domain.models import Role
from server.auth import issue_token
from server.settings import DEVELOPMENT_SECRET, Settings
from tests.sample import MESA, TUCSON

APP_URL = "https://ctecr.example.org"
MESA_EMAIL = "coordinator@mesa.example.org"
REVIEWERS = ("riley@ade.example.org", "Robin@ADE.example.org")


def email_token(role: Role, sub: str, name: str, leas=(), email: str | None = None) -> str:
    return issue_token(
        DEVELOPMENT_SECRET, role=role, sub=sub, name=name, lea_ids=list(leas), email=email
    )


@dataclass(frozen=True)
class MailTokens:
    mesa: str = email_token(Role.LEA_USER, "lea-mesa", "Mesa Coordinator", (MESA,), MESA_EMAIL)
    mesa_no_email: str = email_token(Role.LEA_USER, "lea-mesa-3", "Mesa Third", (MESA,))
    tucson: str = email_token(
        Role.LEA_USER, "lea-tucson", "Tucson Coordinator", (TUCSON,), "tucson@example.org"
    )
    reviewer: str = email_token(Role.REVIEWER, "reviewer-1", "Riley Reviewer", (), REVIEWERS[0])
    admin: str = email_token(Role.ADMIN, "admin-1", "Alex Admin", (), "alex@ade.example.org")


@dataclass
class Received:
    recipients: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def text(self) -> str:
        return self.message.get_body(("plain",)).get_content()

    @property
    def html(self) -> str:
        return self.message.get_body(("html",)).get_content()


@dataclass
class Inbox:
    """An SMTP handler: accepts every message, unless `replies` holds replies to give to the
    next DATA commands first (such as "451 ..." or "554 ...")."""

    replies: list[str] = field(default_factory=list)
    messages: list[Received] = field(default_factory=list)
    attempts: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.attempts += 1
            if self.replies:
                return self.replies.pop(0)
            parsed = message_from_bytes(envelope.content, policy=policy.default)
            self.messages.append(Received(list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.recipients]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    """A running SMTP server; yields (inbox, port)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


def mail_settings(port: int, **overrides) -> Settings:
    values = dict(
        mongodb_uri=None,
        jwt_secret=DEVELOPMENT_SECRET,
        env="development",
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_tls="none",
        mail_from="ctecr@ade.example.org",
        reviewer_emails=list(REVIEWERS),
        app_url=APP_URL,
    )
    values.update(overrides)
    return Settings(**values)

"""Mail delivery for the notifier: messages composed from the Jinja2 templates in
templates/mail/ (plain text and HTML), sent over SMTP with aiosmtplib, or written to a folder
as .eml files in development.

Each kind has `<kind>.txt`, whose `subject` and `body` blocks give the subject line and the
plain text, and `<kind>.html`. A subject that would hold one of the notice's private values
(a SUID, a student's name) is refused before anything is sent.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from importlib import resources
from pathlib import Path

import aiosmtplib
from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, select_autoescape

from domain.clock import Clock
from domain.notifications.delivery import PermanentFailure, Postman, TransientFailure
from domain.notifications.notices import Notice
from domain.notifications.notifier import Notifier, NotifierConfig
from domain.repository import Store
from schema.ids import to_global_id

from .settings import Settings

TEMPLATES = resources.files("server") / "templates" / "mail"
DEFAULT_PORTS = {"starttls": 587, "implicit": 465, "none": 25}
SMTP_TIMEOUT = 60.0

_templates = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class Composed:
    subject: str
    message: EmailMessage
    key: str


class Composer:
    """Builds the message of a notice, from `sender`."""

    def __init__(self, sender: str):
        self.sender = sender

    def compose(self, notice: Notice) -> Composed:
        try:
            return self._compose(notice)
        except TemplateError as error:  # a template bug: retrying would fail the same way
            raise PermanentFailure(f"The message could not be composed: {error}") from None

    def _compose(self, notice: Notice) -> Composed:
        name = str(notice.kind).lower()
        text = _templates.get_template(f"{name}.txt")
        context = text.new_context(notice.values)
        subject = " ".join("".join(text.blocks["subject"](context)).split())
        leaked = [p for p in notice.private if re.search(rf"\b{re.escape(p)}\b", subject, re.I)]
        if leaked:
            raise PermanentFailure("The subject line would name the student; nothing was sent.")
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = notice.to
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        # The same notice keeps the same id, so a re-sent copy can be recognized as one.
        digest = hashlib.sha256(notice.key.encode()).hexdigest()[:32]
        message["Message-ID"] = f"<{digest}@{self.sender.rpartition('@')[2] or 'ctecr'}>"
        message.set_content("".join(text.blocks["body"](context)).strip() + "\n")
        html = _templates.get_template(f"{name}.html").render(notice.values)
        message.add_alternative(html, subtype="html")
        return Composed(subject, message, notice.key)


class SmtpPostman(Composer):
    """Sends through an SMTP server; 4xx replies and connection trouble are transient, 5xx
    replies permanent."""

    def __init__(self, settings: Settings):
        super().__init__(settings.mail_from)
        self._settings = settings

    async def send(self, outgoing: Composed) -> None:
        s = self._settings
        password = s.smtp_password.get_secret_value() if s.smtp_password else None
        try:
            await aiosmtplib.send(
                outgoing.message,
                hostname=s.smtp_host,
                port=s.smtp_port or DEFAULT_PORTS[s.smtp_tls],
                username=s.smtp_user,
                password=password,
                use_tls=s.smtp_tls == "implicit",
                start_tls=s.smtp_tls == "starttls",
                timeout=SMTP_TIMEOUT,
            )
        except aiosmtplib.SMTPRecipientsRefused as refused:
            first = refused.recipients[0]
            raise _by_code(first.code, first.message) from None
        except aiosmtplib.SMTPResponseException as error:
            raise _by_code(error.code, error.message) from None
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
            raise TransientFailure(f"{type(error).__name__}: {error}") from None


def _by_code(code: int, message: str):
    failure = PermanentFailure if code >= 500 else TransientFailure
    return failure(f"{code} {message}", code)


class FolderPostman(Composer):
    """Development: each message becomes one .eml file in `folder`, nothing is sent."""

    def __init__(self, sender: str, folder: Path):
        super().__init__(sender)
        self.folder = folder

    async def send(self, outgoing: Composed) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9.@-]+", "_", outgoing.key)
        path = self.folder / f"{name}.eml"
        await asyncio.to_thread(path.write_bytes, outgoing.message.as_bytes())


def postman_for(settings: Settings) -> Postman | None:
    if settings.smtp_host:
        return SmtpPostman(settings)
    if settings.mail_dir is not None:
        return FolderPostman(settings.mail_from, settings.mail_dir)
    return None


def request_link(app_url: str, request_id: str) -> str:
    """The web app's page of a request: <app url>/requests/<ChangeRequest global id>."""
    return f"{app_url.rstrip('/')}/requests/{to_global_id('ChangeRequest', request_id)}"


def notifier_for(settings: Settings, store: Store, clock: Clock) -> Notifier | None:
    """The notifier the settings ask for; None while mail is off."""
    postman = postman_for(settings)
    if postman is None:
        return None
    config = NotifierConfig(
        link_for=lambda request_id: request_link(settings.app_url, request_id),
        list_link=f"{settings.app_url.rstrip('/')}/requests",
        reviewers=tuple(settings.reviewer_emails),
        digest_at=settings.digest_time,
    )
    return Notifier(store, clock, postman, config)


def describe(settings: Settings) -> str:
    """One line for `ctecr serve` on where notifications go."""
    if settings.smtp_host:
        port = settings.smtp_port or DEFAULT_PORTS[settings.smtp_tls]
        return f"Email notifications: SMTP {settings.smtp_host}:{port} ({settings.smtp_tls})."
    if settings.mail_dir is not None:
        return (
            f"Email notifications are written to {settings.mail_dir.resolve()} "
            "(one .eml file per message; nothing is sent)."
        )
    return "Email notifications are off: CTECR_SMTP_HOST is not set."

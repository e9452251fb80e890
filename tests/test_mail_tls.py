"""SMTP over TLS, both ways the settings offer: STARTTLS on a plain connection, and implicit
TLS from the start. The server's certificate comes from a test CA (trustme) that the client
trusts through SSL_CERT_FILE; a server it does not trust gets nothing."""

from __future__ import annotations

import ssl
from email.message import EmailMessage

import pytest
import trustme
from aiosmtpd.controller import Controller

from domain.notifications.delivery import TransientFailure
from server.mail import Composed, SmtpPostman
from tests.mail_support import Inbox, free_port, mail_settings


@pytest.fixture
def ca(tmp_path, monkeypatch) -> trustme.CA:
    authority = trustme.CA()
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    return authority


def server_context(authority: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


def composed() -> Composed:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", "Hi"
    message.set_content("Hello")
    return Composed("Hi", message, "k|b@example.org")


@pytest.mark.parametrize("mode", ["starttls", "implicit"])
async def test_mail_goes_over_tls(ca, mode):
    inbox, port = Inbox(), free_port()
    context = server_context(ca)
    options = (
        {"tls_context": context, "require_starttls": True}
        if mode == "starttls"
        else {"ssl_context": context}
    )
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        await SmtpPostman(mail_settings(port, smtp_tls=mode)).send(composed())
    finally:
        controller.stop()
    assert [m.recipients for m in inbox.messages] == [["b@example.org"]]


async def test_a_server_certificate_from_an_unknown_authority_gets_nothing(ca):
    inbox, port = Inbox(), free_port()
    stranger = server_context(trustme.CA())
    controller = Controller(inbox, hostname="127.0.0.1", port=port, ssl_context=stranger)
    controller.start()
    try:
        with pytest.raises(TransientFailure):
            await SmtpPostman(mail_settings(port, smtp_tls="implicit")).send(composed())
    finally:
        controller.stop()
    assert inbox.attempts == 0

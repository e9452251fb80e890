"""Notification preferences (optional kinds off, required ones refused), the reviewers'
daily digest at the configured Arizona time, the subject guard, the development mail folder,
and the settings and command line that switch mail on or off."""

from __future__ import annotations

from datetime import UTC, datetime, time
from email import message_from_bytes, policy
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from domain.fiscal import ARIZONA
from domain.notifications.delivery import PermanentFailure
from domain.notifications.notices import Notice
from domain.notifications.rules import NotificationKind
from server.mail import Composer, describe, notifier_for
from server.settings import Settings, UnsafeSettings
from tests.documents import APPROVE, REJECT, REQUEST_MORE_INFORMATION
from tests.hardening import UNUSED_URI
from tests.mail_support import MESA_EMAIL, REVIEWERS, MailTokens, mail_settings, smtp
from tests.request_support import acted, submitted
from tests.sample import SAMPLE_NOW, TUCSON_HIGH

__all__ = ["smtp"]

SETTINGS = "settings { kind enabled required }"
SET = f"""
mutation Set($input: SetNotificationPreferencesInput!) {{
  setNotificationPreferences(input: $input) {{
    notificationPreferences {{ email {SETTINGS} }}
    userErrors {{ code message field }}
  }}
}}
"""
MINE = f"{{ viewer {{ email notificationPreferences {{ email {SETTINGS} }} }} }}"


@pytest.fixture
def mail_tokens() -> MailTokens:
    return MailTokens()


async def set_preferences(gql, token, **enabled):
    preferences = [{"kind": kind, "enabled": on} for kind, on in enabled.items()]
    data = await gql.data(SET, {"input": {"preferences": preferences}}, token)
    return data["setNotificationPreferences"]


def enabled_of(settings: list[dict]) -> dict[str, bool]:
    return {s["kind"]: s["enabled"] for s in settings}


async def mine(gql, token):
    return (await gql.data(MINE, token=token))["viewer"]["notificationPreferences"]


# --- preferences ---------------------------------------------------------------------------


async def test_everything_is_on_by_default_and_only_approved_and_digest_are_optional(
    gql, mail_tokens
):
    preferences = await mine(gql, mail_tokens.mesa)
    assert preferences["email"] == MESA_EMAIL
    assert {s["kind"]: (s["enabled"], s["required"]) for s in preferences["settings"]} == {
        "MORE_INFORMATION_REQUESTED": (True, True),
        "INFORMATION_PROVIDED": (True, True),
        "APPROVED": (True, False),
        "REJECTED": (True, True),
        "DAILY_DIGEST": (True, False),
    }


async def test_a_user_turns_approved_off_and_on_again_for_themselves_only(gql, mail_tokens):
    payload = await set_preferences(gql, mail_tokens.mesa, APPROVED=False)
    assert payload["userErrors"] == []
    assert enabled_of(payload["notificationPreferences"]["settings"])["APPROVED"] is False
    assert enabled_of((await mine(gql, mail_tokens.mesa))["settings"])["APPROVED"] is False
    assert enabled_of((await mine(gql, mail_tokens.tucson))["settings"])["APPROVED"] is True

    payload = await set_preferences(gql, mail_tokens.mesa, APPROVED=True)
    assert enabled_of(payload["notificationPreferences"]["settings"])["APPROVED"] is True


@pytest.mark.parametrize("kind", ["MORE_INFORMATION_REQUESTED", "REJECTED", "INFORMATION_PROVIDED"])
async def test_turning_off_a_required_kind_is_refused_and_changes_nothing(gql, mail_tokens, kind):
    payload = await set_preferences(gql, mail_tokens.mesa, APPROVED=False, **{kind: False})
    assert payload["notificationPreferences"] is None
    [error] = payload["userErrors"]
    assert error["code"] == "INVALID_VALUE"
    assert error["field"] == ["input", "preferences", "1", "enabled"]
    assert f"{kind} notifications are required" in error["message"]
    assert all(enabled_of((await mine(gql, mail_tokens.mesa))["settings"]).values())


async def test_a_user_without_an_email_claim_has_no_preferences_to_set(gql, mail_tokens):
    assert await mine(gql, mail_tokens.mesa_no_email) is None
    payload = await set_preferences(gql, mail_tokens.mesa_no_email, APPROVED=False)
    assert payload["notificationPreferences"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["FORBIDDEN"]


async def test_approved_turned_off_sends_no_approval_but_rejections_still_come(
    gql, store, clock, smtp, mail_tokens
):
    inbox, port = smtp
    notifier = notifier_for(mail_settings(port, digest_time=time(23, 59)), store, clock)
    await notifier.run_once()
    await set_preferences(gql, mail_tokens.mesa, APPROVED=False)
    first = await submitted(gql, mail_tokens.mesa)
    await acted(gql, APPROVE, mail_tokens.reviewer, id=first["id"])
    second = await submitted(gql, mail_tokens.mesa, courseNumber="12050020")
    await acted(
        gql, REJECT, mail_tokens.reviewer, id=second["id"], reason="OTHER", comment="Not needed."
    )
    await notifier.run_once()
    assert [m.subject.split(" (")[0] for m in inbox.messages] == ["Credit request rejected"]


# --- the daily digest -------------------------------------------------------------------------


def arizona(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of December 2026 in Arizona (UTC-7 all year)."""
    return datetime(2026, 12, day, hour, minute, tzinfo=ARIZONA).astimezone(UTC)


async def open_some_requests(gql, tokens) -> None:
    """Two open Mesa requests (one awaiting the LEA) and one Tucson request, submitted on
    2026-11-28 (the fixed clock)."""
    await submitted(gql, tokens.mesa)
    asked = await submitted(gql, tokens.mesa, courseNumber="12050020")
    await acted(gql, REQUEST_MORE_INFORMATION, tokens.reviewer, id=asked["id"], comment="?")
    await submitted(gql, tokens.tucson, suid="1002347029", schoolEntityId=TUCSON_HIGH)


async def test_the_digest_goes_to_each_reviewer_once_a_day_at_the_arizona_time(
    gql, store, clock, smtp, mail_tokens
):
    inbox, port = smtp
    await open_some_requests(gql, mail_tokens)
    make = lambda: notifier_for(mail_settings(port, digest_time=time(7, 0)), store, clock)  # noqa: E731
    notifiers = [make(), make()]
    inbox.messages.clear()  # the question's mail to the submitter is not the digest

    clock.now = arizona(1, 6, 59)
    for notifier in notifiers:
        await notifier.run_once()
    assert inbox.messages == []

    clock.now = arizona(1, 7, 0)
    for _ in range(2):
        for notifier in notifiers:
            await notifier.run_once()
    assert sorted(r for m in inbox.messages for r in m.recipients) == sorted(
        a.lower() for a in REVIEWERS
    )
    digest = inbox.messages[0]
    assert digest.subject == "Daily digest 2026-12-01: 3 open credit requests, oldest 3 days"
    assert "Mesa Unified District: 2 open (1 pending review, 1 awaiting the LEA)" in digest.text
    assert "Tucson Unified District: 1 open (1 pending review, 0 awaiting the LEA)" in digest.text
    assert "3 to 7 days: 3" in digest.text
    assert "https://ctecr.example.org/requests" in digest.text

    clock.now = arizona(1, 22, 0)
    await notifiers[0].run_once()
    assert len(inbox.messages) == 2
    clock.now = arizona(2, 7, 30)
    await notifiers[1].run_once()
    assert len(inbox.messages) == 4
    assert inbox.messages[-1].subject.startswith("Daily digest 2026-12-02: 3 open")


async def test_a_reviewer_who_turned_the_digest_off_gets_none(gql, store, clock, smtp, mail_tokens):
    inbox, port = smtp
    await open_some_requests(gql, mail_tokens)
    payload = await set_preferences(gql, mail_tokens.reviewer, DAILY_DIGEST=False)
    assert payload["userErrors"] == []
    inbox.messages.clear()
    clock.now = arizona(1, 8)
    await notifier_for(mail_settings(port), store, clock).run_once()
    assert [m.recipients for m in inbox.messages] == [[REVIEWERS[1].lower()]]


async def test_no_digest_when_nothing_is_open(store, clock, smtp, app):
    inbox, port = smtp
    clock.now = arizona(1, 8)
    await notifier_for(mail_settings(port), store, clock).run_once()
    assert inbox.attempts == 0


# --- the subject guard and the development folder ---------------------------------------------


def approval_notice(school_name: str, private: tuple[str, ...]) -> Notice:
    request = SimpleNamespace(
        course_number="12050010",
        suid="1002345701",
        program_number="12.0500",
        credits="0.5",
        grade_level=10,
    )
    return Notice(
        key="e:1|a@example.org",
        kind=NotificationKind.APPROVED,
        to="a@example.org",
        values={
            "request": request,
            "event": SimpleNamespace(actor=SimpleNamespace(name="Riley"), comment=None),
            "at": SAMPLE_NOW,
            "link": "https://ctecr.example.org/requests/x",
            "student_name": "Mateo Valenzuela",
            "school_name": school_name,
            "lea_name": "Mesa Unified District",
            "program_name": None,
            "course_name": None,
        },
        private=private,
    )


def test_a_subject_that_would_name_the_student_is_refused():
    composer = Composer("ctecr@example.org")
    with pytest.raises(PermanentFailure, match="would name the student"):
        composer.compose(approval_notice("Valenzuela Academy", ("1002345701", "Valenzuela")))
    # Whole words only: a student named Al does not stop mail about Alhambra High.
    composed = composer.compose(approval_notice("Alhambra High", ("1002345701", "Al")))
    assert composed.subject == "Credit request approved (Alhambra High, course 12050010)"
    assert "Mateo Valenzuela" in composed.message.get_body(("plain",)).get_content()


async def test_without_a_host_a_mail_folder_gets_one_eml_file_per_message(
    gql, store, clock, tmp_path, mail_tokens
):
    folder = tmp_path / "mail"
    settings = mail_settings(2525, smtp_host=None, mail_dir=folder, digest_time=time(23, 59))
    notifier = notifier_for(settings, store, clock)
    await notifier.run_once()
    request = await submitted(gql, mail_tokens.mesa)
    await acted(gql, REQUEST_MORE_INFORMATION, mail_tokens.reviewer, id=request["id"], comment="?")
    await notifier.run_once()
    [file] = list(folder.glob("*.eml"))
    message = message_from_bytes(file.read_bytes(), policy=policy.default)
    assert message["To"] == MESA_EMAIL
    assert message["Subject"].startswith("ADE needs more information")
    assert request["id"] in message.get_body(("plain",)).get_content()


# --- settings and the command line ------------------------------------------------------------


def test_mail_is_off_without_a_host_or_folder(monkeypatch, store, clock):
    monkeypatch.delenv("CTECR_MAIL_DIR", raising=False)
    settings = Settings(smtp_host=None, mail_dir=None)
    assert notifier_for(settings, store, clock) is None
    assert describe(settings) == "Email notifications are off: CTECR_SMTP_HOST is not set."
    assert describe(mail_settings(2525, smtp_tls="none")).startswith(
        "Email notifications: SMTP 127.0.0.1:2525 (none)"
    )


def test_reviewer_addresses_are_read_comma_separated(monkeypatch):
    monkeypatch.setenv("CTECR_REVIEWER_EMAILS", " a@ade.example.org, b@ade.example.org ,")
    assert Settings().reviewer_emails == ["a@ade.example.org", "b@ade.example.org"]


def test_production_refuses_clear_text_smtp_except_on_loopback():
    production = dict(
        env="production", jwt_secret="x" * 40, smtp_tls="none", mongodb_uri=UNUSED_URI
    )
    with pytest.raises(UnsafeSettings, match="CTECR_SMTP_TLS=none"):
        Settings(**production, smtp_host="smtp.example.org").check()
    Settings(**production, smtp_host="127.0.0.1").check()
    Settings(**{**production, "smtp_tls": "starttls"}, smtp_host="smtp.example.org").check()


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "Email notifications are off: CTECR_SMTP_HOST is not set."),
        ({"CTECR_MAIL_DIR": "{tmp}"}, "Email notifications are written to {tmp}"),
    ],
)
def test_serve_says_once_where_mail_goes(monkeypatch, tmp_path, environment, expected):
    from server import cli as command
    from server.cli import app as cli

    for name in ("CTECR_SMTP_HOST", "CTECR_MAIL_DIR", "CTECR_MONGODB_URI", "CTECR_ENV"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value.format(tmp=tmp_path))
    monkeypatch.setattr(command, "run_server", lambda *args, **kwargs: None)
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 0, result.output
    said = expected.format(tmp=tmp_path.resolve())
    assert result.output.count(said) == 1, result.output


def test_the_digest_counts_each_age_in_one_band():
    from domain.notifications.digest import age_bands

    assert age_bands([0, 2, 3, 7, 8, 14, 15, 40, 1]) == [
        ("under 3 days", 3),
        ("3 to 7 days", 2),
        ("8 to 14 days", 2),
        ("over 14 days", 2),
    ]

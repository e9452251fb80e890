"""Email notifications end to end: requests driven through the real app, the notifier
following the event log, and a real SMTP server (aiosmtpd) receiving the messages."""

from __future__ import annotations

import asyncio
import re
from datetime import time, timedelta

import pytest

from domain.notifications.notifier import Notifier, NotifierConfig
from server.mail import notifier_for
from tests.documents import APPROVE, PROVIDE_INFORMATION, REJECT, REQUEST_MORE_INFORMATION, WITHDRAW
from tests.mail_support import APP_URL, MESA_EMAIL, REVIEWERS, MailTokens, mail_settings, smtp
from tests.request_support import acted, submitted
from tests.sample import MATEO

__all__ = ["smtp"]

STUDENT_WORDS = (MATEO, "Mateo", "Valenzuela")
ASKED = "Please attach the Nevada transcript."


@pytest.fixture
def mail_tokens() -> MailTokens:
    return MailTokens()


async def started(store, clock, port: int, **overrides) -> Notifier:
    """A notifier on the app's store that has taken its place in the log (its first pass
    starts at the log's end, as on a database that never had one). The digest comes late
    in the day, after the fixed clock's noon, so that these tests see the events' mail only."""
    overrides.setdefault("digest_time", time(23, 59))
    notifier = notifier_for(mail_settings(port, **overrides), store, clock)
    assert notifier is not None
    await notifier.run_once()
    return notifier


async def claims(store) -> list[dict]:
    return [doc async for doc in store.db.notification_claims.find({}).sort("createdAt", 1)]


def assert_no_student_in_subjects(inbox) -> None:
    for received in inbox.messages:
        for word in STUDENT_WORDS:
            assert not re.search(rf"\b{word}\b", received.subject, re.I), received.subject


async def ask_more_information(gql, tokens):
    request = await submitted(gql, tokens.mesa)
    return await acted(
        gql, REQUEST_MORE_INFORMATION, tokens.reviewer, id=request["id"], comment=ASKED
    )


async def test_more_information_requested_mails_the_submitter_the_comment_and_link(
    gql, store, clock, smtp, mail_tokens
):
    inbox, port = smtp
    notifier = await started(store, clock, port)
    request = await ask_more_information(gql, mail_tokens)
    await notifier.run_once()

    assert [m.recipients for m in inbox.messages] == [[MESA_EMAIL]]
    received = inbox.messages[0]
    assert received.subject == (
        "ADE needs more information on a credit request (Red Mountain High School, course 12050010)"
    )
    link = f"{APP_URL}/requests/{request['id']}"
    assert ASKED in received.text and link in received.text
    assert f'href="{link}"' in received.html and ASKED in received.html
    assert "inadequate justification may result in the request being sent back" in received.text
    # The body may name the student: the recipient may see them.
    assert "Mateo Valenzuela" in received.text and MATEO in received.text
    assert received.message["From"] == "ctecr@ade.example.org"
    assert_no_student_in_subjects(inbox)


async def test_information_provided_mails_each_reviewer_address_once(
    gql, store, clock, smtp, mail_tokens
):
    inbox, port = smtp
    notifier = await started(store, clock, port)
    request = await ask_more_information(gql, mail_tokens)
    await acted(
        gql,
        PROVIDE_INFORMATION,
        mail_tokens.mesa,
        id=request["id"],
        comment="Transcript attached now.",
    )
    await notifier.run_once()

    reviewers = sorted(a.lower() for a in REVIEWERS)
    to_reviewers = [m for m in inbox.messages if m.recipients != [MESA_EMAIL]]
    assert sorted(r for m in to_reviewers for r in m.recipients) == reviewers
    for received in to_reviewers:
        assert received.subject.startswith("Mesa Unified District answered")
        assert "Transcript attached now." in received.text
        assert f"{APP_URL}/requests/{request['id']}" in received.text
    assert len(inbox.to(MESA_EMAIL)) == 1  # the question only; the submitter's answer is theirs
    assert_no_student_in_subjects(inbox)


async def test_decisions_mail_the_submitter_and_submission_or_withdrawal_mail_nobody(
    gql, store, clock, smtp, mail_tokens
):
    inbox, port = smtp
    notifier = await started(store, clock, port)
    approved = await submitted(gql, mail_tokens.mesa)
    await acted(gql, APPROVE, mail_tokens.reviewer, id=approved["id"], comment="Checks out.")
    rejected = await submitted(gql, mail_tokens.mesa, courseNumber="12050020")
    await acted(
        gql,
        REJECT,
        mail_tokens.reviewer,
        id=rejected["id"],
        reason="INADEQUATE_JUSTIFICATION",
        comment="No transcript.",
    )
    withdrawn = await submitted(gql, mail_tokens.mesa, courseNumber="12050030")
    await acted(gql, WITHDRAW, mail_tokens.mesa, id=withdrawn["id"])
    await notifier.run_once()

    subjects = sorted(m.subject for m in inbox.to(MESA_EMAIL))
    assert subjects == [
        "Credit request approved (Red Mountain High School, course 12050010)",
        "Credit request rejected (Red Mountain High School, course 12050020)",
    ]
    assert len(inbox.messages) == 2
    rejection = next(m for m in inbox.messages if "rejected" in m.subject)
    assert "inadequate justification" in rejection.text and "No transcript." in rejection.text
    assert f"{APP_URL}/requests/{rejected['id']}" in rejection.text
    assert_no_student_in_subjects(inbox)


async def test_a_submitter_without_an_email_claim_gets_no_mail(
    gql, store, clock, smtp, mail_tokens
):
    inbox, port = smtp
    notifier = await started(store, clock, port)
    request = await submitted(gql, mail_tokens.mesa_no_email)
    await acted(gql, REQUEST_MORE_INFORMATION, mail_tokens.reviewer, id=request["id"], comment="?")
    await notifier.run_once()
    assert inbox.messages == [] and inbox.attempts == 0
    assert await claims(store) == []


async def test_two_notifiers_on_one_store_send_each_message_once(
    gql, store, clock, smtp, mail_tokens
):
    inbox, port = smtp
    first = await started(store, clock, port)
    second = await started(store, clock, port)
    for course in ("12050010", "12050020", "12050030"):
        request = await submitted(gql, mail_tokens.mesa, courseNumber=course)
        await acted(
            gql, REQUEST_MORE_INFORMATION, mail_tokens.reviewer, id=request["id"], comment="?"
        )
        await acted(gql, PROVIDE_INFORMATION, mail_tokens.mesa, id=request["id"], comment="!")
    await asyncio.gather(*(n.run_once() for n in (first, second, first, second)))
    await asyncio.gather(first.run_once(), second.run_once())

    # Per request: the question to the submitter, the answer to each of two reviewers.
    assert len(inbox.messages) == 3 * 3
    assert len({(m.message["Message-ID"]) for m in inbox.messages}) == 9
    assert inbox.attempts == 9


async def test_two_app_instances_on_one_store_send_each_message_once(
    gql, store, clock, smtp, mail_tokens
):
    from server.app import create_app

    inbox, port = smtp
    settings = mail_settings(port, digest_time=time(23, 59))
    apps = [create_app(settings, store=store, clock=clock) for _ in range(2)]
    first, second = (a.router.lifespan_context(a) for a in apps)
    async with first, second:
        await asyncio.sleep(0.2)  # both notifiers have taken their place in the log
        await ask_more_information(gql, mail_tokens)
        for _ in range(100):
            if inbox.messages:
                break
            await asyncio.sleep(0.05)
        for notifier in (a.state.notifier for a in apps):  # both passes are done
            await notifier.run_once()
    assert [m.recipients for m in inbox.messages] == [[MESA_EMAIL]]


async def test_a_4xx_reply_is_retried_after_the_backoff_and_gives_one_message(
    gql, store, clock, smtp, mail_tokens
):
    inbox, port = smtp
    notifier = await started(store, clock, port)
    inbox.replies.append("451 4.3.0 Try again later")
    await ask_more_information(gql, mail_tokens)
    await notifier.run_once()
    assert inbox.messages == [] and inbox.attempts == 1
    [claim] = await claims(store)
    assert (claim["state"], claim["error"]["code"]) == ("retry", 451)

    await notifier.run_once()  # not due yet
    assert inbox.attempts == 1
    clock.now += notifier.config.delay(1)
    await notifier.run_once()
    await notifier.run_once()
    assert [m.recipients for m in inbox.messages] == [[MESA_EMAIL]]
    assert inbox.attempts == 2
    [claim] = await claims(store)
    assert (claim["state"], claim["attempts"]) == ("sent", 2)


async def test_a_refused_connection_is_transient(gql, store, clock, mail_tokens):
    from tests.mail_support import free_port

    notifier = await started(store, clock, free_port())  # nothing listens there
    await ask_more_information(gql, mail_tokens)
    await notifier.run_once()
    [claim] = await claims(store)
    assert claim["state"] == "retry" and claim["error"]["code"] is None
    assert claim["nextAttemptAt"] == clock.now + notifier.config.backoff


async def test_transient_failures_give_up_after_the_last_attempt(
    gql, store, clock, smtp, mail_tokens
):
    inbox, port = smtp
    notifier = await started(store, clock, port)
    attempts = notifier.config.max_attempts
    inbox.replies.extend(["421 4.7.0 Busy"] * attempts)
    await ask_more_information(gql, mail_tokens)
    for attempt in range(1, attempts + 1):
        await notifier.run_once()
        clock.now += notifier.config.delay(attempt)
    assert inbox.attempts == attempts and inbox.messages == []
    [claim] = await claims(store)
    assert claim["state"] == "failed"
    assert claim["error"]["message"].startswith(f"Gave up after {attempts} attempts: 421")


FAILURES = """
{ notificationFailures { id kind recipient attempts smtpCode message at eventId
                         changeRequest { id status } } }
"""


async def test_a_5xx_reply_is_recorded_not_retried_and_shown_to_admins_only(
    gql, store, clock, smtp, mail_tokens
):
    inbox, port = smtp
    notifier = await started(store, clock, port)
    inbox.replies.append("554 5.7.1 Relay access denied")
    request = await ask_more_information(gql, mail_tokens)
    await notifier.run_once()
    clock.now += timedelta(days=1)
    await notifier.run_once()
    assert inbox.attempts == 1 and inbox.messages == []

    data = await gql.data(FAILURES, token=mail_tokens.admin)
    [failure] = data["notificationFailures"]
    assert failure["kind"] == "MORE_INFORMATION_REQUESTED"
    assert failure["recipient"] == MESA_EMAIL
    assert (failure["smtpCode"], failure["attempts"]) == (554, 1)
    assert "Relay access denied" in failure["message"]
    assert failure["changeRequest"] == {"id": request["id"], "status": request["status"]}
    assert failure["eventId"] == request["history"][-1]["id"]

    for token in (mail_tokens.reviewer, mail_tokens.mesa):
        body = await gql.post(FAILURES, token=token)
        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]


async def test_a_crash_between_send_and_record_resends_that_one_message_after_the_lease(
    gql, store, clock, smtp, mail_tokens, monkeypatch
):
    inbox, port = smtp
    crashing = await started(store, clock, port)
    await ask_more_information(gql, mail_tokens)

    class Crash(BaseException):
        """The process dies right after the server accepted the message."""

    async def die(*args, **kwargs):
        raise Crash()

    monkeypatch.setattr(crashing._store.notifications, "sent", die)
    with pytest.raises(Crash):
        await crashing.run_once()
    assert len(inbox.messages) == 1

    survivor = await started(store, clock, port)
    await survivor.run_once()
    assert len(inbox.messages) == 1  # the crashed process's lease still holds
    clock.now += survivor.config.lease
    await survivor.run_once()
    await survivor.run_once()
    assert len(inbox.messages) == 2  # that one message, once more
    assert inbox.messages[0].message["Message-ID"] == inbox.messages[1].message["Message-ID"]
    [claim] = await claims(store)
    assert claim["state"] == "sent"


async def test_the_notifier_resumes_from_its_durable_cursor(gql, store, clock, smtp, mail_tokens):
    """A notifier started later (a restart) sends what was logged while none ran, once."""
    inbox, port = smtp
    await started(store, clock, port)  # takes its place, then the process stops
    await ask_more_information(gql, mail_tokens)
    restarted = await started(store, clock, port)
    await restarted.run_once()
    assert [m.recipients for m in inbox.messages] == [[MESA_EMAIL]]
    assert await store.notifications.cursor(0) == await store.events.last_seq()


async def test_a_negative_first_is_refused(gql, mail_tokens):
    body = await gql.post("{ notificationFailures(first: -1) { id } }", token=mail_tokens.admin)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID_VALUE"]


async def test_an_event_that_commits_late_is_still_mailed_and_the_cursor_waits_for_it(
    gql, store, clock, smtp, mail_tokens
):
    """An event whose `seq` was allocated before a later one's but that becomes visible after
    it (see repository/events.py) is not skipped: the cursor stays below it meanwhile."""
    inbox, port = smtp
    notifier = await started(store, clock, port)
    late = await ask_more_information(gql, mail_tokens)
    other = await submitted(gql, mail_tokens.mesa, courseNumber="12050020")
    await acted(gql, REJECT, mail_tokens.reviewer, id=other["id"], reason="OTHER", comment="No.")
    held_back = await store.db.events.find_one({"_id": late["history"][-1]["id"]})
    await store.db.events.delete_one({"_id": held_back["_id"]})

    await notifier.run_once()
    assert [m.subject.split(" (")[0] for m in inbox.messages] == ["Credit request rejected"]
    assert await store.notifications.cursor(0) < held_back["seq"]

    await store.db.events.insert_one(held_back)
    await notifier.run_once()
    await (await started(store, clock, port)).run_once()  # a restart sends nothing again
    assert sorted(m.subject.split(" (")[0] for m in inbox.messages) == [
        "ADE needs more information on a credit request",
        "Credit request rejected",
    ]


def test_the_backoff_doubles_up_to_its_cap():
    config = NotifierConfig(link_for=str, list_link="")
    assert [config.delay(n) for n in (1, 2, 3)] == [
        timedelta(seconds=30),
        timedelta(seconds=60),
        timedelta(seconds=120),
    ]
    assert config.delay(12) == config.max_backoff == timedelta(hours=1)

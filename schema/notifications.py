"""Types of email notifications: each user's preferences and, for admins, the failures."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from domain.notifications import failures, preferences, rules

from .context import viewer_of
from .enums import described_enum
from .types import ChangeRequest, UserError

NotificationKind = described_enum(
    rules.NotificationKind,
    "NotificationKind",
    "What a notification is about. APPROVED and DAILY_DIGEST are optional.",
    {
        "MORE_INFORMATION_REQUESTED": "To the submitter: a reviewer asked a question about "
        "their request.",
        "INFORMATION_PROVIDED": "To the reviewers' addresses: the LEA answered a question.",
        "APPROVED": "To the submitter: their request was approved (optional).",
        "REJECTED": "To the submitter: their request was rejected.",
        "DAILY_DIGEST": "To the reviewers' addresses: the open requests by age, each morning "
        "(optional).",
    },
)


@strawberry.type(description="Whether the viewer receives one kind of notification.")
class NotificationSetting:
    kind: NotificationKind = strawberry.field(description="The kind of notification.")
    enabled: bool = strawberry.field(description="True when this kind is sent to the viewer.")
    required: bool = strawberry.field(description="Required kinds cannot be turned off.")

    @classmethod
    def of(cls, setting: preferences.Setting) -> NotificationSetting:
        return cls(kind=setting.kind, enabled=setting.enabled, required=setting.required)


@strawberry.type(description="The viewer's email notification settings.")
class NotificationPreferences:
    email: str = strawberry.field(description="Where the notifications go (the token's claim).")
    settings: list[NotificationSetting] = strawberry.field(
        description="One setting per notification kind."
    )

    @classmethod
    def of(cls, email: str, settings: list[preferences.Setting]) -> NotificationPreferences:
        return cls(email=email, settings=[NotificationSetting.of(s) for s in settings])


@strawberry.type(description="The result of setNotificationPreferences.")
class NotificationPreferencesPayload:
    notification_preferences: NotificationPreferences | None = strawberry.field(
        description="The viewer's settings after the change; null when it was refused."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was changed (FORBIDDEN when the token has no email, "
        "INVALID_VALUE for turning a required kind off); empty on success."
    )


@strawberry.input(description="Turn one kind of notification on or off.")
class NotificationPreferenceInput:
    kind: NotificationKind = strawberry.field(description="The kind to change.")
    enabled: bool = strawberry.field(
        description="True to receive it, false to stop (refused for required kinds)."
    )


@strawberry.input(description="The input of setNotificationPreferences.")
class SetNotificationPreferencesInput:
    preferences: list[NotificationPreferenceInput] = strawberry.field(
        description="The kinds to turn on or off; kinds not named keep their setting."
    )


@strawberry.type(description="A notification that could not be delivered (5xx, or gave up).")
class NotificationFailure:
    id: strawberry.ID = strawberry.field(description="Opaque id of the failure record.")
    kind: NotificationKind = strawberry.field(description="The notification that failed.")
    recipient: str = strawberry.field(description="The address it was for.")
    attempts: int = strawberry.field(description="How many delivery attempts were made.")
    smtp_code: int | None = strawberry.field(description="The SMTP reply code, when there was one.")
    message: str = strawberry.field(
        description="Why it failed: the SMTP reply or the error, for the admin."
    )
    at: datetime = strawberry.field(description="When the failure was recorded.")
    event_id: strawberry.ID | None = strawberry.field(
        description="The change request event it was about; null for the daily digest."
    )
    change_request_id: strawberry.Private[str | None]

    @strawberry.field(
        description="The change request it was about; null for the daily digest or when the "
        "request is gone."
    )
    async def change_request(self, info: Info) -> ChangeRequest | None:
        if self.change_request_id is None:
            return None
        found = await info.context.services.requests.get(viewer_of(info), self.change_request_id)
        return ChangeRequest.of(found) if found else None

    @classmethod
    def of(cls, failure: failures.Failure) -> NotificationFailure:
        return cls(
            id=strawberry.ID(failure.key),
            kind=failure.kind,
            recipient=failure.recipient,
            attempts=failure.attempts,
            smtp_code=failure.code,
            message=failure.message,
            at=failure.at,
            event_id=strawberry.ID(failure.event_id) if failure.event_id else None,
            change_request_id=failure.change_request_id,
        )

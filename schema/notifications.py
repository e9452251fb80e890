"""Types of email notifications: each user's preferences and, for admins, the failures."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from domain.notifications import failures, preferences, rules

from .context import viewer_of
from .types import ChangeRequest, UserError

NotificationKind = strawberry.enum(
    rules.NotificationKind,
    name="NotificationKind",
    description="What a notification is about. APPROVED and DAILY_DIGEST are optional.",
)


@strawberry.type
class NotificationSetting:
    kind: NotificationKind
    enabled: bool
    required: bool = strawberry.field(description="Required kinds cannot be turned off.")

    @classmethod
    def of(cls, setting: preferences.Setting) -> NotificationSetting:
        return cls(kind=setting.kind, enabled=setting.enabled, required=setting.required)


@strawberry.type
class NotificationPreferences:
    email: str = strawberry.field(description="Where the notifications go (the token's claim).")
    settings: list[NotificationSetting]

    @classmethod
    def of(cls, email: str, settings: list[preferences.Setting]) -> NotificationPreferences:
        return cls(email=email, settings=[NotificationSetting.of(s) for s in settings])


@strawberry.type
class NotificationPreferencesPayload:
    notification_preferences: NotificationPreferences | None
    user_errors: list[UserError]


@strawberry.input
class NotificationPreferenceInput:
    kind: NotificationKind
    enabled: bool


@strawberry.input
class SetNotificationPreferencesInput:
    preferences: list[NotificationPreferenceInput] = strawberry.field(
        description="The kinds to turn on or off; kinds not named keep their setting."
    )


@strawberry.type(description="A notification that could not be delivered (5xx, or gave up).")
class NotificationFailure:
    id: strawberry.ID
    kind: NotificationKind
    recipient: str
    attempts: int
    smtp_code: int | None = strawberry.field(description="The SMTP reply code, when there was one.")
    message: str
    at: datetime
    event_id: strawberry.ID | None
    change_request_id: strawberry.Private[str | None]

    @strawberry.field
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

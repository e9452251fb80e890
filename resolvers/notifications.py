"""Notification resolvers: one's own preferences, and the failures for admins."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.notifications.failures import notification_failures as failures_of
from domain.paging import MAX_PAGE
from schema.context import viewer_of
from schema.notifications import (
    NotificationFailure,
    NotificationPreferences,
    NotificationPreferencesPayload,
    SetNotificationPreferencesInput,
)

from .errors import top_level, user_error
from .pagination import check_first


async def notification_failures(
    info: Info,
    first: Annotated[
        int,
        strawberry.argument(
            description=f"How many of the latest failures to return, 0 to {MAX_PAGE}."
        ),
    ] = 50,
) -> list[NotificationFailure]:
    first = check_first(first)
    try:
        found = await failures_of(info.context.services.store, viewer_of(info), first)
    except DomainError as error:
        raise top_level(error) from None
    return [NotificationFailure.of(f) for f in found]


async def set_notification_preferences(
    info: Info,
    input: Annotated[
        SetNotificationPreferencesInput,
        strawberry.argument(description="The kinds to turn on or off."),
    ],
) -> NotificationPreferencesPayload:
    viewer = viewer_of(info)
    changes = [(p.kind, p.enabled) for p in input.preferences]
    try:
        settings = await info.context.services.notification_preferences.set(viewer, changes)
    except DomainError as error:
        return NotificationPreferencesPayload(
            notification_preferences=None, user_errors=[user_error(error)]
        )
    return NotificationPreferencesPayload(
        notification_preferences=NotificationPreferences.of(viewer.email or "", settings),
        user_errors=[],
    )

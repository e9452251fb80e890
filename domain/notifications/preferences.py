"""Each user's notification preferences, kept by the address the notifications go to (the
token's email claim): the optional kinds may be turned off, the required ones never."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..clock import Clock
from ..errors import DomainError, ErrorCode, Forbidden
from ..models import Viewer
from ..repository import Store
from .rules import OPTIONAL, NotificationKind, normal_address


@dataclass(frozen=True)
class Setting:
    kind: NotificationKind
    enabled: bool
    required: bool


class NotificationPreferences:
    def __init__(self, store: Store, clock: Clock):
        self._store = store
        self._clock = clock

    async def of(self, viewer: Viewer) -> list[Setting] | None:
        """The viewer's settings, every kind; None when the token carries no address."""
        if not viewer.email:
            return None
        disabled = await self._store.notifications.disabled(normal_address(viewer.email))
        return _settings(disabled)

    async def set(
        self, viewer: Viewer, changes: Sequence[tuple[NotificationKind, bool]]
    ) -> list[Setting]:
        """Turn kinds on or off for the viewer's own address; turning off a required kind is
        refused and changes nothing."""
        if not viewer.email:
            raise Forbidden("Your token carries no email address, so no notifications go to you.")
        for index, (kind, enabled) in enumerate(changes):
            if not enabled and kind not in OPTIONAL:
                raise DomainError(
                    ErrorCode.INVALID_VALUE,
                    f"{kind} notifications are required and cannot be turned off.",
                    f"preferences.{index}.enabled",
                )
        address = normal_address(viewer.email)
        disabled = await self._store.notifications.disabled(address)
        for kind, enabled in changes:
            (disabled.discard if enabled else disabled.add)(str(kind))
        await self._store.notifications.set_disabled(address, disabled, self._clock())
        return _settings(disabled)


def _settings(disabled: set[str]) -> list[Setting]:
    return [
        Setting(kind, enabled=str(kind) not in disabled, required=kind not in OPTIONAL)
        for kind in NotificationKind
    ]

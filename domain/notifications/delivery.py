"""What the notifier needs from a mail transport (server/mail.py provides one), and how a
failed attempt is told apart: transient ones are retried, permanent ones recorded."""

from __future__ import annotations

from typing import Any, Protocol

from .notices import Notice


class DeliveryFailure(Exception):
    """A message was not accepted; `code` is the SMTP reply code when there was one."""

    def __init__(self, message: str, code: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message

    def record(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


class TransientFailure(DeliveryFailure):
    """Worth trying again later: a 4xx reply, a refused or dropped connection, a timeout."""


class PermanentFailure(DeliveryFailure):
    """Trying again will not help: a 5xx reply, or a message that cannot be composed."""


class Outgoing(Protocol):
    subject: str


class Postman(Protocol):
    def compose(self, notice: Notice) -> Outgoing:
        """The message for `notice`; raises PermanentFailure when it cannot be made."""
        ...

    async def send(self, outgoing: Outgoing) -> None:
        """Hand the message over; raises TransientFailure or PermanentFailure."""
        ...

"""The domain's services, wired once per process and shared by every request."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .calendar import FiscalCalendar
from .change_requests.service import ChangeRequests
from .clock import Clock, system_clock
from .events.feed import EventFeed
from .evidence import EvidenceStore
from .lookups import Lookups
from .notifications.preferences import NotificationPreferences
from .repository import Store


@dataclass(frozen=True)
class Rules:
    """Configurable limits of the rules."""

    max_credits_per_request: Decimal = Decimal(3)


@dataclass
class Services:
    store: Store
    clock: Clock = system_clock
    rules: Rules = field(default_factory=Rules)

    def __post_init__(self) -> None:
        self.calendar = FiscalCalendar(self.store, self.clock)
        self.lookups = Lookups(self.store, self.calendar)
        self.evidence = EvidenceStore(self.store, self.clock)
        self.change_requests = ChangeRequests(
            self.store,
            self.lookups,
            self.calendar,
            self.clock,
            self.rules.max_credits_per_request,
            self.evidence,
        )
        self.event_feed = EventFeed(self.store)
        self.notification_preferences = NotificationPreferences(self.store, self.clock)

"""The domain's services, wired once per process and shared by every request."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .audit import AccessAudit
from .calendar import FiscalCalendar
from .change_requests.approval import Approvals
from .change_requests.assessment import USUAL_COURSE_TOTAL
from .change_requests.events import EventLog
from .change_requests.queries import RequestQueries
from .change_requests.review import Reviews
from .change_requests.submission import Submissions
from .clock import Clock, system_clock
from .events.feed import DEFAULT_INTERVAL, EventFeed
from .evidence.files import EvidenceStore
from .lookups import Lookups
from .notifications.preferences import NotificationPreferences
from .prefetch import Prefetch
from .repository import Store


@dataclass(frozen=True)
class Rules:
    """Configurable limits of the rules."""

    max_credits_per_request: Decimal = Decimal(3)
    # A course total above this after the insert is pointed out (UNUSUAL_COURSE_TOTAL).
    usual_course_total: Decimal = USUAL_COURSE_TOTAL


@dataclass
class Services:
    store: Store
    clock: Clock = system_clock
    rules: Rules = field(default_factory=Rules)
    # Seconds between the event feed's reads of the log (domain/events/feed.py).
    event_poll_interval: float = DEFAULT_INTERVAL

    def __post_init__(self) -> None:
        maximum = self.rules.max_credits_per_request
        self.calendar = FiscalCalendar(self.store, self.clock)
        self.lookups = Lookups(self.store, self.calendar)
        self.prefetch = Prefetch(self.store)
        self.evidence = EvidenceStore(self.store, self.clock)
        self.event_feed = EventFeed(
            self.store, interval=self.event_poll_interval, on_calendar_change=self.calendar.forget
        )
        self.events = EventLog(self.store, on_logged=self.event_feed.wake)
        self.approvals = Approvals(self.store, self.calendar, self.clock, self.events)
        self.requests = RequestQueries(self.store, self.lookups)
        self.submissions = Submissions(
            self.store,
            self.lookups,
            self.calendar,
            self.clock,
            maximum,
            self.evidence,
            self.events,
            self.rules.usual_course_total,
        )
        self.reviews = Reviews(
            self.store,
            self.requests,
            self.clock,
            maximum,
            self.evidence,
            self.events,
            self.approvals,
        )
        self.audit = AccessAudit(self.store.audit, self.clock)
        self.notification_preferences = NotificationPreferences(self.store, self.clock)

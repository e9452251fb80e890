"""What a notification says: the values its templates get, built from the event, the request
and the reference data. The subject is rendered from these too, so `private` lists the values
(SUIDs, student names) that must never appear in a subject line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..access import EVERYTHING
from ..events.logged import Delivery
from ..fiscal import ARIZONA
from ..repository import Store
from .rules import NotificationKind

# The policy's own words (insert-credits-change-request policy), quoted where they help.
POLICY_JUSTIFICATION = (
    "All requests will require justification for the request; inadequate justification may "
    "result in the request being sent back for more information or being rejected."
)
POLICY_EVIDENCE = (
    "Each request should include proof that a student earned credit that was not recorded in "
    "the CTE Data Portal, such as a student transcript."
)

LinkFor = Callable[[str], str]


@dataclass(frozen=True)
class Notice:
    """One message to render and send. `key` is its claim's key."""

    key: str
    kind: NotificationKind
    to: str
    values: dict[str, Any]
    private: tuple[str, ...] = field(default=())


async def event_notice(
    store: Store, delivery: Delivery, kind: NotificationKind, to: str, link_for: LinkFor
) -> Notice:
    request, event = delivery.request, delivery.event
    reference = store.reference
    # The notifier's own work: it reads every LEA's data, each message going to its party.
    student = (await reference.students(EVERYTHING, [request.suid])).get(request.suid)
    school = (await reference.schools(EVERYTHING, [request.school_entity_id])).get(
        request.school_entity_id
    )
    lea = (await reference.leas(EVERYTHING, [request.lea_entity_id])).get(request.lea_entity_id)
    program = (await reference.programs([request.program_number])).get(request.program_number)
    course = program.course(request.course_number) if program else None
    values = {
        "request": request,
        "event": event,
        "at": event.at.astimezone(ARIZONA),
        "link": link_for(request.id),
        "student_name": f"{student.first_name} {student.last_name}" if student else None,
        "school_name": school.name if school else f"school {request.school_entity_id}",
        "lea_name": lea.name if lea else f"LEA {request.lea_entity_id}",
        "program_name": program.name if program else None,
        "course_name": course.name if course else None,
        "policy_justification": POLICY_JUSTIFICATION,
        "policy_evidence": POLICY_EVIDENCE,
    }
    private = [request.suid, request.retired_suid]
    if student is not None:
        private += [student.first_name, student.last_name]
    return Notice(
        key=claim_key(event.id, to),
        kind=kind,
        to=to,
        values=values,
        private=tuple(p for p in private if p),
    )


def claim_key(source: str, to: str) -> str:
    """One claim per (event or digest day, address)."""
    return f"{source}|{to}"

"""Who may see what: the one place that holds the visibility rule of domain.md.

A viewer becomes a `Scope`. ADE staff (reviewers and admins) see everything; an LEA user sees
the schools of their LEAs and the records, change requests, events and evidence files that
belong to those schools. Every repository read of that data takes a scope and applies it in
the query (see repository/scoping.py), so a new query cannot forget it; the domain uses the
same scope for the few checks made in memory (a subscriber's live events, an idempotent retry)
and for refusing filters that name what lies outside it.

The service's own work (approval, recovery, loading, the event feed's fan-out) reads with
`EVERYTHING`, and says so where it does. One grant follows from a request rather than from the
scope: the P/C records of a request's retired SUID in its program, at any school, may be seen
by whoever may see the request (the reviewer compares them; the submitting LEA named the SUID,
and the policy's own check of it is statewide).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Forbidden
from .models import School, Viewer


@dataclass(frozen=True)
class Scope:
    """The LEAs whose data a read may return; `None` means every LEA."""

    lea_ids: frozenset[int] | None = None

    @property
    def everything(self) -> bool:
        return self.lea_ids is None

    def covers(self, lea_entity_id: int) -> bool:
        return self.lea_ids is None or lea_entity_id in self.lea_ids


EVERYTHING = Scope()
# No signed-in viewer: nothing (only the schema itself is answered then).
NOTHING = Scope(frozenset())


def scope_of(viewer: Viewer) -> Scope:
    return EVERYTHING if viewer.is_staff else Scope(frozenset(viewer.lea_ids))


def visible_school(
    scope: Scope, entity_id: int, school: School | None, field: str | None = None
) -> School | None:
    """The school read under `scope`, if the viewer may act on it. A school outside an LEA
    user's scope reads as absent, and an absent one is refused alike (FORBIDDEN), so that
    existence does not leak; for staff an unknown school is None."""
    if school is None and scope.everything:
        return None
    if school is None or not scope.covers(school.lea_entity_id):
        raise Forbidden(f"School {entity_id} is not one of your LEAs' schools.", field)
    return school


def check_named_lea(scope: Scope, lea_entity_id: int | None, field: str | None = None) -> None:
    """A filter naming an LEA outside the scope is refused rather than answered empty."""
    if lea_entity_id is not None and not scope.covers(lea_entity_id):
        raise Forbidden(f"LEA {lea_entity_id} is not one of your LEAs.", field)

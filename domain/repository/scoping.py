"""A `Scope` (domain/access.py) as a MongoDB filter: every collection of student data carries
the LEA it belongs to (`leaEntityId`), so one condition scopes every read."""

from __future__ import annotations

from typing import Any

from ..access import Scope


def scoped(scope: Scope, query: dict[str, Any], field: str = "leaEntityId") -> dict[str, Any]:
    """`query` restricted to the scope's LEAs."""
    if scope.lea_ids is None:
        return query
    condition = {field: {"$in": sorted(scope.lea_ids)}}
    return {"$and": [query, condition]} if field in query else {**query, **condition}

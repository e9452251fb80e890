"""Opaque cursors for the connections: base64 of the keyset position."""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime
from typing import Annotated

import strawberry
from graphql import GraphQLError

from domain.change_requests.model import ChangeRequest
from domain.models import ParticipantRecord
from domain.paging import MAX_PAGE, Page
from schema.error_codes import TopLevelCode
from schema.types import PageInfo

OBJECT_ID = re.compile(r"[0-9a-f]{24}")

# The arguments of every connection field.
First = Annotated[
    int | None,
    strawberry.argument(
        description=f"How many items the page holds, 0 to {MAX_PAGE} (more is refused with "
        "INVALID_VALUE); 25 when null."
    ),
]
After = Annotated[
    str | None,
    strawberry.argument(
        description="The endCursor of the page already read, for the page after it; null or "
        "empty for the first page."
    ),
]


def bad_cursor() -> GraphQLError:
    return GraphQLError(
        "The `after` cursor is not valid.", extensions={"code": TopLevelCode.INVALID_VALUE}
    )


def check_first(first: int | None) -> int:
    """A page holds 0 to MAX_PAGE items; a larger `first` is refused rather than cut short, so
    that a client never takes a short page for the end of the list."""
    if first is None:
        return 25
    if not 0 <= first <= MAX_PAGE:
        raise GraphQLError(
            f"`first` must be 0 to {MAX_PAGE}.", extensions={"code": TopLevelCode.INVALID_VALUE}
        )
    return first


def given_cursor(cursor: str | None) -> str | None:
    """`after: ""` means no cursor, as clients send it for the first page."""
    return cursor or None


def _encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


def _decode(cursor: str) -> str:
    try:
        return base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise bad_cursor() from None


def keyset_cursor(at: datetime, object_id: str) -> str:
    """The cursor of a list ordered by (time, ObjectId), newest first."""
    return _encode(f"{at.isoformat()}|{object_id}")


def request_cursor(request: ChangeRequest) -> str:
    return keyset_cursor(request.submitted_at, request.id)


def parse_keyset_cursor(cursor: str | None) -> tuple[datetime, str] | None:
    if given_cursor(cursor) is None:
        return None
    at, _, request_id = _decode(cursor).partition("|")
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        raise bad_cursor() from None
    if not OBJECT_ID.fullmatch(request_id) or moment.tzinfo is None:
        raise bad_cursor()
    return moment, request_id


def record_cursor(record: ParticipantRecord) -> str:
    return _encode(record.id)


def parse_record_cursor(cursor: str | None) -> str | None:
    if given_cursor(cursor) is None:
        return None
    record_id = _decode(cursor)
    if not OBJECT_ID.fullmatch(record_id):
        raise bad_cursor()
    return record_id


def page_info(page: Page, edges: list, after: str | None) -> PageInfo:
    """Keyset pages only go forward: a page after a cursor has items before it."""
    return PageInfo(
        has_next_page=page.has_next_page,
        end_cursor=edges[-1].cursor if edges else None,
        has_previous_page=given_cursor(after) is not None,
        start_cursor=edges[0].cursor if edges else None,
    )

"""Opaque cursors for the connections: base64 of the keyset position."""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime

from graphql import GraphQLError

from domain.change_requests.model import ChangeRequest
from domain.models import ParticipantRecord
from domain.paging import Page
from schema.error_codes import TopLevelCode
from schema.types import PageInfo

OBJECT_ID = re.compile(r"[0-9a-f]{24}")


def bad_cursor() -> GraphQLError:
    return GraphQLError(
        "The `after` cursor is not valid.", extensions={"code": TopLevelCode.INVALID_VALUE}
    )


def check_first(first: int | None) -> int:
    if first is None:
        return 25
    if first < 0:
        raise GraphQLError(
            "`first` must be 0 or more.", extensions={"code": TopLevelCode.INVALID_VALUE}
        )
    return first


def _encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


def _decode(cursor: str) -> str:
    try:
        return base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise bad_cursor() from None


def request_cursor(request: ChangeRequest) -> str:
    return _encode(f"{request.submitted_at.isoformat()}|{request.id}")


def parse_request_cursor(cursor: str | None) -> tuple[datetime, str] | None:
    if cursor is None:
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
    if cursor is None:
        return None
    record_id = _decode(cursor)
    if not OBJECT_ID.fullmatch(record_id):
        raise bad_cursor()
    return record_id


def page_info(page: Page, edges: list) -> PageInfo:
    return PageInfo(
        has_next_page=page.has_next_page, end_cursor=edges[-1].cursor if edges else None
    )

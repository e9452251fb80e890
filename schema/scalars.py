"""Scalars whose wire format the contract fixes."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import strawberry
from graphql import FloatValueNode, IntValueNode, StringValueNode
from strawberry.file_uploads import Upload
from strawberry.schema.types.scalar import DEFAULT_SCALAR_REGISTRY
from strawberry.types.scalar import ScalarDefinition

from domain.models import format_credits

# Python's Decimal also takes " 1", "1_0", "1e2" and digits of other scripts: not credits.
PLAIN_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)
# A day from either end of datetime's range, so that any time zone's offset stays in range.
EARLIEST = datetime.min.replace(tzinfo=None) + timedelta(days=1)
LATEST = datetime.max.replace(tzinfo=None) - timedelta(days=1)


def _parse_decimal(value: object) -> Decimal:
    """A plain decimal (ASCII digits, at most one point, an optional minus) as a Decimal.
    Any other text becomes NaN, which the domain refuses at its field (INVALID_VALUE, a
    `userErrors` entry the form can show), rather than a top-level error here."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError('Decimal values are strings such as "0.5".')
    text = str(value)
    return Decimal(text) if PLAIN_DECIMAL.fullmatch(text) else Decimal("NaN")


def _parse_decimal_literal(node, _variables=None) -> Decimal:
    if isinstance(node, (StringValueNode, IntValueNode, FloatValueNode)):
        return _parse_decimal(node.value)
    raise ValueError('Decimal values are strings such as "0.5".')


DecimalScalar = strawberry.scalar(
    name="Decimal",
    description='An exact decimal number of credits, serialized as a string such as "1", "0.5" '
    'or "0.25".',
    serialize=format_credits,
    parse_value=_parse_decimal,
    parse_literal=_parse_decimal_literal,
)


def _parse_datetime(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("DateTime values are ISO 8601 strings such as 2026-11-28T12:00:00-07:00.")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 date-time.") from None
    if not EARLIEST <= parsed.replace(tzinfo=None) <= LATEST:
        raise ValueError(f"{value!r} is out of range (years 0001 to 9999, not their last days).")
    return parsed


DateTimeScalar = strawberry.scalar(
    name="DateTime",
    description='A point in time, ISO 8601 with offset: "2026-09-01T16:04:05.123000+00:00".',
    serialize=datetime.isoformat,
    parse_value=_parse_datetime,
)


def _described(python_type: object, description: str) -> ScalarDefinition:
    """strawberry's own scalar for `python_type`, described in the contract's words."""
    return dataclasses.replace(DEFAULT_SCALAR_REGISTRY[python_type], description=description)


SCALAR_OVERRIDES = {
    Decimal: DecimalScalar,
    datetime: DateTimeScalar,
    date: _described(date, 'A calendar date, ISO 8601: "2026-07-15".'),
    Upload: _described(
        Upload,
        "A file sent with a GraphQL multipart request (an operations part, a map part "
        "and one part per file).",
    ),
}

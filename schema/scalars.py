"""Scalars whose wire format the contract fixes."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import strawberry
from graphql import FloatValueNode, IntValueNode, StringValueNode

from domain.models import format_credits


def _parse_decimal(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError('Decimal values are strings such as "0.5".')
    try:
        parsed = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a decimal number.") from None
    if not parsed.is_finite():
        raise ValueError(f"{value!r} is not a finite decimal number.")
    return parsed


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

SCALAR_OVERRIDES = {Decimal: DecimalScalar}

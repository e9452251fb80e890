"""Scalars whose wire format the contract fixes."""

from __future__ import annotations

import re
from decimal import Decimal

import strawberry
from graphql import FloatValueNode, IntValueNode, StringValueNode

from domain.models import format_credits

# Python's Decimal also takes " 1", "1_0", "1e2" and digits of other scripts: not credits.
PLAIN_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)


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

SCALAR_OVERRIDES = {Decimal: DecimalScalar}

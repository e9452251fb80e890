"""Every type, field, argument and enum value of the served schema has a description that a
client author reads in GraphiQL; the test lists any that lack one."""

from __future__ import annotations

from enum import StrEnum

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
)

from schema.enums import described_enum
from schema.root import build_schema


def undescribed() -> list[str]:
    schema = build_schema()._schema
    missing = []
    for name, kind in schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not kind.description:
            missing.append(name)
        if isinstance(kind, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in kind.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description:
                        missing.append(f"{name}.{field_name}({arg_name})")
        if isinstance(kind, GraphQLEnumType):
            missing += [f"{name}.{v}" for v, value in kind.values.items() if not value.description]
    return missing


def test_every_part_of_the_schema_is_described():
    missing = undescribed()
    assert missing == [], f"{len(missing)} without a description:\n" + "\n".join(missing)


def test_an_enum_value_added_to_the_domain_without_a_description_fails_at_import():
    class Colour(StrEnum):
        RED = "RED"
        BLUE = "BLUE"

    with pytest.raises(ValueError, match="Colour: no description for BLUE"):
        described_enum(Colour, "Colour", "A colour.", {"RED": "Red."})


def test_a_described_domain_enum_carries_each_value_description():
    class Shade(StrEnum):
        DARK = "DARK"
        LIGHT = "LIGHT"

    wrapped = described_enum(Shade, "Shade", "A shade.", {"DARK": "Dark.", "LIGHT": "Light."})
    definition = wrapped.__strawberry_definition__
    assert definition.description == "A shade."
    assert {v.name: v.description for v in definition.values} == {
        "DARK": "Dark.",
        "LIGHT": "Light.",
    }

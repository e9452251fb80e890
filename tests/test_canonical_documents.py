"""The canonical text of a GraphQL document: the same for every layout and order of the same
document, different as soon as what it asks differs."""

from __future__ import annotations

import pytest
from graphql import parse

from server.canonical_documents import canonical

DOCUMENT = """
query Q($a: Int, $b: String) {
  viewer { id name ...Roles }
  x(a: $a, b: {y: 2, z: [1, 2]}) @include(if: true) { one two }
}
fragment Roles on Viewer { role leas { entityId } }
"""


@pytest.mark.parametrize(
    "same",
    [
        " ".join(DOCUMENT.split()),
        "fragment Roles on Viewer { leas { entityId } role } "
        "query Q($b: String, $a: Int) { x(b: {z: [1, 2], y: 2}, a: $a) @include(if: true) "
        "{ two one } viewer { ...Roles name id } }",
        DOCUMENT.replace("{ id name", "{\n # who\n id\n name"),
    ],
)
def test_layout_and_order_do_not_matter(same):
    assert canonical(parse(same)) == canonical(parse(DOCUMENT))


@pytest.mark.parametrize(
    "old, new",
    [
        ("id name", "id email"),  # another field
        ("id name", "id name: email"),  # an alias
        ("z: [1, 2]", "z: [2, 1]"),  # list order is meaningful
        ("y: 2", "y: 3"),  # a value
        ("if: true", "if: false"),  # a directive's argument
        ("$b: String", "$b: String!"),  # a variable's type
        ("on Viewer", "on Query"),  # a fragment's type
    ],
)
def test_any_other_difference_matters(old, new):
    assert old in DOCUMENT
    changed = DOCUMENT.replace(old, new)
    assert canonical(parse(changed)) != canonical(parse(DOCUMENT))


def test_the_parsed_document_is_left_as_it_was():
    document = parse(DOCUMENT)
    before = repr(document.definitions)
    canonical(document)
    assert repr(document.definitions) == before

"""Every document of tests/documents.py is valid against the served schema, so that a test
that sends one fails on its own assertion, not on a typo in a shared selection."""

import graphql
import pytest

from schema.root import build_schema
from tests import documents

SCHEMA = build_schema()._schema
DOCUMENTS = {
    name: text
    for name, text in vars(documents).items()
    if name.isupper()
    and isinstance(text, str)
    and text.lstrip().startswith(("query", "mutation", "subscription"))
}


def test_the_module_holds_the_documents():
    assert {"SUBMIT", "SUBMIT_BRIEF", "SUBMIT_IN_FULL", "SUBMIT_WITH_EVIDENCE"} <= DOCUMENTS.keys()


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_each_document_is_valid(name):
    assert graphql.validate(SCHEMA, graphql.parse(DOCUMENTS[name])) == []

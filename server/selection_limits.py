"""Bounds on what validation may cost, checked before validation runs.

graphql-core's OverlappingFieldsCanBeMerged rule compares every pair of fields that share a
response name in one selection set (fragments merged in), and recurses into their
sub-selections: 490 copies of `leas { name }` in a 2 KB document cost seconds. So before
validation each selection set, with its fragments merged in as that rule merges them, may hold
at most `max_selections` fields and the same response name at most `max_repeats` times
(checked once per parsed document: server.prevalidation.DocumentCheck).
"""

from __future__ import annotations

from collections import Counter

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

from .prevalidation import DocumentCheck


class SelectionTooLarge(Exception):
    """A selection set passes one of the bounds."""


class SelectionBounds:
    def __init__(self, document: DocumentNode, max_selections: int, max_repeats: int):
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.max_selections = max_selections
        self.max_repeats = max_repeats
        self.merged: dict[str, list[FieldNode]] = {}  # per fragment, computed once

    def check(self, document: DocumentNode) -> None:
        """Raises SelectionTooLarge for the first selection set past a bound."""
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode):
                self._check_tree(definition.selection_set)

    def _check_tree(self, selection_set: SelectionSetNode | None) -> None:
        if selection_set is None:
            return
        fields = self._fields(selection_set, frozenset())
        if len(fields) > self.max_selections:
            raise SelectionTooLarge(
                f"A selection set holds more than {self.max_selections} fields."
            )
        repeated = Counter(_response_name(f) for f in fields).most_common(1)
        if repeated and repeated[0][1] > self.max_repeats:
            name, count = repeated[0]
            raise SelectionTooLarge(
                f"The field '{name}' is selected {count} times in one selection set; at most "
                f"{self.max_repeats} are allowed."
            )
        for field in _own_fields(selection_set):  # spread fragments are checked on their own
            self._check_tree(field.selection_set)

    def _fields(self, selection_set: SelectionSetNode, visiting: frozenset[str]) -> list[FieldNode]:
        """The fields of a selection set with its inline fragments and spreads merged in."""
        fields: list[FieldNode] = []
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                fields.append(selection)
            elif isinstance(selection, InlineFragmentNode):
                fields += self._fields(selection.selection_set, visiting)
            elif isinstance(selection, FragmentSpreadNode):
                fields += self._fragment_fields(selection.name.value, visiting)
            if len(fields) > self.max_selections:
                break  # already too many: the caller refuses
        return fields

    def _fragment_fields(self, name: str, visiting: frozenset[str]) -> list[FieldNode]:
        if name in visiting or name not in self.fragments:
            return []  # validation reports cycles and unknown fragments
        if name not in self.merged:
            selection_set = self.fragments[name].selection_set
            self.merged[name] = self._fields(selection_set, visiting | {name})
        return self.merged[name]


def _own_fields(selection_set: SelectionSetNode) -> list[FieldNode]:
    """The fields written in a selection set, inline fragments included."""
    fields: list[FieldNode] = []
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            fields.append(selection)
        elif isinstance(selection, InlineFragmentNode):
            fields += _own_fields(selection.selection_set)
    return fields


def _response_name(field: FieldNode) -> str:
    return (field.alias or field.name).value


class SelectionLimit(DocumentCheck):
    """Refuses, before validation, a document with a selection set past the bounds."""

    def __init__(self, *, max_selections: int, max_repeats: int, **options):
        super().__init__(**options)
        self.max_selections = max_selections
        self.max_repeats = max_repeats

    def problem(self, document: DocumentNode) -> GraphQLError | None:
        try:
            SelectionBounds(document, self.max_selections, self.max_repeats).check(document)
        except (SelectionTooLarge, RecursionError) as problem:
            message = str(problem) or "The document's selections are nested too deeply."
            return GraphQLError(message, extensions={"code": "QUERY_TOO_LARGE"})
        return None

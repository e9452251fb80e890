"""A bound on the expanded size of a document, checked before anything walks it.

Fragments that spread other fragments twice double the document at each level: a few hundred
bytes can stand for billions of fields. Validation rules (depth, aliases, cost) walk the
expansion, so this count comes first, computed once per fragment (linear in the document),
once per parsed document (server.prevalidation.DocumentCheck)."""

from __future__ import annotations

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

from schema.error_codes import TopLevelCode

from .prevalidation import DocumentCheck


def expanded_fields(document: DocumentNode) -> int:
    """How many fields the document's operations select once every fragment is expanded
    (a fragment spread inside itself counts nothing: validation refuses such cycles)."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    sizes: dict[str, int] = {}

    def size(selection_set: SelectionSetNode | None, visiting: frozenset[str]) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += 1 + size(selection.selection_set, visiting)
            elif isinstance(selection, InlineFragmentNode):
                total += size(selection.selection_set, visiting)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in visiting or name not in fragments:
                    continue
                if name not in sizes:
                    sizes[name] = size(fragments[name].selection_set, visiting | {name})
                total += sizes[name]
        return total

    return sum(
        size(d.selection_set, frozenset())
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    )


def too_large(limit: int) -> GraphQLError:
    return GraphQLError(
        f"The document selects more than {limit} fields once its fragments are expanded.",
        extensions={"code": TopLevelCode.QUERY_TOO_LARGE},
    )


class DocumentSizeLimit(DocumentCheck):
    """Refuses documents whose expansion exceeds `max_fields`, before validation."""

    def __init__(self, *, max_fields: int, **options):
        super().__init__(**options)
        self.max_fields = max_fields

    def problem(self, document: DocumentNode) -> GraphQLError | None:
        try:
            fields = expanded_fields(document)
        except RecursionError:
            fields = self.max_fields + 1
        return too_large(self.max_fields) if fields > self.max_fields else None

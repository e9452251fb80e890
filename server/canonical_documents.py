"""One text for all the layouts of a GraphQL document: its definitions, selections, arguments,
variable definitions and input object fields sorted, printed by graphql-core. Clients print the
same document differently (whitespace, field order, fragments before or after the operation);
none of those differences changes what the document asks for."""

from __future__ import annotations

from graphql import DocumentNode, Node, Visitor, print_ast, visit


def _sorted_copy(node: Node, attribute: str, key) -> Node:
    values = getattr(node, attribute, None)
    if not values:
        return node
    # Built anew from the node's keys: nodes are frozen in graphql-core 3.3, not in 3.2.
    fields = {name: getattr(node, name) for name in node.keys}
    return type(node)(**{**fields, attribute: tuple(sorted(values, key=key))})


def _named(item) -> str:
    return item.name.value


class _Sorter(Visitor):
    """Sorts on the way up, so that each list is sorted by its members' sorted prints."""

    def leave_selection_set(self, node, *_):
        return _sorted_copy(node, "selections", print_ast)

    def leave_field(self, node, *_):
        return _sorted_copy(node, "arguments", _named)

    def leave_directive(self, node, *_):
        return _sorted_copy(node, "arguments", _named)

    def leave_object_value(self, node, *_):
        return _sorted_copy(node, "fields", _named)

    def leave_operation_definition(self, node, *_):
        return _sorted_copy(node, "variable_definitions", lambda v: v.variable.name.value)

    def leave_document(self, node, *_):
        return _sorted_copy(node, "definitions", print_ast)


def canonical(document: DocumentNode) -> str:
    return print_ast(visit(document, _Sorter()))

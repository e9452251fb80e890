"""Compiling a validated operation into a plan (schema.compiled.plan), once per document.

Fields are collected as graphql-core collects them (graphql/execution/collect_fields.py):
response names in the order they first appear, fragments whose type condition matches,
each named fragment once per selection set. What the plan cannot express exactly raises
Unsupported and the document runs through graphql-core: mutations (their root fields run
one after the other, and their cost is the domain's writes, not the walk of the selection)
and subscriptions, directives on
selections (@skip, @include, @defer, @stream: what they select depends on the request),
fragments with variables, and schema introspection (__schema, __type). Interfaces and unions
compile to a step that lets graphql-core complete that value.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    is_abstract_type,
    is_enum_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
    type_from_ast,
)
from graphql.execution.collect_fields import FieldDetails
from graphql.type.scalars import serialize_boolean, serialize_id, serialize_int, serialize_string

from .plan import (
    Completion,
    DirectResolver,
    FieldPlan,
    Generic,
    Leaf,
    ListOf,
    NonNull,
    ObjectPlan,
    OperationPlan,
)

# strawberry's link from a graphql-core field to its StrawberryField.
STRAWBERRY_FIELD = "strawberry-definition"
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
# Output coercions that return a value of this exact type unchanged.
UNCHANGED = {serialize_string: str, serialize_id: str, serialize_boolean: bool}


class Unsupported(Exception):
    """A document (or part of one) that the compiler leaves to graphql-core."""


def compile_operation(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
) -> OperationPlan:
    """The plan of a validated operation; raises Unsupported."""
    root_type = schema.get_root_type(operation.operation)
    if operation.operation is not OperationType.QUERY or root_type is None:
        raise Unsupported(operation.operation.value)
    root = _Compiler(schema, fragments).object_plan(root_type, [operation.selection_set])
    return OperationPlan(root)


class _Compiler:
    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode]):
        self.schema = schema
        self.fragments = fragments

    def object_plan(
        self, type_: GraphQLObjectType, selection_sets: Iterable[SelectionSetNode]
    ) -> ObjectPlan:
        grouped: dict[str, list[FieldNode]] = {}
        visited: set[str] = set()
        for selection_set in selection_sets:
            self._collect(type_, selection_set, grouped, visited)
        fields = [self.field_plan(type_, key, nodes) for key, nodes in grouped.items()]
        return ObjectPlan(type_, fields)

    def _collect(
        self,
        type_: GraphQLObjectType,
        selection_set: SelectionSetNode,
        grouped: dict[str, list[FieldNode]],
        visited: set[str],
    ) -> None:
        for selection in selection_set.selections:
            if selection.directives:
                raise Unsupported("directive")
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                grouped.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                if self._matches(selection, type_):
                    self._collect(type_, selection.selection_set, grouped, visited)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or not self._matches(fragment, type_) or name in visited:
                    continue
                if fragment.variable_definitions:
                    raise Unsupported("fragment variables")
                visited.add(name)
                self._collect(type_, fragment.selection_set, grouped, visited)

    def _matches(self, fragment: Any, type_: GraphQLObjectType) -> bool:
        """graphql-core's does_fragment_condition_match."""
        if not fragment.type_condition:
            return True
        condition = type_from_ast(self.schema, fragment.type_condition)
        if condition is type_:
            return True
        return is_abstract_type(condition) and self.schema.is_sub_type(condition, type_)

    def field_plan(
        self, parent_type: GraphQLObjectType, key: str, nodes: list[FieldNode]
    ) -> FieldPlan:
        name = nodes[0].name.value
        field_def = (
            None if name in INTROSPECTION_FIELDS else self.schema.get_field(parent_type, name)
        )
        if field_def is None:
            raise Unsupported(f"field {parent_type.name}.{name}")
        attribute = _default_attribute(field_def)
        completion = self.completion(field_def.type, f"{parent_type.name}.{name}", nodes)
        leaf = completion if not isinstance(completion, NonNull) else completion.inner
        return FieldPlan(
            key=key,
            parent_type=parent_type,
            field_def=field_def,
            details=[FieldDetails(node, None, None) for node in nodes],
            nodes=nodes,
            attribute=attribute,
            completion=completion,
            direct=self._direct(field_def, nodes[0]) if attribute is None else None,
            leaf=attribute is not None and isinstance(leaf, Leaf),
            unchanged=leaf.unchanged if isinstance(leaf, Leaf) else None,
        )

    def _direct(self, field_def: GraphQLField, node: FieldNode) -> DirectResolver | None:
        """The resolver, to call directly: for a strawberry field without arguments, field
        extensions (permissions among them) or exception handlers."""
        field = (field_def.extensions or {}).get(STRAWBERRY_FIELD)
        strawberry_schema = getattr(self.schema, "_strawberry_schema", None)
        if field is None or strawberry_schema is None or field_def.args or node.arguments:
            return None
        resolver = field.base_resolver
        if resolver is None or field.extensions or strawberry_schema.exception_handlers:
            return None
        if resolver.parent_parameter or resolver.root_parameter or resolver.arguments:
            return None
        info = resolver.info_parameter
        wrapped = resolver.wrapped_func
        return DirectResolver(
            field=field,
            call=wrapped if callable(wrapped) else resolver,
            info_class=strawberry_schema.config.info_class,
            with_self=resolver.self_parameter is not None,
            info_name=info.name if info else None,
        )

    def completion(
        self, type_: GraphQLOutputType, field: str, nodes: list[FieldNode]
    ) -> Completion:
        if is_non_null_type(type_):
            message = f"Cannot return null for non-nullable field {field}."
            return NonNull(type_, self.completion(type_.of_type, field, nodes), message)
        if is_list_type(type_):
            message = f"Expected Iterable, but did not find one for field '{field}'."
            return ListOf(type_, self.completion(type_.of_type, field, nodes), message)
        if is_leaf_type(type_):
            coerce = type_.coerce_output_value
            enum = getattr(type_, "wrapped_cls", None) if is_enum_type(type_) else None
            return Leaf(
                type_,
                UNCHANGED.get(coerce),
                small_int=coerce is serialize_int,
                enum=enum,
                names=_member_names(type_, enum) if enum is not None else None,
            )
        if is_object_type(type_):
            return self.object_plan(type_, [n.selection_set for n in nodes if n.selection_set])
        return Generic(type_)


def _default_attribute(field_def: GraphQLField) -> str | None:
    """The attribute strawberry's default resolver would read (a field without a resolver,
    permission or extension), else None."""
    field = (field_def.extensions or {}).get(STRAWBERRY_FIELD)
    default = getattr(field_def.resolve, "_is_default", False)
    if field is None or not default or field.default_resolver is not getattr:
        return None
    return field.python_name


def _member_names(type_: Any, enum: type) -> dict[Any, str]:
    """The name the enum type's own coercion gives each member of its Python enum."""
    names = {}
    for member in enum:  # type: ignore[attr-defined]
        try:
            names[member] = type_.coerce_output_value(member)
        except (ValueError, TypeError, GraphQLError):
            continue
    return names

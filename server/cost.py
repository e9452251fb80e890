"""Query cost: price an operation from its document before it runs, and refuse one above the
budget.

Strawberry has no cost limit, and depth, alias and token limits alone let a client ask for a
100-row page of records, each with its courses, each with its insertions, nested again
through `history { changeRequest { ... } }`: a small document can still ask for millions of
objects. The price is an upper bound on the objects an operation can resolve:

- every field costs 1;
- what is below a connection field (one with a `first` argument) is multiplied by `first`,
  or by the connection cap when `first` is absent, a variable (validation runs once per
  document, before variables are known: see server/limits.py on the validation cache) or
  above the cap. A list directly inside a connection (`edges`) is already counted by `first`
  and is not multiplied again;
- what is below any other list field is multiplied by the assumed list length (10).

Fragments are priced where they are spread, inline fragments with their type condition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
    get_nullable_type,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef

from schema.error_codes import TopLevelCode

QUERY_TOO_COSTLY = TopLevelCode.QUERY_TOO_COSTLY
PAGE_ARGUMENT = "first"
# Beyond this nesting the walk stops: the depth limit refuses such documents anyway, and
# the walk must not exhaust Python's recursion limit on a hostile document.
MAX_PRICED_NESTING = 100


@dataclass(frozen=True)
class CostModel:
    budget: int
    connection_cap: int  # the largest page a connection serves (domain.paging.MAX_PAGE)
    list_factor: int = 10


class Unpriceable(Exception):
    """The document nests deeper than the walk goes."""


class _Pricer:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        model: CostModel,
    ):
        self.schema = schema
        self.fragments = fragments
        self.model = model

    def selections(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        nesting: int,
        in_connection: bool = False,
        spread: frozenset[str] = frozenset(),
    ) -> int:
        if selection_set is None or parent is None:
            return 0
        if nesting > MAX_PRICED_NESTING:
            raise Unpriceable
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, nesting, in_connection, spread)
            elif isinstance(selection, InlineFragmentNode):
                condition = self._type(selection.type_condition) or parent
                total += self.selections(
                    selection.selection_set, condition, nesting + 1, in_connection, spread
                )
            elif isinstance(selection, FragmentSpreadNode):
                total += self.spread(selection, nesting, in_connection, spread)
        return total

    def spread(
        self, node: FragmentSpreadNode, nesting: int, in_connection: bool, spread: frozenset[str]
    ) -> int:
        name = node.name.value
        fragment = self.fragments.get(name)
        if fragment is None or name in spread:  # unknown or cyclic: other rules report it
            return 0
        condition = self._type(fragment.type_condition)
        return self.selections(
            fragment.selection_set, condition, nesting + 1, in_connection, spread | {name}
        )

    def field(
        self,
        node: FieldNode,
        parent: GraphQLNamedType,
        nesting: int,
        in_connection: bool,
        spread: frozenset[str],
    ) -> int:
        definition = _field_definition(self.schema, parent, node.name.value)
        if definition is None or node.selection_set is None:
            return 1
        child_type = get_named_type(definition.type)
        if PAGE_ARGUMENT in definition.args:
            factor = self.page_size(node)
            return 1 + factor * self.selections(
                node.selection_set, child_type, nesting + 1, True, spread
            )
        is_list = isinstance(get_nullable_type(definition.type), GraphQLList)
        factor = self.model.list_factor if is_list and not in_connection else 1
        return 1 + factor * self.selections(
            node.selection_set, child_type, nesting + 1, False, spread
        )

    def page_size(self, node: FieldNode) -> int:
        """`first` as written, clamped to [1, cap]; the cap when absent or a variable."""
        cap = self.model.connection_cap
        for argument in node.arguments or ():
            if argument.name.value == PAGE_ARGUMENT and isinstance(argument.value, IntValueNode):
                return max(1, min(int(argument.value.value), cap))
        return cap

    def _type(self, condition) -> GraphQLNamedType | None:
        return self.schema.get_type(condition.name.value) if condition is not None else None


def _field_definition(
    schema: GraphQLSchema, parent: GraphQLNamedType, name: str
) -> GraphQLField | None:
    if name == "__schema":
        return SchemaMetaFieldDef
    if name == "__type":
        return TypeMetaFieldDef
    if isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType)):
        return parent.fields.get(name)
    return None


def _fragments(document) -> dict[str, FragmentDefinitionNode]:
    return {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }


def operation_cost(
    schema: GraphQLSchema, document, operation: OperationDefinitionNode, model: CostModel
) -> int:
    """The price of one operation of `document`; raises Unpriceable when nested too deep."""
    root = schema.get_root_type(operation.operation)
    pricer = _Pricer(schema, _fragments(document), model)
    return pricer.selections(operation.selection_set, root, 1)


def too_costly(operation: OperationDefinitionNode, cost: int | None, budget: int) -> GraphQLError:
    name = f"Operation '{operation.name.value}'" if operation.name else "The operation"
    if cost is None:
        message = (
            f"{name} nests fields deeper than {MAX_PRICED_NESTING} levels and cannot "
            f"be priced against the budget of {budget:,}."
        )
    else:
        message = (
            f"{name} costs {cost:,}, above the budget of {budget:,}. Ask for fewer "
            "fields, smaller pages (`first`) or fewer nested lists."
        )
    return GraphQLError(
        message, operation, extensions={"code": QUERY_TOO_COSTLY, "cost": cost, "budget": budget}
    )


def cost_rule(model: CostModel) -> type[ValidationRule]:
    """A validation rule refusing every operation of a document priced above the budget.

    Build it once per application: the validation cache is keyed by the rule classes."""

    class QueryCostRule(ValidationRule):
        def enter_document(self, document, *_args):
            context: ValidationContext = self.context
            for definition in document.definitions:
                if isinstance(definition, OperationDefinitionNode):
                    self._check(context, document, definition)
            return self.SKIP

        @staticmethod
        def _check(context: ValidationContext, document, operation) -> None:
            try:
                cost = operation_cost(context.schema, document, operation, model)
            except Unpriceable:
                cost = None
            if cost is None or cost > model.budget:
                context.report_error(too_costly(operation, cost, model.budget))

    return QueryCostRule

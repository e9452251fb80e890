"""The price of operations: each field 1, below a connection times `first` (capped), below
any other list times 10; fragments priced where spread."""

from __future__ import annotations

import pytest
from graphql import OperationDefinitionNode, parse

from schema.root import build_schema
from server.cost import CostModel, Unpriceable, operation_cost

SCHEMA = build_schema()._schema
MODEL = CostModel(budget=1_000_000, connection_cap=100, list_factor=10)


def price(document: str, model: CostModel = MODEL) -> int:
    parsed = parse(document)
    [operation] = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
    return operation_cost(SCHEMA, parsed, operation, model)


def test_each_scalar_and_object_field_costs_one():
    assert price("{ viewer { id name role } fiscalYearStatus { enrollmentFiscalYear } }") == 6


def test_what_is_below_a_list_is_multiplied_by_ten():
    # approvedPrograms 1 + 10 * (name 1 + courses (1 + 10 * 2))
    assert price("{ approvedPrograms { name courses { name kind } } }") == 1 + 10 * (1 + 21)


@pytest.mark.parametrize(
    "first, factor", [(1, 1), (25, 25), (100, 100), (101, 100), (5000, 100), (0, 1), (-3, 1)]
)
def test_below_a_connection_is_multiplied_by_first_clamped_to_the_cap(first, factor):
    document = f"{{ changeRequests(first: {first}) {{ totalCount edges {{ node {{ id }} }} }} }}"
    # the edges list inside the connection is counted by `first`, not again by ten
    assert price(document) == 1 + factor * (1 + (1 + (1 + 1)))


def test_an_absent_first_or_a_variable_is_priced_at_the_cap():
    absent = "{ changeRequests { totalCount } }"
    variable = "query($n: Int) { changeRequests(first: $n) { totalCount } }"
    assert price(absent) == price(variable) == 1 + 100 * 1


def test_lists_below_a_connection_node_are_multiplied_again():
    document = "{ placementSurveyList(first: 2) { edges { node { courses { totalCredits } } } } }"
    assert price(document) == 1 + 2 * (1 + (1 + (1 + 10 * 1)))


def test_fragments_are_priced_where_they_are_spread_with_their_type():
    inline = """{ approvedPrograms { name courses { name kind } } }"""
    spread = """
      query { approvedPrograms { ...P } }
      fragment P on Program { name courses { ...C } }
      fragment C on Course { name kind }
    """
    on_interface = (
        """{ node(id: "x") { id ... on ParticipantRecord { courses { totalCredits } } } }"""
    )
    assert price(spread) == price(inline)
    assert price(on_interface) == 1 + (1 + 1 + 10 * 1)


def test_a_fragment_spread_twice_is_priced_twice():
    once = "query { viewer { ...V } } fragment V on Viewer { id name }"
    twice = "query { viewer { ...V ...V } } fragment V on Viewer { id name }"
    assert price(twice) - 1 == 2 * (price(once) - 1)


def test_cyclic_fragments_end_instead_of_looping():
    document = """
      query { viewer { ...A } }
      fragment A on Viewer { id ...B }
      fragment B on Viewer { name ...A }
    """
    assert price(document) == 1 + 2


def test_a_hostile_nesting_is_unpriceable_rather_than_a_crash():
    depth = 150
    document = '{ node(id: "x") { id' + " ... on Node {" * depth + " id" + " }" * depth + " } }"
    with pytest.raises(Unpriceable):
        price(document)


def test_the_model_is_configurable():
    model = CostModel(budget=10, connection_cap=7, list_factor=3)
    assert price("{ approvedPrograms { name } }", model) == 1 + 3
    assert price("{ changeRequests { totalCount } }", model) == 1 + 7

"""Documents whose fragments double at every level are refused before anything walks them."""

from graphql import parse

from server.document_size import expanded_fields
from tests.hardening import development, serving, token_for


def fragment_bomb(levels: int, root: str = "Query", leaf: str = "__typename") -> str:
    """F0 spreads F1 twice, F1 spreads F2 twice...: 2**levels leaves in a small document."""
    fragments = [f"fragment F{i} on {root} {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    fragments.append(f"fragment F{levels} on {root} {{ {leaf} }}")
    return "query Bomb { ...F0 }\n" + "\n".join(fragments)


def test_the_expansion_is_counted_without_expanding():
    assert expanded_fields(parse(fragment_bomb(3))) == 8
    assert expanded_fields(parse(fragment_bomb(60))) == 2**60
    assert expanded_fields(parse("{ a { b c } ...on Query { d } }")) == 4


async def test_a_fragment_bomb_is_refused_before_validation_walks_it(gql, tokens):
    body = await gql.post(fragment_bomb(40), token=tokens.reviewer)  # 2**40 fields
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["QUERY_TOO_LARGE"]


async def test_an_anonymous_introspection_bomb_is_refused_too(gql):
    bomb = fragment_bomb(40, root="__Schema", leaf="queryType { name }")
    body = await gql.post(bomb.replace("query Bomb { ...F0 }", "query Bomb { __schema { ...F0 } }"))
    assert [e["extensions"]["code"] for e in body["errors"]] == ["QUERY_TOO_LARGE"]


async def test_an_anonymous_document_that_is_not_introspection_is_refused_first(gql):
    body = await gql.post(fragment_bomb(40))
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]


async def test_a_document_under_the_limit_is_accepted_and_one_over_refused(store, clock):
    """With the selection-set bounds out of the way, the expansion bound alone."""
    settings = development(max_selections=10_000, max_field_repeats=10_000)
    assert settings.max_expanded_fields == 5000
    async with serving(settings, store, clock) as gql:
        token = token_for(settings)
        under = await gql.post(fragment_bomb(12), token=token)  # 4,096 fields
        assert "errors" not in under, under
        over = await gql.post(
            fragment_bomb(12) + " query Other { a: __typename ...F0 }", {}, token
        )  # 8,193 fields in the document's operations
    assert [e["extensions"]["code"] for e in over["errors"]] == ["QUERY_TOO_LARGE"]

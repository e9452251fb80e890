"""The limits every operation passes before it runs: size in tokens, depth, aliases, cost and,
in production, no introspection; and the parser and validation caches that keep those checks
off the hot path.

The validation cache is keyed by (schema, document, validation rule classes), the document by
its identity (schema/identity_cache.py: strawberry's ValidationCache hashes the whole document
at each lookup). Strawberry's limiters create a new rule class each time one is constructed,
so a limiter constructed per request (as extension factories are) would never hit the cache.
Here the rule classes are made once per application and each request gets a plain
AddValidationRules carrying those same classes. `make bench` measures the difference
(benchmarks/limits_cache.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from graphql import ValidationRule
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.schema import validate_document

from domain.paging import MAX_PAGE
from schema.context import anonymous
from schema.identity_cache import IdentityCache

from .cost import CostModel, cost_rule
from .parsing import DocumentCache, GuardedParser
from .prevalidation import refused
from .settings import Settings

ExtensionFactory = Callable[[], SchemaExtension]


def cost_model(settings: Settings) -> CostModel:
    """Pages are priced at most at the size the resolvers serve (domain.paging.MAX_PAGE)."""
    return CostModel(
        budget=settings.max_cost, connection_cap=MAX_PAGE, list_factor=settings.list_cost_factor
    )


def validation_rules(settings: Settings) -> tuple[type[ValidationRule], ...]:
    """The limit rules, built once. Strawberry's limiters are constructed here only to take
    the rule classes they make."""
    rules = [
        *QueryDepthLimiter(max_depth=settings.max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
        cost_rule(cost_model(settings)),
    ]
    if settings.production:
        rules.append(NoSchemaIntrospectionCustomRule)
    return tuple(rules)


class GuardedValidationCache(SchemaExtension):
    """Strawberry's validation, cached per document (see the module docstring), and skipped
    for an operation an earlier check refused (see server.prevalidation): a refused document
    is never walked. Only valid documents of known viewers are kept: an invalid one is dropped
    from the parser's cache too, and an anonymous caller's is never in it (server.parsing), so
    each of their requests is a new document."""

    def __init__(self, *, valid: IdentityCache[bool]):
        self.valid = valid  # one per application

    def on_validate(self):
        context = self.execution_context
        if not refused(context):
            document, schema = context.graphql_document, context.schema._schema
            rules = context.validation_rules
            if self.valid.get(document, (schema, rules), default=False):
                context.pre_execution_errors = []
            else:
                context.pre_execution_errors = validate_document(schema, document, rules)
                if not context.pre_execution_errors and not anonymous(context.context):
                    self.valid.put(document, True, (schema, rules))
        yield


def limit_extensions(settings: Settings) -> Sequence[ExtensionFactory]:
    """Extension factories, in the order they must run: the token limit sets the parser's
    options before the cached parse, the rules join the validation the cache performs."""
    rules = list(validation_rules(settings))
    size = settings.document_cache_size
    return [
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        partial(GuardedParser, cache=DocumentCache(size), max_chars=settings.max_query_chars),
        partial(AddValidationRules, rules),
        partial(GuardedValidationCache, valid=IdentityCache(size)),
    ]

"""Parsing the query text, bounded and cached only for those who may run it.

Strawberry's ParserCache parses (and keeps) whatever text arrives, before the token is looked
at, and the token limit counts neither comments nor the length of strings. Here the text's
length is bounded before it is parsed; a caller without a valid token gets only a short text
parsed (enough for GraphiQL's introspection query), never cached; and a document refused
before validation is dropped from the cache, so that no refused document stays in memory.
"""

from __future__ import annotations

from graphql import DocumentNode, GraphQLError, parse
from strawberry.extensions import SchemaExtension

from schema.context import anonymous
from schema.lru import LRU

from .auth import unauthenticated_error
from .prevalidation import refused

# GraphiQL's introspection query is about 2 KB.
ANONYMOUS_MAX_CHARS = 8 * 1024


class DocumentCache:
    """An LRU of parsed documents keyed by query text and parser options, one per app."""

    def __init__(self, size: int):
        self.documents: LRU[tuple, DocumentNode] = LRU(size)

    def parse(self, query: str, options: dict) -> DocumentNode:
        key = _key(query, options)
        document = self.documents.get(key)
        if document is None:
            document = self.documents.put(key, parse(query, **options))
        return document

    def forget(self, query: str, options: dict) -> None:
        self.documents.pop(_key(query, options))


def _key(query: str, options: dict) -> tuple:
    return (query, tuple(sorted(options.items())))


def too_long(limit: int) -> GraphQLError:
    return GraphQLError(
        f"The query text is longer than {limit} characters.",
        extensions={"code": "QUERY_TOO_LARGE"},
    )


class GuardedParser(SchemaExtension):
    """Parses the operation's text (see the module docstring)."""

    def __init__(self, *, cache: DocumentCache, max_chars: int):
        self.cache = cache
        self.max_chars = max_chars

    def on_parse(self):
        context = self.execution_context
        query = context.query or ""
        if len(query) > self.max_chars:
            raise too_long(self.max_chars)
        if anonymous(self.execution_context.context):
            if len(query) > ANONYMOUS_MAX_CHARS:
                raise unauthenticated_error(
                    context.context.extras.get("auth_error", "Authentication is required.")
                )
            context.graphql_document = parse(query, **context.parse_options)
        else:
            context.graphql_document = self.cache.parse(query, context.parse_options)
        yield

    def on_validate(self):
        yield
        if refused(self.execution_context) and not anonymous(self.execution_context.context):
            self.cache.forget(
                self.execution_context.query or "", self.execution_context.parse_options
            )

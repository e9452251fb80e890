"""Every `extensions.code` a top-level GraphQL error can carry, in one catalogue.

Mutations report refusals as typed `userErrors` (`UserErrorCode`); these codes are for errors
outside `data`: the transport, authentication, the limits, the document, and queries refusing
what the viewer may not see.
"""

from __future__ import annotations

from enum import StrEnum


class TopLevelCode(StrEnum):
    # Transport and authentication (server/)
    BAD_REQUEST = "BAD_REQUEST"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    # The document and the limits on it (server/)
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
    TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
    QUERY_TOO_LARGE = "QUERY_TOO_LARGE"
    QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
    INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"
    # Trusted documents (server/trusted_documents.py)
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
    TRUSTED_DOCUMENT_REQUIRED = "TRUSTED_DOCUMENT_REQUIRED"
    # Queries refusing an argument or what the viewer may not see (resolvers/)
    INVALID_VALUE = "INVALID_VALUE"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    # Anything unexpected (masked in production, with a correlation id)
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"

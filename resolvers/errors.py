"""Domain refusals as GraphQL: `userErrors` in mutations, top-level errors in queries."""

from __future__ import annotations

from graphql import GraphQLError

from domain.errors import DomainError
from schema.types import UserError


def user_error(error: DomainError) -> UserError:
    return UserError(
        code=error.code, message=error.message, field=list(error.field) if error.field else None
    )


def top_level(error: DomainError) -> GraphQLError:
    return GraphQLError(error.message, extensions={"code": str(error.code)})

"""Domain refusals as GraphQL: `userErrors` in mutations, top-level errors in queries.

The domain names the field at fault in its own words ("credits", "evidence.1"); here that
becomes the path of the argument in the operation (["input", "credits"],
["input", "evidence", "1"]), or of a top-level argument such as ["after"].
"""

from __future__ import annotations

from graphql import GraphQLError
from pydantic.alias_generators import to_camel

from domain.errors import DomainError, InputProblems
from schema.error_codes import TopLevelCode
from schema.types import UserError

# Domain fields that are arguments of the operation itself rather than of its `input`.
TOP_LEVEL_ARGUMENTS = frozenset({"after"})


def field_path(field: str) -> list[str]:
    parts = [to_camel(part) for part in field.split(".")]
    return parts if field in TOP_LEVEL_ARGUMENTS else ["input", *parts]


def user_error(error: DomainError) -> UserError:
    return UserError(
        code=error.code,
        message=error.message,
        field=field_path(error.field) if error.field else None,
    )


def user_errors(error: DomainError) -> list[UserError]:
    """Every problem a refusal reports (input checks report them all at once)."""
    problems = error.problems if isinstance(error, InputProblems) else [error]
    return [user_error(p) for p in problems]


def top_level(error: DomainError) -> GraphQLError:
    return GraphQLError(error.message, extensions={"code": TopLevelCode(error.code)})

"""Authentication: HS256 JWTs with the claims of domain.md, and the rule that no operation
runs without a valid token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from graphql import DocumentNode, FieldNode, GraphQLError, OperationDefinitionNode
from pydantic import ValidationError
from strawberry.extensions import SchemaExtension

from domain.models import Role, Viewer
from schema.error_codes import TopLevelCode

from .prevalidation import refuse

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ["sub", "name", "role", "exp"]


class Unauthenticated(Exception):
    """No valid token: missing, malformed, expired, forged or with bad claims."""


def issue_token(
    secret: str,
    *,
    role: Role,
    sub: str,
    name: str,
    lea_ids: list[int] | tuple[int, ...] = (),
    email: str | None = None,
    lifetime: timedelta = timedelta(hours=12),
    now: datetime | None = None,
) -> str:
    now = now or datetime.now(UTC)
    claims = {
        "sub": sub,
        "name": name,
        "role": str(role),
        "lea_ids": list(lea_ids),
        "iat": now,
        "exp": now + lifetime,
    }
    if email is not None:
        claims["email"] = email
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


@dataclass(frozen=True)
class Authenticated:
    viewer: Viewer
    expires_at: datetime


def authenticate(token: str, secret: str) -> Authenticated:
    """The viewer a signed, unexpired token names, and when the token expires."""
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], options={"require": REQUIRED_CLAIMS}
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("The token has expired.") from None
    except jwt.InvalidTokenError:
        raise Unauthenticated("The token is not valid.") from None
    lea_ids = claims.get("lea_ids", [])
    if not isinstance(lea_ids, list) or not all(type(i) is int for i in lea_ids):
        raise Unauthenticated("The token's lea_ids claim must be a list of LEA entity ids.")
    email = claims.get("email")
    if email is not None and not isinstance(email, str):
        raise Unauthenticated("The token's email claim must be a string.")
    try:
        viewer = Viewer(
            id=str(claims["sub"]),
            name=str(claims["name"]),
            role=claims["role"],
            lea_ids=frozenset(lea_ids),
            email=email,
        )
    except ValidationError:
        raise Unauthenticated("The token's claims are not valid.") from None
    return Authenticated(viewer, datetime.fromtimestamp(claims["exp"], UTC))


def authenticate_header(header: str | None, secret: str) -> Authenticated:
    """Who an `Authorization: Bearer <JWT>` header value names, until when."""
    if not header:
        raise Unauthenticated("An Authorization header with a Bearer token is required.")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("The Authorization header must be 'Bearer <token>'.")
    return authenticate(token.strip(), secret)


def viewer_from_authorization(header: str | None, secret: str) -> Viewer:
    """The viewer named by an `Authorization: Bearer <JWT>` header value."""
    return authenticate_header(header, secret).viewer


def unauthenticated_error(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": TopLevelCode.UNAUTHENTICATED})


SCHEMA_FIELDS = frozenset({"__schema", "__type"})


def only_introspection(document: DocumentNode | None, operation_name: str | None) -> bool:
    """True when the operation asks for the schema and nothing else (GraphiQL's docs)."""
    if document is None:
        return False
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [
        o
        for o in operations
        if operation_name is None or (o.name and o.name.value == operation_name)
    ]
    if len(chosen) != 1:
        return False
    names = {
        s.name.value if isinstance(s, FieldNode) else None
        for s in chosen[0].selection_set.selections
    }
    return bool(names & SCHEMA_FIELDS) and names <= SCHEMA_FIELDS | {"__typename"}


class RequireViewer(SchemaExtension):
    """Every operation fails with UNAUTHENTICATED without a valid token, except schema
    introspection (the schema is the public contract; production turns introspection off).
    The check comes before validation, so that validation errors (and their field
    suggestions) tell an anonymous caller nothing. The context carries the reason the token
    was refused (`auth_error`)."""

    def on_validate(self):
        context = self.execution_context.context
        anonymous_docs = only_introspection(
            self.execution_context.graphql_document, self.execution_context.operation_name
        )
        if getattr(context, "viewer", None) is None and not anonymous_docs:
            refuse(
                self.execution_context,
                unauthenticated_error(
                    context.extras.get("auth_error", "Authentication is required.")
                ),
            )
        yield

"""Authentication: HS256 development JWTs with the claims of domain.md or an OpenID Connect
issuer's access tokens (server/oidc.py), mapped to a Viewer (server/claims.py); and the rule
that no operation runs without a valid token."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from graphql import DocumentNode, FieldNode, GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension

from domain.models import Role, Viewer
from schema.context import anonymous
from schema.error_codes import TopLevelCode

from .claims import ClaimError, ClaimMapping, viewer_from_claims
from .oidc import IssuerUnavailable, IssuerVerifier
from .prevalidation import refuse
from .settings import Settings

ALGORITHM = "HS256"
DEVELOPMENT_CLAIMS = ClaimMapping()  # what issue_token writes


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


def _development_claims(token: str, secret: str) -> dict:
    return jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["exp"]})


class Authenticator:
    """Who a token names: an HS256 development token signed with CTECR_JWT_SECRET (unless
    production has an issuer), with the development claims; or an access token of the OpenID
    Connect issuer, whose claims the configured mapping turns into a Viewer."""

    def __init__(self, settings: Settings):
        self.mapping = settings.claim_mapping()  # the issuer's claims
        self.secret = (
            settings.jwt_secret.get_secret_value() if settings.development_tokens else None
        )
        self.issuer = (
            IssuerVerifier(
                settings.oidc_issuer,
                settings.oidc_audience or "",
                algorithms=settings.oidc_algorithms,
                leeway_seconds=settings.oidc_leeway_seconds,
                refresh_seconds=settings.oidc_key_refresh_seconds,
                cache_seconds=settings.oidc_key_cache_seconds,
            )
            if settings.oidc_issuer
            else None
        )

    def describe(self) -> str:
        """The start-up log line: where tokens come from and the claim mapping, no secret."""
        sources = []
        if self.issuer is not None:
            sources.append(f"issuer {self.issuer.issuer} (audience {self.issuer.audience})")
        if self.secret is not None:
            sources.append("HS256 development tokens (development claims)")
        claims = f"; issuer's claims: {self.mapping.describe()}" if self.issuer else ""
        return f"tokens accepted: {' and '.join(sources)}{claims}"

    async def authenticate(self, token: str) -> Authenticated:
        """The viewer a valid token names, and when the token expires."""
        try:
            claims, mapping = await self._verified_claims(token)
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("The token has expired.") from None
        except jwt.ImmatureSignatureError:
            raise Unauthenticated("The token is not valid yet.") from None
        except jwt.InvalidIssuerError:
            raise Unauthenticated("The token is from another issuer.") from None
        except jwt.InvalidAudienceError:
            raise Unauthenticated("The token is meant for another audience.") from None
        except IssuerUnavailable:
            raise Unauthenticated("The identity provider cannot be reached.") from None
        except jwt.InvalidTokenError:
            raise Unauthenticated("The token is not valid.") from None
        try:
            viewer = viewer_from_claims(claims, mapping)
        except ClaimError as problem:
            raise Unauthenticated(str(problem)) from None
        return Authenticated(viewer, _expiry(claims["exp"]))

    async def _verified_claims(self, token: str) -> tuple[dict, ClaimMapping]:
        """The verified claims, and the mapping that reads them."""
        algorithm = jwt.get_unverified_header(token).get("alg")
        if self.secret is not None and algorithm == ALGORITHM:
            return _development_claims(token, self.secret), DEVELOPMENT_CLAIMS
        if self.issuer is None:
            raise jwt.InvalidAlgorithmError(f"the algorithm {algorithm!r} is not accepted")
        # The key lookup may fetch the issuer's keys: off the event loop.
        return await asyncio.to_thread(self.issuer.verify, token), self.mapping

    async def authenticate_header(self, header: str | None) -> Authenticated:
        """Who an `Authorization: Bearer <JWT>` header value names, until when."""
        if not header:
            raise Unauthenticated("An Authorization header with a Bearer token is required.")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("The Authorization header must be 'Bearer <token>'.")
        return await self.authenticate(token.strip())

    async def viewer(self, header: str | None) -> Viewer:
        """The viewer named by an `Authorization: Bearer <JWT>` header value."""
        return (await self.authenticate_header(header)).viewer


def _expiry(exp: object) -> datetime:
    """The `exp` claim as a time: a number of seconds that datetime can hold (PyJWT accepts a
    numeric string, and any number however large)."""
    if isinstance(exp, bool) or not isinstance(exp, (int, float)):
        raise Unauthenticated("The token's exp claim must be a number of seconds.")
    try:
        return datetime.fromtimestamp(exp, UTC)
    except (OverflowError, ValueError, OSError):
        raise Unauthenticated("The token's exp claim is not a valid time.") from None


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
    introspection (the schema is the public contract) outside production, which turns
    introspection off: there an anonymous document is refused before it is validated.
    The check comes before validation, so that validation errors (and their field
    suggestions) tell an anonymous caller nothing. The context carries the reason the token
    was refused (`auth_error`)."""

    def __init__(self, *, anonymous_introspection: bool = True):
        self.anonymous_introspection = anonymous_introspection

    def on_validate(self):
        context = self.execution_context.context
        anonymous_docs = self.anonymous_introspection and only_introspection(
            self.execution_context.graphql_document, self.execution_context.operation_name
        )
        if anonymous(self.execution_context.context) and not anonymous_docs:
            refuse(
                self.execution_context,
                unauthenticated_error(
                    context.extras.get("auth_error", "Authentication is required.")
                ),
            )
        yield

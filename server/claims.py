"""Which token claims name the viewer: a mapping set in the settings, because every identity
provider names them differently (Entra ID's `roles`, Keycloak's `realm_access.roles`, a
`groups` claim of group names). By default the development tokens' claims."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from domain.models import Role, Viewer

# When a token's role claim holds several mapped values, the most privileged one wins.
PRIVILEGE = (Role.ADMIN, Role.REVIEWER, Role.LEA_USER)
IDENTITY_ROLE_VALUES = {str(role): role for role in Role}


class ClaimError(ValueError):
    """The claims do not name a viewer; the message says which claim is wrong."""


class ClaimMapping(BaseModel):
    """Claim names may be dotted paths into nested objects (`realm_access.roles`); a claim
    whose own name holds dots (`https://example.org/roles`) is found first."""

    model_config = ConfigDict(frozen=True)

    subject: str = "sub"
    name: str = "name"
    role: str = "role"
    role_values: dict[str, Role] = IDENTITY_ROLE_VALUES
    lea_ids: str = "lea_ids"
    email: str = "email"
    # Providers often emit user attributes as text (Entra ID's multi-valued extension
    # attributes can only be strings): the issuer's LEA ids may be digit strings.
    lea_ids_as_text: bool = False

    def describe(self) -> str:
        """One line for the start-up log (claim names only: nothing secret)."""
        values = ", ".join(f"{value}->{role}" for value, role in self.role_values.items())
        return (
            f"id={self.subject} name={self.name} role={self.role} ({values}) "
            f"lea_ids={self.lea_ids} email={self.email}"
        )


_MISSING = object()


def claim(claims: dict[str, Any], name: str) -> Any:
    """The claim's value, or _MISSING."""
    if name in claims:
        return claims[name]
    value: Any = claims
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _required_string(claims: dict[str, Any], name: str) -> str:
    value = claim(claims, name)
    if value is _MISSING or value is None or value == "":
        raise ClaimError(f"The token has no '{name}' claim.")
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ClaimError(f"The token's '{name}' claim must be a string.")
    return str(value)


def role_from_claims(claims: dict[str, Any], mapping: ClaimMapping) -> Role:
    value = claim(claims, mapping.role)
    if value is _MISSING or value is None:
        raise ClaimError(f"The token has no '{mapping.role}' claim, so it names no role.")
    values = value if isinstance(value, list) else [value]
    roles = {
        mapping.role_values[v] for v in values if isinstance(v, str) and v in mapping.role_values
    }
    for role in PRIVILEGE:
        if role in roles:
            return role
    raise ClaimError(f"The token's '{mapping.role}' claim has no value that maps to a role.")


def _lea_id(item: Any, as_text: bool) -> int | None:
    if type(item) is int:
        return item
    if as_text and isinstance(item, str) and re.fullmatch(r"[0-9]{1,9}", item):
        return int(item)
    return None


def lea_ids_from_claims(claims: dict[str, Any], mapping: ClaimMapping) -> frozenset[int]:
    value = claim(claims, mapping.lea_ids)
    if value is _MISSING or value is None:
        return frozenset()
    ids = (
        [_lea_id(i, mapping.lea_ids_as_text) for i in value] if isinstance(value, list) else [None]
    )
    if None in ids:
        raise ClaimError(f"The token's '{mapping.lea_ids}' claim must be a list of LEA entity ids.")
    return frozenset(ids)


def viewer_from_claims(claims: dict[str, Any], mapping: ClaimMapping) -> Viewer:
    """The viewer the verified claims name; ClaimError says which claim is missing or bad."""
    email = claim(claims, mapping.email)
    if email is _MISSING:
        email = None
    if email is not None and not isinstance(email, str):
        raise ClaimError(f"The token's '{mapping.email}' claim must be a string.")
    try:
        return Viewer(
            id=_required_string(claims, mapping.subject),
            name=_required_string(claims, mapping.name),
            role=role_from_claims(claims, mapping),
            lea_ids=lea_ids_from_claims(claims, mapping),
            email=email,
        )
    except ValidationError:
        raise ClaimError("The token's claims are not valid.") from None

"""Access tokens from an OpenID Connect issuer: discovery, the issuer's signing keys (PyJWT's
JWKS client: cached, refreshed on an unknown `kid` at most once per interval, so a key
rotation needs no restart) and the checks every token passes (asymmetric signature, issuer,
audience, exp/nbf with a small leeway)."""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.request
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import jwt
from jwt import PyJWKClient
from jwt.exceptions import PyJWKClientConnectionError, PyJWKClientError

if TYPE_CHECKING:
    from .settings import Settings

log = logging.getLogger("ctecr.auth")

# Never `none` nor HS*: a symmetric algorithm would let anyone holding the issuer's public
# key sign tokens with it as the secret.
ASYMMETRIC_ALGORITHMS = (
    "RS256",
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES256",
    "ES384",
    "ES512",
    "EdDSA",
)
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
FETCH_TIMEOUT_SECONDS = 5.0


class IssuerUnavailable(RuntimeError):
    """The issuer's discovery document could not be read (or does not describe it)."""


def check_issuer_url(url: str) -> None:
    """HTTPS, except on loopback (a provider run locally for development or tests)."""
    parsed = urlparse(url)
    if parsed.scheme == "https" or (parsed.scheme == "http" and parsed.hostname in LOOPBACK_HOSTS):
        return
    raise ValueError(f"{url!r} must be an https:// URL (http:// only on loopback).")


def _get_json(url: str) -> dict[str, Any]:
    check_issuer_url(url)
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
        document = json.load(response)
    if not isinstance(document, dict):
        raise ValueError(f"{url} did not return a JSON object")
    return document


def discover(issuer: str) -> dict[str, Any]:
    """The issuer's metadata (OpenID Connect Discovery 1.0): it must name the same issuer."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        metadata = _get_json(url)
    except (OSError, ValueError) as error:
        raise IssuerUnavailable(f"discovery at {url} failed: {error}") from error
    if metadata.get("issuer") != issuer:
        raise IssuerUnavailable(
            f"discovery at {url} names the issuer {metadata.get('issuer')!r}, not {issuer!r}"
        )
    jwks_uri = metadata.get("jwks_uri")
    if not isinstance(jwks_uri, str):
        raise IssuerUnavailable(f"discovery at {url} names no jwks_uri")
    try:
        check_issuer_url(jwks_uri)
    except ValueError as error:
        raise IssuerUnavailable(f"jwks_uri {error}") from None
    return metadata


class IssuerKeys(PyJWKClient):
    """PyJWT's JWKS client, which keeps serving the last key set it fetched while the JWKS
    endpoint is down (with a log line), instead of refusing every token."""

    def __init__(self, uri: str, *, cache_seconds: float, refresh_seconds: float):
        super().__init__(
            uri,
            cache_jwk_set=True,
            lifespan=cache_seconds,
            cooldown_duration=refresh_seconds,
            timeout=FETCH_TIMEOUT_SECONDS,
        )
        self._last_good: tuple[Any, datetime] | None = None

    def fetch_data(self) -> Any:
        try:
            data = super().fetch_data()
        except PyJWKClientError as error:  # the endpoint down, or not answering a JWKS
            if self._last_good is None:
                raise
            data, fetched_at = self._last_good
            log.warning(
                "JWKS endpoint %s unavailable (%s); going on with the keys fetched at %s",
                self.uri,
                error,
                fetched_at.isoformat(timespec="seconds"),
            )
            if self.jwk_set_cache is not None:
                self.jwk_set_cache.put(data)
            self._last_successful_fetch = time.monotonic()
            return data
        self._last_good = (data, datetime.now(UTC))
        return data


class IssuerVerifier:
    """Verifies one issuer's access tokens. Discovery runs on first use (and is retried at
    most once per refresh interval while the issuer is unreachable), so the service starts
    even when the identity provider is down. Blocking: call it from a worker thread."""

    def __init__(
        self,
        issuer: str,
        audience: str,
        *,
        algorithms: list[str],
        leeway_seconds: float,
        refresh_seconds: float,
        cache_seconds: float,
    ):
        check_issuer_url(issuer)
        self.issuer = issuer
        self.audience = audience
        self.algorithms = algorithms
        self.leeway = leeway_seconds
        self.refresh_seconds = refresh_seconds
        self.cache_seconds = cache_seconds
        self._keys: IssuerKeys | None = None
        self._last_attempt: float | None = None
        self._lock = threading.Lock()

    def keys(self) -> IssuerKeys:
        with self._lock:
            if self._keys is not None:
                return self._keys
            now = time.monotonic()
            if self._last_attempt is not None and now - self._last_attempt < self.refresh_seconds:
                raise IssuerUnavailable("the identity provider was unreachable moments ago")
            self._last_attempt = now
            try:
                metadata = discover(self.issuer)
            except IssuerUnavailable as problem:
                log.warning("OpenID Connect %s", problem)
                raise
            self._keys = IssuerKeys(
                metadata["jwks_uri"],
                cache_seconds=self.cache_seconds,
                refresh_seconds=self.refresh_seconds,
            )
            log.info("OpenID Connect issuer %s: keys from %s", self.issuer, self._keys.uri)
            return self._keys

    def verify(self, token: str) -> dict[str, Any]:
        """The token's claims once its signature, issuer, audience and times check out.
        Raises jwt.InvalidTokenError (or IssuerUnavailable) otherwise."""
        algorithm = jwt.get_unverified_header(token).get("alg")
        if algorithm not in self.algorithms:
            raise jwt.InvalidAlgorithmError(f"the algorithm {algorithm!r} is not accepted")
        try:
            key = self.keys().get_signing_key_from_jwt(token)
        except PyJWKClientConnectionError as error:  # and no keys fetched before
            log.warning("JWKS endpoint unavailable and no keys fetched yet: %s", error)
            raise IssuerUnavailable(str(error)) from None
        except PyJWKClientError as error:
            raise jwt.InvalidTokenError(str(error)) from None
        return jwt.decode(
            token,
            key,
            algorithms=self.algorithms,
            audience=self.audience,
            issuer=self.issuer,
            leeway=self.leeway,
            options={"require": ["exp", "iss", "aud"]},
        )


def browser_config(settings: Settings) -> dict[str, str] | None:
    """The `oidc` part of the web app's /app/config.json: where the browser signs in (the
    Authorization Code flow with PKCE needs no secret), or None when it signs in otherwise."""
    if not (settings.oidc_issuer and settings.oidc_client_id):
        return None
    return {
        "issuer": settings.oidc_issuer,
        "clientId": settings.oidc_client_id,
        "scope": settings.oidc_scope,
    }

"""Settings from the environment (CTECR_*), with pydantic-settings."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from strawberry.http.websocket_origin import normalize_allowed_origins

from domain.events.feed import DEFAULT_INTERVAL
from domain.models import Role

from .claims import IDENTITY_ROLE_VALUES, ClaimMapping
from .oidc import ASYMMETRIC_ALGORITHMS, check_issuer_url

DEVELOPMENT_SECRET = "ctecr-development-secret-do-not-use-in-production"
TrustedDocumentsMode = Literal["off", "allowed", "required"]
CompiledExecutionMode = Literal["off", "trusted", "all"]


class UnsafeSettings(RuntimeError):
    """The settings would run production in an unsafe way."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CTECR_", extra="ignore")

    mongodb_uri: str | None = Field(
        default=None, description="MongoDB connection string; unset: the embedded in-memory store."
    )
    database: str = "ctecr"
    jwt_secret: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    env: Literal["development", "production"] = "development"
    max_credits_per_request: Decimal = Field(default=Decimal(3), gt=0)
    # A course total above this after an insert is pointed out to the reviewer.
    unusual_course_total: Decimal = Field(default=Decimal(2), gt=0)
    token_hours: int = Field(default=12, gt=0, description="Lifetime of tokens from `ctecr token`.")
    max_request_bytes: int = Field(
        default=51 * 1024 * 1024,
        gt=0,
        description="Largest request body accepted (413 beyond): room for five 10 MiB evidence "
        "files and the rest of a multipart request.",
    )
    max_json_bytes: int = Field(
        default=64 * 1024,
        gt=0,
        description="Largest application/json request body (413 beyond); multipart uploads "
        "have max_request_bytes.",
    )
    max_query_chars: int = Field(
        default=40_000,
        ge=1,
        description="Longest query text, comments and strings included (QUERY_TOO_LARGE).",
    )
    max_selections: int = Field(
        default=100,
        ge=1,
        description="Fields and fragments one selection set may hold, checked before validation.",
    )
    max_field_repeats: int = Field(
        default=5,
        ge=1,
        description="Times one response name may appear in one selection set (fragments "
        "merged in), checked before validation.",
    )
    header_read_timeout: float = Field(
        default=10.0,
        gt=0,
        description="Seconds a client has to send a request's headers (`ctecr serve`).",
    )
    body_read_timeout: float = Field(
        default=120.0,
        gt=0,
        description="Seconds a client has to send a request's body once its headers are in.",
    )
    # Limits on every operation (see server/limits.py and server/cost.py).
    max_depth: int = Field(default=12, ge=1, description="Deepest field nesting allowed.")
    max_aliases: int = Field(default=30, ge=0, description="Aliases allowed in one document.")
    max_tokens: int = Field(
        default=2000, ge=1, description="Lexical tokens allowed in one document."
    )
    max_expanded_fields: int = Field(
        default=5000, ge=1, description="Fields a document may select once fragments are expanded."
    )
    max_cost: int = Field(default=1_000_000, ge=1, description="Cost budget of one operation.")
    list_cost_factor: int = Field(default=10, ge=1, description="Assumed length of other lists.")
    document_cache_size: int = Field(
        default=256, ge=1, description="Parsed and validated documents kept (LRU, each)."
    )
    allowed_origins: list[str] = Field(
        default_factory=list,
        # CTECR_WEBSOCKET_ALLOWED_ORIGINS, the setting's first name, stays as an alias.
        validation_alias=AliasChoices(
            "CTECR_ALLOWED_ORIGINS",
            "CTECR_WEBSOCKET_ALLOWED_ORIGINS",
            "allowed_origins",
            "websocket_allowed_origins",
        ),
        description="Other origins whose pages may call the API (CORS) and open the GraphQL "
        "WebSocket ('*' for any); the service's own origin needs no entry.",
    )
    trusted_documents: TrustedDocumentsMode | None = Field(
        default=None,
        description="GraphQL documents by id from the manifest: 'off' (full documents only), "
        "'allowed' (both), 'required' (the manifest's only, except from admins); unset: "
        "'required' in production, 'allowed' in development.",
    )
    compiled_execution: CompiledExecutionMode = Field(
        default="trusted",
        description="Which documents run through a plan compiled once (schema/compiled): "
        "'trusted' (the manifest's), 'all', or 'off' (graphql-core for every document).",
    )
    trusted_documents_manifest: Path | None = Field(
        default=None,
        description="JSON object mapping 'sha256:<hex>' to document text; unset: the web app "
        "bundle's persisted-documents.json.",
    )
    # Sign-in through an OpenID Connect identity provider (server/oidc.py).
    oidc_issuer: str | None = Field(
        default=None,
        description="Issuer URL; its discovery document names the keys. Unset: HS256 tokens only.",
    )
    oidc_audience: str | None = Field(
        default=None, description="The `aud` the issuer's access tokens must carry for this API."
    )
    oidc_client_id: str | None = Field(
        default=None, description="The web app's (public) client id at the issuer."
    )
    oidc_scope: str = Field(
        default="openid profile email", description="Scopes the web app asks the issuer for."
    )
    oidc_algorithms: list[str] = Field(
        default_factory=lambda: list(ASYMMETRIC_ALGORITHMS),
        description="Signature algorithms accepted from the issuer (asymmetric ones only).",
    )
    oidc_leeway_seconds: float = Field(
        default=30, ge=0, le=300, description="Clock skew allowed on exp and nbf."
    )
    oidc_key_refresh_seconds: float = Field(
        default=60, ge=0, description="Least time between JWKS fetches for an unknown key id."
    )
    oidc_key_cache_seconds: float = Field(
        default=300, gt=0, description="How long a fetched JWKS is used before it is fetched again."
    )
    # Which of the issuer's claims name the viewer (server/claims.py); by default the
    # development tokens' (which keep those whatever the mapping).
    oidc_id_claim: str = "sub"
    oidc_name_claim: str = "name"
    oidc_role_claim: str = "role"
    oidc_role_values: dict[str, Role] = Field(
        default_factory=lambda: dict(IDENTITY_ROLE_VALUES),
        description="Values of the role claim (e.g. group names) and the role each means.",
    )
    oidc_lea_ids_claim: str = "lea_ids"
    oidc_email_claim: str = "email"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    metrics_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="Port of /metrics (Prometheus); unset: no metrics are served. Never the "
        "public port.",
    )
    metrics_host: str = Field(default="127.0.0.1", description="Interface of /metrics.")
    websocket_compression: bool = Field(
        default=False,
        description="Offer permessage-deflate on WebSockets. Off: a live event is sent to "
        "each subscriber as it was encoded once, not compressed again for every socket.",
    )
    event_poll_interval: float = Field(
        default=DEFAULT_INTERVAL,
        gt=0,
        le=60,
        description="Seconds between the event feed's reads of the event log (domain/events/"
        "feed.py): how soon another process's events reach this one's subscribers.",
    )
    gc_gen0_threshold: int = Field(
        default=10_000,
        ge=0,
        description="Garbage collector's first-generation threshold while serving "
        "(server/runtime.py); 0 keeps Python's default.",
    )

    @field_validator("oidc_issuer")
    @classmethod
    def _issuer_url(cls, issuer: str | None) -> str | None:
        if issuer:
            check_issuer_url(issuer)
        return issuer or None

    @field_validator("oidc_algorithms")
    @classmethod
    def _asymmetric_only(cls, algorithms: list[str]) -> list[str]:
        refused = [a for a in algorithms if a not in ASYMMETRIC_ALGORITHMS]
        if refused or not algorithms:
            raise ValueError(
                f"accepted algorithms must be among {', '.join(ASYMMETRIC_ALGORITHMS)}: "
                f"not {refused or 'none at all'}"
            )
        return algorithms

    # Email notifications (server/mail.py); off while no SMTP host (nor mail folder) is set.
    smtp_host: str | None = Field(default=None, description="SMTP server; unset: no mail.")
    smtp_port: int | None = Field(
        default=None, gt=0, description="SMTP port; unset: 587, 465 (implicit) or 25 (none)."
    )
    smtp_tls: Literal["starttls", "implicit", "none"] = "starttls"
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    mail_from: str = "ctecr@localhost"
    reviewer_emails: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated addresses (people or a group) that reviewers' mail goes to.",
    )
    app_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Where users open the web app (this service serves it at /); links in mail "
        "are <app_url>/requests/<id>.",
    )
    mail_dir: Path | None = Field(
        default=None,
        description="Without an SMTP host: write each message to this folder as an .eml file.",
    )
    digest_time: time = Field(
        default=time(7, 0), description="Arizona local time of the reviewers' daily digest."
    )

    @field_validator("reviewer_emails", mode="before")
    @classmethod
    def _split_addresses(cls, value):
        if isinstance(value, str):
            return [a.strip() for a in value.split(",") if a.strip()]
        return value

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, origins: list[str]) -> list[str]:
        """Origins as browsers send them (lowercase, no default port), so that a listed
        origin matches the Origin header; anything that is not an origin is refused."""
        return sorted(normalize_allowed_origins(origins))

    @property
    def production(self) -> bool:
        return self.env == "production"

    @property
    def development_tokens(self) -> bool:
        """HS256 tokens signed with CTECR_JWT_SECRET: always in development; in production
        only while no issuer is set."""
        return not (self.production and self.oidc_issuer)

    def claim_mapping(self) -> ClaimMapping:
        return ClaimMapping(
            subject=self.oidc_id_claim,
            name=self.oidc_name_claim,
            role=self.oidc_role_claim,
            role_values=self.oidc_role_values,
            lea_ids=self.oidc_lea_ids_claim,
            email=self.oidc_email_claim,
            lea_ids_as_text=True,
        )

    @property
    def trusted_documents_mode(self) -> TrustedDocumentsMode:
        if self.trusted_documents is not None:
            return self.trusted_documents
        return "required" if self.production else "allowed"

    def check(self) -> None:
        """Refuse to run an issuer without an audience, and production with the development
        secret and no issuer, or on the embedded store (which forgets every approval at a
        restart), saying why."""
        if self.oidc_issuer and not self.oidc_audience:
            raise UnsafeSettings(
                "CTECR_OIDC_ISSUER is set without CTECR_OIDC_AUDIENCE: every token the issuer "
                "signs, for any application, would be accepted. Set CTECR_OIDC_AUDIENCE to this "
                "API's audience at the issuer."
            )
        if not self.production:
            return
        if self.development_tokens:
            self._check_secret()
        if not self.mongodb_uri:
            raise UnsafeSettings(
                "CTECR_ENV=production but CTECR_MONGODB_URI is not set: the embedded in-memory "
                "store loses every request and approval when the process stops. Set "
                "CTECR_MONGODB_URI to the production MongoDB."
            )

    def _check_secret(self) -> None:
        secret = self.jwt_secret.get_secret_value()
        if secret == DEVELOPMENT_SECRET:
            raise UnsafeSettings(
                "CTECR_ENV=production but CTECR_JWT_SECRET is the development secret, which is "
                "public: anyone could sign tokens. Set CTECR_OIDC_ISSUER (and "
                "CTECR_OIDC_AUDIENCE) to sign in through an identity provider, or CTECR_JWT_SECRET "
                "to a random secret of at least 32 characters."
            )
        if len(secret) < 32:
            raise UnsafeSettings(
                "CTECR_JWT_SECRET is shorter than 32 characters; HS256 needs a long random "
                "secret in production."
            )
        if self.smtp_host and self.smtp_tls == "none" and not _loopback(self.smtp_host):
            raise UnsafeSettings(
                f"CTECR_SMTP_TLS=none sends mail (and any password) in clear to {self.smtp_host}; "
                "use starttls or implicit, or none only for a relay on loopback."
            )


def _loopback(host: str) -> bool:
    return host == "localhost" or host.startswith("127.") or host == "::1"

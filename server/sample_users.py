"""The sample users of development (one per LEA of the sample data, a reviewer and an admin)
and the signed development tokens that `make serve` prints and the web app's sign-in uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.models import Role

from .auth import issue_token
from .settings import Settings

# Sample users' addresses are at example.org (RFC 2606), so no development mail reaches anyone.
SAMPLE_EMAIL_DOMAIN = "example.org"


@dataclass(frozen=True)
class SampleUser:
    role: Role
    sub: str
    name: str
    lea_ids: tuple[int, ...] = ()

    @property
    def email(self) -> str:
        return f"{self.sub}@{SAMPLE_EMAIL_DOMAIN}"


SAMPLE_USERS = (
    SampleUser(Role.LEA_USER, "lea-4235", "Mesa Unified CTE Coordinator", (4235,)),
    SampleUser(Role.LEA_USER, "lea-4406", "Tucson Unified CTE Coordinator", (4406,)),
    SampleUser(Role.LEA_USER, "lea-90871", "Desert Sky Prep Registrar", (90871,)),
    SampleUser(Role.LEA_USER, "lea-88301", "EVIT Data Specialist", (88301,)),
    SampleUser(Role.REVIEWER, "reviewer-1", "Riley Reviewer"),
    SampleUser(Role.ADMIN, "admin-1", "Alex Admin"),
)


def signed_token(
    settings: Settings,
    role: Role,
    sub: str,
    name: str,
    lea_ids: list[int] | tuple[int, ...],
    email: str | None = None,
) -> str:
    """A token signed with the configured secret, valid for CTECR_TOKEN_HOURS."""
    return issue_token(
        settings.jwt_secret.get_secret_value(),
        role=role,
        sub=sub,
        name=name,
        lea_ids=lea_ids,
        email=email,
        lifetime=timedelta(hours=settings.token_hours),
    )


def sample_token(settings: Settings, user: SampleUser) -> str:
    return signed_token(settings, user.role, user.sub, user.name, user.lea_ids, user.email)

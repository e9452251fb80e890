"""What verifying a token costs per request: an HS256 development token; the issuer's RS256
and ES256 access tokens through the Authenticator (the key lookup and verification run in a
worker thread, since a lookup may fetch the issuer's keys); and the same verification called
directly, which shows the cost of that thread hop. The issuer is the tests' stand-in on
loopback; its keys are fetched once, before timing."""

from __future__ import annotations

import asyncio
import time

from domain.models import Role
from server.auth import Authenticator, issue_token
from server.settings import Settings
from tests.oidc_issuer import AUDIENCE, SigningKey, serve_issuer

ROUNDS, BATCH = 3, 500
SECRET = "a-long-random-benchmark-secret-0123456789"


async def mean_us(call, token: str) -> float:
    """The best of ROUNDS batches, in microseconds per call."""
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(BATCH):
            await call(token)
        best = min(best, (time.perf_counter() - start) / BATCH * 1e6)
    return best


async def run() -> None:
    rsa_key, ec_key = SigningKey.rsa("rsa-1"), SigningKey.ec("ec-1")
    with serve_issuer(rsa_key, ec_key) as issuer:
        settings = Settings(
            mongodb_uri=None, oidc_issuer=issuer.url, oidc_audience=AUDIENCE, jwt_secret=SECRET
        )
        authenticator = Authenticator(settings)
        await authenticator.authenticate(issuer.token(rsa_key))  # discovery and keys

        async def direct(token: str):
            return authenticator.issuer.verify(token)

        dev = issue_token(SECRET, role=Role.REVIEWER, sub="r", name="R")
        rows = [
            ("HS256 development token", authenticator.authenticate, dev),
            ("RS256 issuer token", authenticator.authenticate, issuer.token(rsa_key)),
            ("ES256 issuer token", authenticator.authenticate, issuer.token(ec_key)),
            ("RS256 verify, no thread hop", direct, issuer.token(rsa_key)),
            ("ES256 verify, no thread hop", direct, issuer.token(ec_key)),
        ]
        print("token verification, µs per request (best of 3 batches of 500)")
        for label, call, token in rows:
            print(f"  {label:<30} {await mean_us(call, token):8.1f}")


def main() -> None:
    asyncio.run(run())

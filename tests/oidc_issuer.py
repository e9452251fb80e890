"""A stand-in OpenID Connect issuer for tests: discovery and a JWKS served by a real HTTP
server on a free loopback port, with keys generated in the test (cryptography), tokens signed
by them, and switches for key rotation and a JWKS endpoint that is down."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

AUDIENCE = "ctecr-api"


@dataclass
class SigningKey:
    kid: str
    algorithm: str
    private: Any

    @classmethod
    def rsa(cls, kid: str) -> SigningKey:
        return cls(kid, "RS256", rsa.generate_private_key(public_exponent=65537, key_size=2048))

    @classmethod
    def ec(cls, kid: str) -> SigningKey:
        return cls(kid, "ES256", ec.generate_private_key(ec.SECP256R1()))

    def jwk(self) -> dict[str, Any]:
        family = RSAAlgorithm if self.algorithm.startswith("RS") else ECAlgorithm
        return {
            **family.to_jwk(self.private.public_key(), as_dict=True),
            "kid": self.kid,
            "use": "sig",
            "alg": self.algorithm,
        }


@dataclass
class Issuer:
    """What the server serves; tests change `keys` and `jwks_down` while it runs."""

    url: str = ""
    keys: list[SigningKey] = field(default_factory=list)
    jwks_down: bool = False
    jwks_fetches: int = 0

    def claims(self, **changes: Any) -> dict[str, Any]:
        now = datetime.now(UTC)
        base = {
            "iss": self.url,
            "aud": AUDIENCE,
            "sub": "reviewer-oidc",
            "name": "Riley Reviewer",
            "role": "REVIEWER",
            "iat": now,
            "exp": now + timedelta(minutes=10),
        }
        base.update(changes)
        return {k: v for k, v in base.items() if v is not None}

    def token(self, key: SigningKey | None = None, headers: dict | None = None, **changes) -> str:
        key = key or self.keys[0]
        return jwt.encode(
            self.claims(**changes),
            key.private,
            algorithm=key.algorithm,
            headers={"kid": key.kid, **(headers or {})},
        )


def _handler(issuer: Issuer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/.well-known/openid-configuration":
                self._json({"issuer": issuer.url, "jwks_uri": f"{issuer.url}/jwks"})
            elif self.path == "/jwks" and not issuer.jwks_down:
                issuer.jwks_fetches += 1
                self._json({"keys": [key.jwk() for key in issuer.keys]})
            else:
                self.send_error(503 if self.path == "/jwks" else 404)

        def _json(self, document: dict) -> None:
            body = json.dumps(document).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # keep the test output quiet
            pass

    return Handler


@contextmanager
def serve_issuer(*keys: SigningKey) -> Iterator[Issuer]:
    issuer = Issuer(keys=list(keys))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(issuer))
    issuer.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield issuer
    finally:
        server.shutdown()
        server.server_close()

"""The web app's side of the service: the single page app's bundle (built by `make web` into
server/static/app and committed, so serving it needs no Node.js), the page for its client
routes, its configuration, the self-hosted GraphiQL page and, in development only, the
sample users to sign in as."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
)
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from .oidc import browser_config
from .sample_users import SAMPLE_USERS, sample_token
from .settings import Settings

BUNDLE = Path(str(resources.files("server") / "static" / "app"))
MANIFEST = "persisted-documents.json"
GRAPHIQL = "graphiql.html"
# First path segments that belong to the API, never to the single page app's client routes.
API_PATHS = frozenset({"graphql", "app", "attachments", "healthz", "readyz", "metrics"})
# Vite puts a hash of their content into the names of the files under assets/.
HASHED = "assets"
LONG_CACHE = "public, max-age=31536000, immutable"
# Checked with the server on every use, so that a new build shows at once.
NO_CACHE = "no-cache"
# The pages load nothing from another origin, and the browser holds them to it; with an
# identity provider, they may call its discovery, token and revocation endpoints (fetch), never
# load anything from it (its login page is a navigation). Transcripts are shown from blob:
# URLs; GraphiQL's page and its editor use inline styles.
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self' blob:",
    "object-src": "'self' blob:",
    "frame-src": "'self' blob:",
    "worker-src": "'self' blob:",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
NOSNIFF = {"X-Content-Type-Options": "nosniff"}


def security_headers(settings: Settings) -> dict[str, str]:
    """The pages' headers: their Content-Security-Policy names the provider's origin, if any."""
    policy = dict(POLICY)
    if browser_config(settings):
        issuer = urlsplit(settings.oidc_issuer)
        policy["connect-src"] += f" {issuer.scheme}://{issuer.netloc}"
    return {
        **NOSNIFF,
        "Content-Security-Policy": "; ".join(f"{k} {v}" for k, v in policy.items()),
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
    }


NOT_BUILT = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Web app not built</title></head>
<body>
<h1>The web app is not built</h1>
<p>This copy of the service has no <code>{page}</code> under <code>server/static/app</code>.
Run <code>make web</code> (it needs Node.js) and reload this page.</p>
<p>The GraphQL API itself is served at <code>/graphql</code>.</p>
</body>
</html>
"""


class BundleFiles(StaticFiles):
    """The bundle's files: hashed assets cached for a year, everything else revalidated, the
    pages with their security headers. StaticFiles already picks the content type and
    refuses paths out of the folder. `hidden` files are not served."""

    def __init__(self, *, hidden: frozenset[str], page_headers: dict[str, str], **options):
        super().__init__(**options)
        self.hidden = hidden
        self.page_headers = page_headers

    async def get_response(self, path: str, scope) -> Response:
        if path in self.hidden:
            return PlainTextResponse("Not Found", 404)
        response = await super().get_response(path, scope)
        hashed = path.split(os.sep)[0] == HASHED
        response.headers["Cache-Control"] = LONG_CACHE if hashed else NO_CACHE
        response.headers.update(self.page_headers if path.endswith(".html") else NOSNIFF)
        return response


class WebApp:
    """The routes of the web app over the bundle at `root`."""

    def __init__(self, settings: Settings, root: Path = BUNDLE):
        self.settings = settings
        self.root = root
        self.page_headers = security_headers(settings)

    def routes(self) -> list[BaseRoute]:
        """The /app routes, then the client routes' page, which takes any other GET path:
        it must come after every route of the API."""
        return [
            Route("/app/config.json", self.config, methods=["GET"]),
            Route("/app/dev-users", self.dev_users, methods=["GET"]),
            Mount(
                "/app",
                BundleFiles(
                    directory=self.root,
                    check_dir=False,
                    hidden=self.hidden(),
                    page_headers=self.page_headers,
                ),
            ),
            Route("/{path:path}", self.client_route, methods=["GET"]),
        ]

    def hidden(self) -> frozenset[str]:
        """The manifest of trusted documents is the server's, not the browser's; production
        serves no GraphiQL, not even its page."""
        return frozenset({MANIFEST, *([GRAPHIQL] if self.settings.production else [])})

    def page(self, name: str) -> Response:
        """One of the bundle's HTML pages, never cached unchecked; 503 saying how to build
        it when the bundle lacks it."""
        path = self.root / name
        headers = {"Cache-Control": NO_CACHE, **self.page_headers}
        if not path.is_file():
            return HTMLResponse(NOT_BUILT.format(page=name), 503, headers=headers)
        return FileResponse(path, media_type="text/html; charset=utf-8", headers=headers)

    def graphiql(self) -> Response:
        return self.page(GRAPHIQL)

    async def client_route(self, request: Request) -> Response:
        """The app's page for a browser opening one of its routes (/, /requests/<id>, ...).
        A request that does not accept HTML, or under a path of the API, gets 404."""
        first_segment = request.url.path.strip("/").split("/")[0]
        accepts_html = "text/html" in request.headers.get("accept", "")
        if first_segment in API_PATHS or not accepts_html:
            return PlainTextResponse("Not Found", 404)
        return self.page("index.html")

    async def config(self, request: Request) -> JSONResponse:
        """What the app needs to know before it signs anyone in."""
        return JSONResponse(
            {
                "environment": self.settings.env,
                "devSignIn": not self.settings.production,
                "oidc": browser_config(self.settings),
            },
            headers={"Cache-Control": NO_CACHE},
        )

    async def dev_users(self, request: Request) -> Response:
        """The sample users with fresh tokens, as `make serve` prints them: development only."""
        if self.settings.production:
            return PlainTextResponse("Not Found", 404)
        users = [
            {
                "id": user.sub,
                "name": user.name,
                "role": str(user.role),
                "leaIds": list(user.lea_ids),
                "email": user.email,
                "token": sample_token(self.settings, user),
            }
            for user in SAMPLE_USERS
        ]
        return JSONResponse(users, headers={"Cache-Control": "no-store"})

"""The web app's side of the service: the single page app at / and its client routes, its
built files at /app/, its start-up configuration, the development sign-in's sample users and
the self-hosted GraphiQL page. The bundle is built from web/ into server/static/app/
(`make web`) and committed, so serving it needs no Node.js."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from .settings import Settings

APP_DIR = Path(str(resources.files("server") / "static" / "app"))
# Paths the SPA routes itself (web/src/router.ts): a reload or an emailed link gets index.html.
CLIENT_ROUTES = ["/", "/requests", "/requests/{id}", "/placement-survey", "/fiscal-calendar"]
NO_CACHE = {"Cache-Control": "no-cache"}


def web_routes(settings: Settings) -> list[Route | Mount]:
    async def index(request: Request) -> Response:
        return FileResponse(APP_DIR / "index.html", headers=NO_CACHE)

    async def config(request: Request) -> JSONResponse:
        return JSONResponse(
            {"environment": settings.env, "devSignIn": not settings.production, "oidc": None},
            headers=NO_CACHE,
        )

    async def dev_users(request: Request) -> JSONResponse:
        if settings.production:
            return JSONResponse({"error": "not found"}, 404)
        from .cli import sample_users

        return JSONResponse(sample_users(settings), headers={"Cache-Control": "no-store"})

    return [
        Route("/app/config.json", config),
        Route("/app/dev-users", dev_users),
        Mount("/app", StaticFiles(directory=APP_DIR, check_dir=False)),
        *(Route(path, index) for path in CLIENT_ROUTES),
    ]


class GraphiQLPage:
    """GET /graphql from a browser (Accept: text/html) gets the bundled GraphiQL page, outside
    production; everything else goes to the GraphQL app."""

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.enabled = not settings.production

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.enabled and scope["type"] == "http" and scope["method"] == "GET":
            accept = Request(scope).headers.get("accept", "")
            if "text/html" in accept:
                page = FileResponse(APP_DIR / "graphiql.html", headers=NO_CACHE)
                await page(scope, receive, send)
                return
        await self.app(scope, receive, send)

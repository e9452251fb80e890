"""The web app's routes: its client routes' page, the bundle's files and their caching, the
self-hosted GraphiQL page, the app's configuration and, in development only, the sample
users with their tokens; a missing bundle says how to build it."""

from __future__ import annotations

import httpx2
import pytest

from server.app import create_app
from server.sample_users import SAMPLE_USERS
from tests.hardening import development, production
from tests.web_bundle import GRAPHIQL_PAGE, INDEX_PAGE, SCRIPT, STYLE, write_bundle

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture
def bundle(tmp_path):
    return write_bundle(tmp_path)


async def client_for(settings, store, clock, web_root):
    app = create_app(settings, store=store, clock=clock, web_root=web_root)
    return httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://test")


@pytest.fixture
async def web(store, clock, bundle):
    async with await client_for(development(), store, clock, bundle) as client:
        yield client


@pytest.fixture
async def production_web(store, clock, bundle):
    async with await client_for(production(), store, clock, bundle) as client:
        yield client


@pytest.mark.parametrize("path", ["/", "/requests/cr-123", "/my-requests", "/queue", "/a/b?x=1"])
async def test_a_browser_opening_a_client_route_gets_the_app_page_uncached(web, path):
    page = await web.get(path, headers=HTML)
    assert page.status_code == 200
    assert page.text == INDEX_PAGE
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["cache-control"] == "no-cache"
    assert page.headers["x-content-type-options"] == "nosniff"


async def test_the_pages_let_the_browser_load_nothing_from_another_origin(web):
    for path in ("/", "/graphql"):
        policy = (await web.get(path, headers=HTML)).headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["connect-src"] == "'self' blob:"
        assert directives["frame-ancestors"] == "'none'"


async def test_with_a_provider_the_pages_may_call_its_origin_and_no_other(store, clock, bundle):
    settings = production(
        oidc_issuer="https://login.example.org/realms/ade",
        oidc_audience="ctecr-api",
        oidc_client_id="ctecr-web",
    )
    async with await client_for(settings, store, clock, bundle) as web:
        for path in ("/", "/app/index.html"):
            policy = (await web.get(path, headers=HTML)).headers["content-security-policy"]
            directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
            assert directives["connect-src"] == "'self' blob: https://login.example.org"
            assert directives["frame-src"] == "'self' blob:"
            assert directives["script-src"] == "'self'"


async def test_a_client_route_asked_for_anything_but_html_is_not_found(web):
    for accept in ("application/json", "*/*"):
        response = await web.get("/requests/cr-123", headers={"Accept": accept})
        assert response.status_code == 404
        assert INDEX_PAGE not in response.text


@pytest.mark.parametrize(
    "path", ["/attachments", "/attachments/", "/metrics", "/app", "/app/requests/1", "/graphql/x"]
)
async def test_the_api_paths_never_answer_with_the_app_page(web, path):
    response = await web.get(path, headers=HTML)
    assert response.status_code == 404
    assert INDEX_PAGE not in response.text


async def test_health_and_attachment_routes_keep_their_own_answers_for_browsers(web):
    assert (await web.get("/healthz", headers=HTML)).json() == {"status": "ok"}
    anonymous = await web.get("/attachments/nope", headers=HTML)
    assert anonymous.status_code == 401
    assert INDEX_PAGE not in anonymous.text


async def test_the_app_page_is_for_get_only(web):
    assert (await web.post("/queue", headers=HTML)).status_code == 405


async def test_hashed_assets_are_cached_for_a_year_and_typed(web):
    script = await web.get(f"/app/{SCRIPT}")
    assert script.status_code == 200
    assert script.headers["content-type"].split(";")[0] in {
        "text/javascript",
        "application/javascript",
    }
    assert script.headers["cache-control"] == "public, max-age=31536000, immutable"
    style = await web.get(f"/app/{STYLE}")
    assert style.headers["content-type"].startswith("text/css")
    assert style.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_unhashed_bundle_files_are_revalidated(web):
    for path, media in [("index.html", "text/html"), ("favicon.svg", "image/svg+xml")]:
        response = await web.get(f"/app/{path}")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media)
        assert response.headers["cache-control"] == "no-cache"


async def test_a_missing_bundle_file_is_not_found(web):
    assert (await web.get("/app/assets/nope-123.js")).status_code == 404


async def test_the_manifest_of_trusted_documents_is_not_served(web, bundle):
    assert (bundle / "persisted-documents.json").is_file()
    assert (await web.get("/app/persisted-documents.json")).status_code == 404


# Percent-encoded, so that the client sends the dots as they are.
@pytest.mark.parametrize(
    "path",
    ["/app/%2e%2e/secret.txt", "/app/..%2fsecret.txt", "/app/assets/%2e%2e/%2e%2e/secret.txt"],
)
async def test_no_path_leaves_the_bundle(web, bundle, path):
    (bundle.parent / "secret.txt").write_text("not for you")
    response = await web.get(path)
    assert response.status_code == 404
    assert "not for you" not in response.text


async def test_graphiql_is_the_bundle_page_not_strawberrys_cdn_page(web):
    page = await web.get("/graphql", headers=HTML)
    assert page.status_code == 200
    assert page.text == GRAPHIQL_PAGE
    assert page.headers["cache-control"] == "no-cache"


async def test_production_serves_the_app_but_no_graphiql(production_web):
    assert (await production_web.get("/", headers=HTML)).text == INDEX_PAGE
    for path in ("/graphql", "/app/graphiql.html"):
        page = await production_web.get(path, headers=HTML)
        assert page.status_code == 404
        assert GRAPHIQL_PAGE not in page.text


async def test_the_pages_under_app_carry_the_security_headers_too(web):
    for path in ("/app/index.html", "/app/graphiql.html"):
        page = await web.get(path)
        assert page.status_code == 200
        assert "default-src 'self'" in page.headers["content-security-policy"]
    assert "content-security-policy" not in (await web.get(f"/app/{SCRIPT}")).headers


async def test_a_missing_bundle_answers_503_saying_to_run_make_web(store, clock, tmp_path):
    async with await client_for(development(), store, clock, tmp_path / "none") as web:
        for path in ("/", "/queue", "/graphql"):
            page = await web.get(path, headers=HTML)
            assert page.status_code == 503
            assert "make web" in page.text
            assert page.headers["content-type"].startswith("text/html")


async def test_config_says_the_environment_and_whether_dev_sign_in_is_offered(web, production_web):
    assert (await web.get("/app/config.json")).json() == {
        "environment": "development",
        "devSignIn": True,
        "oidc": None,
    }
    assert (await production_web.get("/app/config.json")).json() == {
        "environment": "production",
        "devSignIn": False,
        "oidc": None,
    }


async def test_dev_users_are_the_sample_users_with_tokens_the_api_accepts(web):
    response = await web.get("/app/dev-users")
    assert response.headers["cache-control"] == "no-store"
    users = response.json()
    assert [u["id"] for u in users] == [u.sub for u in SAMPLE_USERS]
    mesa = users[0]
    assert {k: mesa[k] for k in ("name", "role", "leaIds", "email")} == {
        "name": "Mesa Unified CTE Coordinator",
        "role": "LEA_USER",
        "leaIds": [4235],
        "email": "lea-4235@example.org",
    }
    for user in users:
        body = await web.post(
            "/graphql",
            json={"query": "{ viewer { id name role email } }"},
            headers={"Authorization": f"Bearer {user['token']}"},
        )
        viewer = body.json()["data"]["viewer"]
        assert viewer == {k: user[k] for k in ("id", "name", "role", "email")}


async def test_production_offers_no_dev_users(production_web):
    response = await production_web.get("/app/dev-users")
    assert response.status_code == 404
    assert "token" not in response.text

"""The web app signing in through a real OpenID Connect provider (issue 12, item 5): Debian's
Chromium driven by Playwright, oidc-provider (tests/oidc/provider.mjs) on a free port, and the
service with production settings naming it (CTECR_OIDC_ISSUER, CTECR_OIDC_AUDIENCE,
CTECR_OIDC_CLIENT_ID, the `groups` claim mapped to roles). The users sign in on the provider's
login page; no page asks any origin but the app's and the provider's for anything."""

from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import httpx2
import jwt
import pytest

from tests.browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    OriginGuard,
    chromium_available,
    free_port,
    png_bytes,
    served_app,
)
from tests.evidence_files import multipart_form
from tests.oidc_provider import AUDIENCE, CLIENT_ID, ROLE_VALUES, run_provider
from tests.test_oidc_provider import access_token
from tests.test_web_browser import (
    RED_MOUNTAIN,
    SUBMIT,
    check_accessibility,
    fill_request,
    find_records,
    submit_by_api,
)
from tests.tools import IN_CI

pytestmark = pytest.mark.skipif(
    not chromium_available() and not IN_CI,
    reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)",
)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

SIGN_IN = "Sign in with your agency account"
SESSION_ENDED = "Your session has ended. Sign in again."  # web/src/oidc.ts
VIEWER = "{ viewer { name } }"


@contextmanager
def provider_and_app(tmp, token_seconds: int = 300, **more: str):
    """The provider, then the service in production trusting it: (app origin, issuer)."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    with run_provider(
        CTECR_TEST_APP_ORIGIN=origin, CTECR_TEST_ACCESS_TOKEN_SECONDS=str(token_seconds)
    ) as issuer:
        settings = {
            "CTECR_ENV": "production",
            "CTECR_OIDC_ISSUER": issuer,
            "CTECR_OIDC_AUDIENCE": AUDIENCE,
            "CTECR_OIDC_CLIENT_ID": CLIENT_ID,
            "CTECR_OIDC_ROLE_CLAIM": "groups",
            "CTECR_OIDC_ROLE_VALUES": json.dumps(ROLE_VALUES),
            "CTECR_OIDC_LEEWAY_SECONDS": "0",  # an expired token is refused at once
            **more,
        }
        with served_app(tmp, port=port, **settings) as base:
            assert base == origin
            yield base, issuer


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with provider_and_app(tmp_path_factory.mktemp("oidc-web")) as started:
        yield started


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Tab:
    """A browser context on the app, with the bearer tokens its API calls carried."""

    def __init__(self, browser, base: str, guard: OriginGuard):
        self.context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
        guard.attach(self.context)
        self.page = self.context.new_page()
        self.bearers: list[str] = []
        self.page.on("request", self._record)

    def _record(self, request) -> None:
        header = request.headers.get("authorization", "")
        if request.url.endswith("/graphql") and header.startswith("Bearer "):
            self.bearers.append(header.removeprefix("Bearer "))

    def sign_in(self, login: str, issuer: str) -> None:
        """On the app's sign-in page, to the provider's login page and back, signed in."""
        page = self.page
        page.get_by_role("button", name=SIGN_IN).click()
        expect(page.get_by_role("heading", name="Sign in to the test provider")).to_be_visible()
        assert page.url.startswith(issuer), page.url
        page.get_by_label("Username").fill(login)
        page.get_by_label("Password").fill("any password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()


@pytest.fixture
def tabs(browser, stack):
    """Opens tabs on the app; at the end, no request went to any origin but the app's and the
    provider's."""
    base, issuer = stack
    guard = OriginGuard(base, issuer)
    opened: list[Tab] = []

    def open_tab(path: str = "/") -> Tab:
        tab = Tab(browser, base, guard)
        opened.append(tab)
        tab.page.goto(path)
        return tab

    yield open_tab
    for tab in opened:
        tab.context.close()
    assert guard.foreign == [], f"requests to another origin: {guard.foreign}"


def claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def test_users_sign_in_at_the_provider_work_live_and_sign_out_there(tabs, stack):
    base, issuer = stack
    reviewer = tabs()
    expect(reviewer.page.get_by_role("button", name=SIGN_IN)).to_be_visible()
    expect(reviewer.page.get_by_role("button", name="Riley Reviewer")).to_have_count(0)
    check_accessibility(reviewer.page, "oidc-sign-in")
    reviewer.sign_in("riley.reviewer", issuer)
    expect(reviewer.page.get_by_label("Signed in as")).to_contain_text("Riley Reviewer · REVIEWER")
    queue = reviewer.page.get_by_role("table", name="Review queue")
    expect(queue).to_be_visible()
    expect(queue.get_by_text("Sofia Castillo")).to_have_count(0)

    lea = tabs("/")
    lea.sign_in("ana.mesa", issuer)
    assert urlsplit(lea.page.url).path == "/"  # the callback's URL is replaced
    expect(lea.page.get_by_label("Signed in as").locator("span")).to_have_text(
        "Ana Mesa · LEA_USER · Mesa Unified District (4235)"
    )
    find_records(lea.page, "1002345735", RED_MOUNTAIN)  # Sofia Castillo
    fill_request(lea.page, course="12050020", credits="0.5", grade="11", justification="Austin")
    lea.page.get_by_role("button", name="Submit request").click()
    expect(lea.page.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW")
    # The API was called with the access token the provider issued for it.
    token = claims(lea.bearers[-1])
    assert (token["iss"], token["aud"], token["sub"]) == (issuer, AUDIENCE, "ana.mesa")

    # The reviewer's queue, subscribed with the reviewer's token, shows it without a reload.
    expect(queue.get_by_role("link", name=re.compile("Sofia Castillo"))).to_be_visible()

    lea.page.get_by_role("button", name="Sign out").click()
    expect(
        lea.page.get_by_role("heading", name=re.compile("Sign out of the test provider"))
    ).to_be_visible()
    lea.page.get_by_role("button", name="Yes, sign me out").click()
    expect(lea.page.get_by_role("button", name=SIGN_IN)).to_be_visible()
    assert lea.page.url == f"{base}/"
    check_accessibility(lea.page, "oidc-signed-out")
    assert lea.page.evaluate("() => Object.keys(sessionStorage)") == []
    # The provider's session has ended: signing in again asks for the login.
    lea.page.get_by_role("button", name=SIGN_IN).click()
    expect(lea.page.get_by_label("Username")).to_be_visible()


def test_a_deep_link_returns_there_after_signing_in(tabs, stack):
    _, issuer = stack
    tab = tabs("/placement-survey")
    tab.sign_in("riley.reviewer", issuer)
    expect(tab.page.get_by_role("table", name="Placement survey list")).to_be_visible()
    assert urlsplit(tab.page.url).path == "/placement-survey"


def test_a_session_ended_unrenewed_says_so_on_the_sign_in_page(tabs, stack):
    _, issuer = stack
    tab = tabs()
    tab.page.clock.install()  # real time until the jump below
    tab.sign_in("ana.mesa", issuer)
    # The provider refuses the refresh token (the session ended there), and time passes the
    # access token's expiry: the app drops the user and says why.
    refused = {"error": "invalid_grant", "error_description": "session ended"}
    tab.context.route(f"{issuer}/token", lambda route: route.fulfill(status=400, json=refused))
    tab.page.clock.fast_forward("06:00")
    expect(tab.page.get_by_role("alert")).to_have_text(SESSION_ENDED)
    expect(tab.page.get_by_role("button", name=SIGN_IN)).to_be_visible()
    check_accessibility(tab.page, "oidc-session-ended")


@pytest.fixture(scope="module")
def short_tokens(tmp_path_factory):
    """A provider whose access tokens live 70 s: the app renews each a minute before expiry.
    The test submits by the API with a document of its own, as a robot would."""
    tmp = tmp_path_factory.mktemp("oidc-renewal")
    with provider_and_app(tmp, 70, CTECR_TRUSTED_DOCUMENTS="allowed") as started:
        yield started


def submit_with_a_scan(base: str, token: str) -> None:
    """A request with a PNG transcript, by the API (multipart), for Tyler Yazzie."""
    variables = {
        "input": {
            "suid": "1002346022",
            "schoolEntityId": 79013,
            "programNumber": "51.3900",
            "courseNumber": "51390030",
            "credits": "0.5",
            "gradeLevel": 11,
            "reason": "OTHER",
            "justification": "Scan attached",
            "evidence": [None],
        }
    }
    data, files = multipart_form(SUBMIT, variables, [("scan.png", png_bytes(), "image/png")])
    answer = httpx2.post(
        f"{base}/graphql",
        data=data,
        files=files,
        headers={"Authorization": f"Bearer {token}", "Apollo-Require-Preflight": "true"},
    ).json()
    assert answer["data"]["submitInsertCreditsRequest"]["userErrors"] == [], answer


def test_the_token_is_renewed_before_expiry_and_the_pages_stay_live(browser, short_tokens):
    base, issuer = short_tokens
    submit_with_a_scan(base, access_token(issuer, "mesa-robot"))
    guard = OriginGuard(base, issuer)
    tab = Tab(browser, base, guard)
    refreshes: list[str] = []
    tab.page.on(
        "request",
        lambda r: (
            r.url == f"{issuer}/token"
            and refreshes.extend(parse_qs(r.post_data or "").get("grant_type", []))
        ),
    )
    socket_tokens: list[str] = []

    def watch(socket):
        def sent(payload):
            message = json.loads(payload)
            if message.get("type") == "connection_init":
                socket_tokens.append(message["payload"]["Authorization"].removeprefix("Bearer "))

        socket.on("framesent", sent)

    tab.page.on("websocket", watch)
    downloads: list[str] = []
    tab.page.on("request", lambda r: "/attachments/" in r.url and downloads.append(r.url))
    tab.page.goto("/")
    tab.sign_in("riley.reviewer", issuer)
    tab.page.get_by_role("link", name=re.compile("Tyler Yazzie")).click()
    scan = tab.page.get_by_role("img", name="Transcript scan.png")
    expect(scan).to_be_visible()
    first = tab.bearers[0]
    navigations: list[str] = []
    tab.page.on("framenavigated", lambda frame: navigations.append(frame.url))

    # Past the first token's expiry (the API allows no leeway here), the page still works.
    expires = claims(first)["exp"]
    while time.time() < expires + 2:
        tab.page.wait_for_timeout(1000)
    expired = httpx2.post(
        f"{base}/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {first}"}
    ).json()
    assert expired["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    # The transcript stayed as it was: a renewed token is no reason to fetch it again.
    expect(scan).to_be_visible()
    assert len(downloads) == 1, downloads

    tab.page.get_by_role("link", name="Review queue").click()
    queue = tab.page.get_by_role("table", name="Review queue")
    expect(queue.get_by_role("link", name=re.compile("Tyler Yazzie"))).to_be_visible()
    submit_by_api(base, access_token(issuer, "mesa-robot"), "1002346014", "51390020")
    expect(queue.get_by_role("link", name=re.compile("Camila Herrera"))).to_be_visible()
    tab.page.get_by_role("link", name="Placement survey").click()
    expect(tab.page.get_by_role("table", name="Placement survey list")).to_be_visible()

    assert "refresh_token" in refreshes, refreshes
    assert len(set(socket_tokens)) >= 2, "the socket never reconnected with a renewed token"
    assert claims(tab.bearers[-1])["exp"] > expires
    assert [url for url in navigations if not url.startswith(base)] == [], "a login page showed"
    tab.context.close()
    assert guard.foreign == [], f"requests to another origin: {guard.foreign}"

"""The web app in a real browser (issue 11): Debian's Chromium driven by Playwright against
`ctecr serve` with the sample data. Every wait is on a role, a label or a text, never a sleep.
Each test checks that no page asked another origin for anything, and axe-core runs on each
page shown (no serious or critical violation). Screenshots go to build/test-output/."""

from __future__ import annotations

import re

import httpx2
import pytest

from tests.browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOTS,
    OriginGuard,
    chromium_available,
    pdf_bytes,
    served_app,
)

pytestmark = pytest.mark.skipif(
    not chromium_available(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

MESA_USER = "Mesa Unified CTE Coordinator"
REVIEWER = "Riley Reviewer"
ADMIN = "Alex Admin"
RED_MOUNTAIN = "79012"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with served_app(tmp_path_factory.mktemp("web")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Playwright's launch gives each browser a fresh temporary profile of its own."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def session(browser, base):
    """Opens pages signed in as a sample user; at the end, no request went to another origin."""
    guard = OriginGuard(base)
    contexts = []

    def open_as(name: str | None, path: str = "/"):
        context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
        guard.attach(context)
        contexts.append(context)
        page = context.new_page()
        page.goto(path)
        if name is not None:
            page.get_by_role("button", name=name, exact=True).click()
            expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        return page

    yield open_as
    for context in contexts:
        context.close()
    assert guard.foreign == [], f"requests to another origin: {guard.foreign}"


def tokens(base: str) -> dict[str, str]:
    return {u["name"]: u["token"] for u in httpx2.get(f"{base}/app/dev-users").json()}


def api(base: str, token: str, query: str, variables: dict) -> dict:
    answer = httpx2.post(
        f"{base}/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    body = answer.json()
    assert "errors" not in body, body
    return body["data"]


def check_accessibility(page, name: str) -> None:
    """axe-core finds no serious or critical violation; a screenshot of the page is kept."""
    from axe_playwright_python.sync_playwright import Axe

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    violations = Axe().run(page).response["violations"]
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"{name}: {bad}"


def find_records(page, suid: str, school: str = RED_MOUNTAIN) -> None:
    page.get_by_label("School").select_option(school)
    page.get_by_label("SUID", exact=True).fill(suid)
    page.get_by_role("button", name="Find records").click()
    expect(page.get_by_role("heading", name=re.compile(f"SUID {suid}"))).to_be_visible()


def fill_request(page, *, course: str, credits: str, grade: str, justification: str) -> None:
    form = page.get_by_role("form", name="Insert credits")
    form.get_by_label("Course").select_option(course)
    form.get_by_label("Credits").fill(credits)
    form.get_by_label("Grade level").select_option(grade)
    form.get_by_label("Reason").select_option("OUT_OF_STATE_TRANSFER")
    form.get_by_label("Justification").fill(justification)


def test_lea_submits_with_a_pdf_and_the_reviewer_approves_live(session, base):
    reviewer = session(REVIEWER)
    queue = reviewer.get_by_role("table", name="Review queue")
    expect(queue).to_be_visible()
    check_accessibility(reviewer, "review-queue")
    expect(queue.get_by_text("Sofia Castillo")).to_have_count(0)

    lea = session(MESA_USER)
    check_accessibility(lea, "find-records")
    find_records(lea, "1002345735")  # Sofia Castillo: participant, Culinary II at 0.5
    expect(lea.get_by_role("list", name=re.compile("Status of 12.0500"))).to_contain_text(
        "Concentrator: no"
    )
    fill_request(lea, course="12050020", credits="0.5", grade="11", justification="Austin, TX")
    lea.get_by_label("Transcript").set_input_files(
        files=[{"name": "transcript.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    expect(lea.get_by_role("list", name="Transcript files")).to_contain_text("transcript.pdf")
    check_accessibility(lea, "insert-credits-form")
    lea.get_by_role("button", name="Submit request").click()
    expect(lea.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW")
    request_url = lea.url
    assert re.search(r"/requests/[^/]+$", request_url)

    # The reviewer's queue shows it without a reload.
    row_link = queue.get_by_role("link", name=re.compile("Sofia Castillo"))
    expect(row_link).to_be_visible()
    row_link.click()
    expect(reviewer.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW")
    pdf = reviewer.locator('object[type="application/pdf"]')
    expect(pdf).to_have_attribute("data", re.compile("^blob:"))
    expect(pdf).to_be_visible()
    assert reviewer.evaluate(
        "async () => (await (await fetch(document.querySelector('object').data)).text())"
        ".startsWith('%PDF-')"
    )
    expect(reviewer.get_by_role("list", name="Status after")).to_contain_text("Concentrator: yes")
    check_accessibility(reviewer, "request-detail-reviewer")
    reviewer.get_by_label("Comment").fill("Transcript checked")
    reviewer.get_by_role("button", name="Approve").click()
    expect(reviewer.get_by_test_id("request-status")).to_have_text("APPROVED")

    # The LEA user's page, untouched since the submission, shows it live.
    expect(lea.get_by_test_id("request-status")).to_have_text("APPROVED")
    record = lea.get_by_role("region", name="The record")
    expect(record.get_by_role("list", name=re.compile("Status of"))).to_contain_text(
        "Concentrator: yes"
    )
    expect(lea.get_by_role("region", name="History")).to_contain_text("APPROVED")
    assert lea.url == request_url
    check_accessibility(lea, "request-detail-lea")

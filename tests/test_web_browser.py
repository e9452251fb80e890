"""The web app in a real browser (issue 11): Debian's Chromium driven by Playwright against
`ctecr serve` with the sample data. Every wait is on a role, a label or a text, never a sleep.
Each test checks that no page asked another origin for anything, and axe-core runs on each
page shown (no serious or critical violation). Screenshots go to build/test-output/."""

from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager
from pathlib import Path

import httpx2
import pytest

from tests.browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    GRADUATE_SUID,
    QUEUE_SUID,
    ROOT,
    SCREENSHOTS,
    WESTWOOD,
    OriginGuard,
    chromium_available,
    crowded_data,
    extended_data,
    pdf_bytes,
    png_bytes,
    served_app,
    unique_key,
)
from tests.test_readme_examples import graphql_block
from tests.tools import IN_CI

pytestmark = pytest.mark.skipif(
    not chromium_available() and not IN_CI,
    reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)",
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


@contextmanager
def sessions(browser, base):
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


@pytest.fixture
def session(browser, base):
    with sessions(browser, base) as open_as:
        yield open_as


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
    preview = lea.get_by_role("region", name="Preview")
    expect(preview.get_by_role("list", name="Preview before")).to_contain_text("Concentrator: no")
    expect(preview.get_by_role("list", name="Preview after")).to_contain_text("Concentrator: yes")
    expect(preview.get_by_role("list", name="Preview advisories")).to_contain_text(
        "NO_EVIDENCE_ATTACHED"
    )
    lea.get_by_label("Transcript").set_input_files(
        files=[{"name": "transcript.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    expect(lea.get_by_role("list", name="Chosen files")).to_contain_text("transcript.pdf")
    expect(preview.get_by_text("NO_EVIDENCE_ATTACHED")).to_have_count(0)
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


def test_refusals_show_at_their_fields(session):
    lea = session(MESA_USER)
    find_records(lea, "1002345701")  # Mateo Valenzuela: non-participant at 0.5
    fill_request(lea, course="12050010", credits="0.5", grade="8", justification="Grade 8 course")
    problems = lea.get_by_role("list", name="Preview problems")
    expect(problems).to_contain_text("GRADE_BELOW_NINE")
    transcript = lea.get_by_label("Transcript")
    transcript.set_input_files(
        files=[{"name": "notes.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf"}]
    )
    expect(lea.get_by_text("notes.pdf is not a PDF, PNG or JPEG file.")).to_be_visible()
    expect(transcript).to_have_attribute("aria-invalid", "true")
    lea.get_by_role("button", name="Remove notes.pdf").click()
    expect(transcript).not_to_have_attribute("aria-invalid", "true")

    lea.get_by_role("button", name="Submit request").click()
    grade = lea.get_by_label("Grade level")
    expect(grade).to_have_attribute("aria-invalid", "true")
    error = lea.locator("#" + grade.get_attribute("aria-describedby"))
    expect(error).to_contain_text(re.compile("grade", re.I))
    check_accessibility(lea, "refusal-at-field")
    assert "/requests/" not in lea.url


def drop_file(page, control: str, name: str, mime: str, content: bytes) -> None:
    """Drags a file (made in the page, as one from the desktop would be) onto the drop zone
    of the file control `control` and drops it there."""
    files = page.evaluate_handle(
        """([name, type, bytes]) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([new Uint8Array(bytes)], name, {type}));
          return transfer;
        }""",
        [name, mime, list(content)],
    )
    zone = page.locator(".dropzone").filter(has=page.get_by_label(control, exact=True))
    for kind in ("dragenter", "dragover"):
        zone.dispatch_event(kind, {"dataTransfer": files})
    expect(zone).to_have_class(re.compile(r"\bdragging\b"))
    zone.dispatch_event("drop", {"dataTransfer": files})
    expect(zone).not_to_have_class(re.compile(r"\bdragging\b"))


def test_transcripts_dropped_on_the_form_are_checked_and_listed(session):
    lea = session(MESA_USER)
    find_records(lea, "1002345701")  # Mateo Valenzuela
    fill_request(lea, course="12050010", credits="0.5", grade="11", justification="From Texas")
    preview = lea.get_by_role("region", name="Preview")
    expect(preview.get_by_text("NO_EVIDENCE_ATTACHED")).to_be_visible()
    transcript = lea.get_by_label("Transcript")
    drop_file(lea, "Transcript", "scan.png", "image/png", b"not an image")
    expect(lea.get_by_text("scan.png is not a PDF, PNG or JPEG file.")).to_be_visible()
    expect(transcript).to_have_attribute("aria-invalid", "true")
    lea.get_by_role("button", name="Remove scan.png").click()
    expect(transcript).not_to_have_attribute("aria-invalid", "true")

    drop_file(lea, "Transcript", "austin.pdf", "application/pdf", pdf_bytes())
    expect(lea.get_by_role("list", name="Chosen files")).to_contain_text("austin.pdf")
    expect(transcript).not_to_have_attribute("aria-invalid", "true")
    expect(preview.get_by_text("NO_EVIDENCE_ATTACHED")).to_have_count(0)


SUBMIT = """mutation ($input: SubmitInsertCreditsRequestInput!) {
  submitInsertCreditsRequest(input: $input) { changeRequest { id version } userErrors { code } }
}"""
ASK = """mutation ($input: RequestMoreInformationInput!) {
  requestMoreInformation(input: $input) { changeRequest { version } userErrors { code } }
}"""
PROVIDE = """mutation ($input: ProvideInformationInput!) {
  provideInformation(input: $input) { changeRequest { version status } userErrors { code } }
}"""


def test_a_stale_approval_reloads_and_shows_what_changed(session, base):
    users = tokens(base)
    submitted = api(
        base,
        users[MESA_USER],
        SUBMIT,
        {
            "input": {
                "suid": "1002345784",  # Noah Kim: 0.25 + 0.25
                "schoolEntityId": int(RED_MOUNTAIN),
                "programNumber": "12.0500",
                "courseNumber": "12050010",
                "credits": "0.25",
                "gradeLevel": 10,
                "reason": "OTHER",
                "justification": "Summer session",
                "idempotencyKey": unique_key(),
            }
        },
    )["submitInsertCreditsRequest"]["changeRequest"]
    reviewer = session(None)
    # This page hears no live event, so it still shows the version it read when it approves.
    reviewer.route_web_socket(re.compile(r"/graphql$"), lambda socket: None)
    reviewer.get_by_role("button", name=REVIEWER, exact=True).click()
    reviewer.goto(f"/requests/{submitted['id']}")
    expect(reviewer.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW")

    asked = api(base, users[REVIEWER], ASK, {"input": {"id": submitted["id"], "comment": "Which?"}})
    assert asked["requestMoreInformation"]["userErrors"] == []
    provided = api(
        base,
        users[MESA_USER],
        PROVIDE,
        {"input": {"id": submitted["id"], "comment": "Half a credit", "credits": "0.5"}},
    )["provideInformation"]
    assert provided["userErrors"] == [] and provided["changeRequest"]["status"] == "PENDING_REVIEW"

    reviewer.get_by_role("button", name="Approve").click()
    changed = reviewer.get_by_role("alert").filter(has_text="changed while you had it open")
    expect(changed).to_contain_text("Credits: 0.25 → 0.5")
    expect(reviewer.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW")
    check_accessibility(reviewer, "stale-approval")
    reviewer.get_by_role("button", name="Approve").click()
    expect(reviewer.get_by_test_id("request-status")).to_have_text("APPROVED")


GRAPHIQL_HEADERS = ".graphiql-editor-tool > .graphiql-editor:not(.hidden) > .CodeMirror"


def run_in_graphiql(page, query: str, token: str) -> None:
    """`query` in GraphiQL's query editor, the bearer `token` in its headers editor, run."""
    expect(page.locator(".graphiql-container")).to_be_visible()
    page.get_by_role("button", name="Headers", exact=True).click()
    expect(page.locator(".graphiql-query-editor .CodeMirror")).to_be_visible()
    expect(page.locator(GRAPHIQL_HEADERS)).to_be_visible()
    page.evaluate(
        """([query, headers, headersEditor]) => {
          const editor = (selector) => document.querySelector(selector).CodeMirror;
          editor('.graphiql-query-editor .CodeMirror').setValue(query);
          editor(headersEditor).setValue(headers);
        }""",
        [query, f'{{"Authorization": "Bearer {token}"}}', GRAPHIQL_HEADERS],
    )
    # GraphiQL parses an edit 100 ms after it (a subscription runs over the WebSocket only
    # once it has), then stores it: a person reads what they pasted before running it.
    page.wait_for_function("q => localStorage.getItem('graphiql:query') === q", arg=query)
    page.get_by_role("button", name=re.compile("Execute query")).click()


def graphiql_result(page) -> dict:
    return json.loads(
        page.evaluate(
            "() => document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()"
        )
    )


def test_the_readme_first_query_works_in_graphiql_offline(session, base):
    page = session(None, "/graphql")
    run_in_graphiql(page, graphql_block("query StudentRecords"), tokens(base)[MESA_USER])
    expect(page.locator(".result-window")).to_contain_text("Castillo")
    answer = graphiql_result(page)
    assert "errors" not in answer, answer
    assert answer["data"]["fiscalYearStatus"]["participantFiscalYear"] == 2026
    (record,) = answer["data"]["participantRecords"]
    assert record["student"] == {"suid": "1002345735", "firstName": "Sofia", "lastName": "Castillo"}
    assert record["school"] == {
        "name": "Red Mountain High School",
        "lea": {"name": "Mesa Unified District"},
    }
    assert record["program"]["programNumber"] == "12.0500"
    check_accessibility(page, "graphiql")


HISTORY = "query ($id: ID!) { node(id: $id) { ... on ChangeRequest { history { id } } } }"
EVENTS = """subscription {
  changeRequestEvents(after: "%s") { kind changeRequest { student { lastName } } }
}"""


def test_a_graphiql_subscription_receives_events_over_the_websocket(session, base):
    users = tokens(base)
    # Resuming after this request's event, the subscription gets each later event however
    # soon after its start the server is ready: a mutation made once it runs cannot be missed.
    first = submit_by_api(
        base, users[MESA_USER], "1002345727", "12050020", program="12.0500", school=79012
    )  # Ethan Whitaker
    node = api(base, users[MESA_USER], HISTORY, {"id": first["id"]})["node"]
    page = session(None, "/graphql")
    with page.expect_websocket() as opened:
        run_in_graphiql(page, EVENTS % node["history"][-1]["id"], users[MESA_USER])
    expect(page.get_by_role("button", name=re.compile("Stop"))).to_be_visible()
    submit_by_api(
        base, users[MESA_USER], "1002345792", "12050020", program="12.0500", school=79012
    )  # Gabriel Ortiz
    expect(page.locator(".result-window")).to_contain_text("Ortiz")
    event = graphiql_result(page)["data"]["changeRequestEvents"]
    assert event == {"kind": "SUBMITTED", "changeRequest": {"student": {"lastName": "Ortiz"}}}
    assert opened.value.url == base.replace("http", "ws", 1) + "/graphql"


def test_sign_in_placement_survey_and_fiscal_calendar_pages(session):
    page = session(None)
    expect(page.get_by_role("button", name=REVIEWER, exact=True)).to_be_visible()
    check_accessibility(page, "sign-in")
    admin = session(ADMIN)
    expect(admin.get_by_label("Signed in as").locator("span")).to_have_text(f"{ADMIN} · ADMIN")
    admin.get_by_role("link", name="Placement survey").click()
    table = admin.get_by_role("table", name="Placement survey list")
    expect(table).to_contain_text("Nguyen")
    with admin.expect_download() as download:
        admin.get_by_role("button", name="Download CSV").click()
    csv = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert csv[0].startswith("SUID,First name,Last name")
    assert any(line.startswith("1002345800,Emily,Nguyen,79012") for line in csv[1:])
    check_accessibility(admin, "placement-survey")
    admin.get_by_role("link", name="Fiscal calendar").click()
    expect(admin.get_by_text("Participant fiscal year")).to_be_visible()
    check_accessibility(admin, "fiscal-calendar")
    admin.get_by_role("button", name="Sign out").click()
    expect(admin.get_by_role("heading", name="Sign in")).to_be_visible()


JAYLEN = "1002345743"  # Jaylen Brooks: Culinary Arts and Robotics at Red Mountain


@pytest.fixture(scope="module")
def two_schools(tmp_path_factory):
    """The sample data and a Computer Science record for Jaylen Brooks at Westwood: his
    programs differ from one of his schools to the other."""
    tmp = tmp_path_factory.mktemp("two-schools")
    record = {
        "suid": JAYLEN,
        "schoolEntityId": WESTWOOD,
        "fiscalYear": 2026,
        "programNumber": "11.0700",
        "courses": [{"courseNumber": "11070010", "credits": "0.5"}],
    }
    with served_app(tmp, data=extended_data(tmp / "data", [], [record])) as url:
        yield url


def test_the_program_control_lists_the_students_programs_at_that_school_only(browser, two_schools):
    with sessions(browser, two_schools) as open_as:
        lea = open_as(MESA_USER)
        viewer = lea.get_by_label("Signed in as").locator("span")
        expect(viewer).to_have_text(f"{MESA_USER} · LEA_USER · Mesa Unified District (4235)")
        form = lea.get_by_role("form", name="Insert credits")
        programs = form.get_by_label("Program").locator("option")
        find_records(lea, JAYLEN, RED_MOUNTAIN)
        expect(programs).to_have_text(["12.0500 Culinary Arts", "15.0400 Automation and Robotics"])
        form.get_by_label("Program").select_option("15.0400")
        expect(form.get_by_label("Course").locator("option").first).to_have_text(
            "15040010 Automation and Robotics I"
        )
        find_records(lea, JAYLEN, str(WESTWOOD))
        expect(lea.get_by_role("region", name="11.0700 Computer Science, FY2026")).to_be_visible()
        expect(programs).to_have_text(["11.0700 Computer Science"])
        expect(form.get_by_label("Course").locator("option").first).to_have_text(
            "11070010 Computer Science I"
        )


COUNT = """query ($suid: String!) { changeRequests(filter: {suid: $suid}) { totalCount } }"""


def test_a_double_click_on_submit_makes_one_request(session, base):
    lea = session(MESA_USER)
    find_records(lea, "1002345750")  # Isabella Nez: Robotics I at 0.75
    form = lea.get_by_role("form", name="Insert credits")
    form.get_by_label("Course").select_option("15040010")
    form.get_by_label("Credits").fill("0.25")
    form.get_by_label("Justification").fill("Quarter credit from Texas")
    lea.get_by_role("button", name="Submit request").dblclick()
    expect(lea.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW")
    count = api(base, tokens(base)[REVIEWER], COUNT, {"suid": "1002345750"})
    assert count["changeRequests"]["totalCount"] == 1


def test_finding_records_with_the_keyboard_alone(session):
    page = session(None)
    focused = "() => document.activeElement && document.activeElement.textContent"
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate(focused) == MESA_USER:
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "school":
            break
    page.keyboard.type("Red")  # type-ahead picks Red Mountain High School
    expect(page.get_by_label("School")).to_have_value(RED_MOUNTAIN)
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "the focused control has no visible focus"
    page.keyboard.type("1002345719")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("Kayla Begay"))).to_be_visible()


def test_the_queue_resumes_after_a_lost_connection(session, base):
    users = tokens(base)
    subscriptions: list[dict] = []
    sockets = []
    first: list[dict] = []  # Camila Herrera's request
    resubscribed: list[dict] = []  # Lucas Romero's

    events: list[str] = []  # the "next" messages the page has been sent

    def relay(socket):
        server = socket.connect_to_server()
        sockets.append(socket)

        def to_page(message):
            if json.loads(message).get("type") == "next":
                events.append(message)
            socket.send(message)

        server.on_message(to_page)

        def to_server(message):
            data = json.loads(message)
            server.send(message)
            if data.get("type") == "subscribe":
                subscriptions.append(data["payload"].get("variables") or {})
                if len(sockets) == 1 and not first:
                    # Submitted once the page has subscribed, so it arrives as a live event.
                    first.append(submit_by_api(base, users[MESA_USER], "1002346014", "51390020"))
                if len(sockets) == 2 and not resubscribed:
                    # Submitted only once the page has resubscribed: it can appear in the
                    # queue only through the resumed subscription.
                    resubscribed.append(
                        submit_by_api(base, users[MESA_USER], "1002346048", "51390020")
                    )

        socket.on_message(to_server)

    reviewer = session(None)
    reviewer.route_web_socket(re.compile(r"/graphql$"), relay)
    reviewer.get_by_role("button", name=REVIEWER, exact=True).click()
    queue = reviewer.get_by_role("table", name="Review queue")
    expect(queue.get_by_role("link", name=re.compile("Camila Herrera"))).to_be_visible()
    assert subscriptions == [{"after": None}]
    # The list may show her from its reload on connecting, before her event arrives: drop
    # the connection only once the page has had the event, so that it has an id to resume.
    deadline = time.monotonic() + 10
    while not events and time.monotonic() < deadline:
        reviewer.wait_for_timeout(50)
    assert events, "the page never received Camila Herrera's event"

    sockets[0].close(code=1011, reason="test drops the connection")
    expect(queue.get_by_role("link", name=re.compile("Lucas Romero"))).to_be_visible()
    assert resubscribed, "the page did not resubscribe"
    assert subscriptions[1].get("after") is not None, "resubscribed without after"


def submit_by_api(
    base: str,
    token: str,
    suid: str,
    course: str,
    *,
    program: str = "51.3900",
    school: int = 79013,  # Mountain View High School
) -> dict:
    payload = api(
        base,
        token,
        SUBMIT,
        {
            "input": {
                "suid": suid,
                "schoolEntityId": school,
                "programNumber": program,
                "courseNumber": course,
                "credits": "0.5",
                "gradeLevel": 11,
                "reason": "OTHER",
                "justification": "From the test",
                "idempotencyKey": unique_key(),
            }
        },
    )["submitInsertCreditsRequest"]
    assert payload["userErrors"] == [], payload
    return payload["changeRequest"]


def test_more_information_round_trip_rejection_and_withdrawal(session, base):
    users = tokens(base)
    asked = submit_by_api(base, users[MESA_USER], "1002346022", "51390030")  # Tyler Yazzie
    reviewer = session(REVIEWER, f"/requests/{asked['id']}")
    expect(reviewer.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW")
    reviewer.get_by_role("button", name="Request more information").click()
    comment = reviewer.get_by_label("Comment")
    expect(comment).to_have_attribute("aria-invalid", "true")
    reviewer.get_by_label("Comment").fill("Which semester?")
    reviewer.get_by_role("button", name="Request more information").click()
    expect(reviewer.get_by_test_id("request-status")).to_have_text("MORE_INFORMATION_REQUESTED")

    lea = session(MESA_USER)
    lea.get_by_role("link", name="My requests").click()
    lea.get_by_role("table", name="My requests").get_by_role(
        "link", name=re.compile("Tyler Yazzie")
    ).click()
    expect(lea.get_by_test_id("request-status")).to_have_text("MORE_INFORMATION_REQUESTED")
    expect(lea.get_by_role("region", name="History")).to_contain_text("Which semester?")
    lea.get_by_label("Comment").fill("Spring semester; a full credit")
    lea.get_by_label("Changed credits").fill("1")
    lea.get_by_label("More files").set_input_files(
        files=[{"name": "scan.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    check_accessibility(lea, "provide-information")
    lea.get_by_role("button", name="Provide information").click()
    expect(lea.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW")
    image = lea.get_by_role("img", name="Transcript scan.png")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 1

    # The reviewer's page follows without a reload, then the reviewer rejects.
    expect(reviewer.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW")
    credits = reviewer.get_by_role("region", name="What is asked").locator(
        "dt:text-is('Credits') + dd"
    )
    expect(credits).to_have_text(re.compile(r"^1(\.0+)?$"))
    reviewer.get_by_label("Rejection reason").select_option("NOT_NECESSARY")
    reviewer.get_by_label("Comment").fill("Not needed: already a concentrator")
    reviewer.get_by_role("button", name="Reject").click()
    expect(reviewer.get_by_test_id("request-status")).to_have_text("REJECTED")
    expect(lea.get_by_test_id("request-status")).to_have_text("REJECTED")

    withdrawn = submit_by_api(base, users[MESA_USER], "1002346030", "51390020")  # Maya Patel
    lea.goto(f"/requests/{withdrawn['id']}")
    lea.get_by_role("button", name="Withdraw").click()
    expect(lea.get_by_test_id("request-status")).to_have_text("WITHDRAWN")
    expect(lea.get_by_role("button", name="Withdraw")).to_have_count(0)


def test_in_production_the_app_sends_documents_by_hash_only_and_they_run(browser, tmp_path):
    from domain.models import Role
    from server.auth import issue_token

    secret = "a-production-secret-of-at-least-32-characters"
    manifest = json.loads((ROOT / "server/static/app/persisted-documents.json").read_text())
    token = issue_token(secret, role=Role.REVIEWER, sub="reviewer-1", name=REVIEWER)
    with served_app(tmp_path, CTECR_ENV="production", CTECR_JWT_SECRET=secret) as prod:
        guard = OriginGuard(prod)
        context = browser.new_context(base_url=prod)
        guard.attach(context)
        context.add_init_script(f"sessionStorage.setItem('ctecr.token', {json.dumps(token)})")
        page = context.new_page()
        with page.expect_request(
            lambda r: r.url.endswith("/graphql") and r.method == "POST"
        ) as sent:
            page.goto("/")
        body = json.loads(sent.value.post_data)
        # The server (trusted documents required) runs it: the queue shows, live.
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        expect(page.get_by_role("table", name="Review queue")).to_be_visible()
        context.close()
    assert "query" not in body
    assert body["operationName"] == "AppViewer"
    assert "sha256:" + body["extensions"]["persistedQuery"]["sha256Hash"] in manifest
    assert guard.foreign == []


def test_retired_suid_field_and_the_retired_records_side_by_side(session, base):
    lea = session(MESA_USER)
    find_records(lea, "1002399120")  # Diego Montoya, replacement SUID of retired 1002345768
    form = lea.get_by_role("form", name="Insert credits")
    expect(form.get_by_label("Retired SUID")).to_have_count(0)
    form.get_by_label("Reason").select_option("RETIRED_SUID")
    form.get_by_label("Course").select_option("12050010")
    form.get_by_label("Credits").fill("1")
    form.get_by_label("Retired SUID").fill("1002345768")
    form.get_by_label("Justification").fill("Credit earned under the retired SUID")
    lea.get_by_role("button", name="Submit request").click()
    expect(lea.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW")

    reviewer = session(REVIEWER, lea.url.removeprefix(base))
    retired = reviewer.get_by_role("region", name=re.compile("retired SUID 1002345768"))
    expect(retired).to_contain_text("Tucson High Magnet School")
    expect(retired).to_contain_text("FY2025")
    check_accessibility(reviewer, "retired-suid-records")


def test_a_top_level_error_shows_with_its_code(session):
    lea = session(MESA_USER)
    lea.get_by_role("link", name="My requests").click()
    expect(lea.get_by_role("table", name="My requests")).to_be_visible()
    lea.get_by_label("LEA ID").fill("4406")  # Tucson Unified: not this user's LEA
    expect(lea.get_by_role("alert")).to_contain_text("(FORBIDDEN)")
    check_accessibility(lea, "top-level-error")


def test_an_suid_refusal_shows_at_the_suid_and_takes_the_focus(session):
    lea = session(MESA_USER)
    find_records(lea, "1002346550", school=str(WESTWOOD))  # Natalie Reyes: left before FY2026
    form = lea.get_by_role("form", name="Insert credits")
    form.get_by_label("Credits").fill("0.5")
    form.get_by_label("Justification").fill("Spring transcript")
    expect(lea.get_by_role("list", name="Preview problems")).to_contain_text("STUDENT_EXITED")
    form.get_by_role("button", name="Submit request").click()
    # The refusal names the SUID (["input", "suid"]): it shows at the Find records form's SUID
    # control, not at the top of the Insert credits form, and focus goes there.
    suid = lea.get_by_label("SUID", exact=True)
    expect(suid).to_have_attribute("aria-invalid", "true")
    expect(suid).to_be_focused()
    error = lea.locator("#" + suid.get_attribute("aria-describedby"))
    expect(error).to_contain_text("left secondary education")
    expect(form.get_by_role("alert")).to_have_count(0)
    expect(form.locator('[aria-invalid="true"]')).to_have_count(0)
    check_accessibility(lea, "suid-refusal-at-field")
    assert "/requests/" not in lea.url
    lea.keyboard.press("Enter")  # finding the records again: the refusal is gone
    expect(suid).not_to_have_attribute("aria-invalid", "true")
    expect(error).to_have_count(0)


def expect_filters(page, values: dict[str, str]) -> None:
    for label, value in values.items():
        expect(page.get_by_label(label, exact=True)).to_have_value(value)


def test_list_filters_stay_across_opening_a_request_back_and_reload(session, base):
    users = tokens(base)
    # At Mountain View: Liam Gallagher pending, Adrian Lopez asked for more information; at Red
    # Mountain: Olivia Tsosie pending.
    submit_by_api(base, users[MESA_USER], "1002346105", "12050090", program="12.0500")
    adrian = submit_by_api(base, users[MESA_USER], "1002346063", "51390030")
    submit_by_api(base, users[MESA_USER], "1002345776", "15040020", program="15.0400", school=79012)
    question = {"input": {"id": adrian["id"], "comment": "Which semester?"}}
    assert api(base, users[REVIEWER], ASK, question)["requestMoreInformation"]["userErrors"] == []

    reviewer = session(REVIEWER)
    queue = reviewer.get_by_role("table", name="Review queue")
    expect(queue).to_be_visible()
    chosen = {
        "Status": "PENDING_REVIEW",
        "School ID": "79013",
        "LEA ID": "4235",
        "Fiscal year": "2026",
    }
    reviewer.get_by_label("Status").select_option(chosen["Status"])
    for label in ("School ID", "LEA ID", "Fiscal year"):
        reviewer.get_by_label(label).fill(chosen[label])
    in_url = re.compile(r"\?status=PENDING_REVIEW&school=79013&lea=4235&fiscalYear=2026$")
    expect(reviewer).to_have_url(in_url)
    liam = queue.get_by_role("link", name=re.compile("Liam Gallagher"))
    expect(liam).to_be_visible()
    left_out = queue.get_by_role("link", name=re.compile("Adrian Lopez|Olivia Tsosie"))
    expect(left_out).to_have_count(0)
    shown = student_links(queue)
    liam.click()
    expect(reviewer.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW")
    for leave in (reviewer.go_back, reviewer.reload):
        leave()
        expect(reviewer).to_have_url(in_url)
        expect_filters(reviewer, chosen)
        expect(queue.locator("tbody tr td:first-child a")).to_have_text(shown)
        expect(left_out).to_have_count(0)

    lea = session(MESA_USER, "/requests")
    mine = lea.get_by_role("table", name="My requests")
    expect(mine).to_be_visible()
    lea.get_by_label("Status").select_option("MORE_INFORMATION_REQUESTED")
    lea.get_by_label("School ID").fill("79013")
    mine_url = re.compile(r"/requests\?status=MORE_INFORMATION_REQUESTED&school=79013$")
    expect(lea).to_have_url(mine_url)
    adrian_link = mine.get_by_role("link", name=re.compile("Adrian Lopez"))
    expect(adrian_link).to_be_visible()
    expect(mine.get_by_role("link", name=re.compile("Liam Gallagher"))).to_have_count(0)
    shown = student_links(mine)
    adrian_link.click()
    expect(lea.get_by_test_id("request-status")).to_have_text("MORE_INFORMATION_REQUESTED")
    lea.go_back()
    expect(lea).to_have_url(mine_url)
    expect_filters(lea, {"Status": "MORE_INFORMATION_REQUESTED", "School ID": "79013"})
    expect(mine.locator("tbody tr td:first-child a")).to_have_text(shown)
    # The menu's link is a fresh start: no filters.
    lea.get_by_role("link", name="My requests").click()
    expect_filters(lea, {"Status": "ALL", "School ID": ""})
    expect(mine.get_by_role("link", name=re.compile("Liam Gallagher"))).to_be_visible()


# --- keyboard alone ------------------------------------------------------------------------

# The focused element, its accessible name (label, aria-label or text) and whether its focus
# is visible: an outline or a box shadow.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  const label = e.labels && e.labels.length ? e.labels[0].textContent : null;
  return {
    id: e.id,
    name: (e.getAttribute('aria-label') || label || e.textContent || '').trim(),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
  };
}"""


def tab_to(page, name: str | re.Pattern, *, back: bool = False, limit: int = 60) -> dict:
    """Presses Tab (Shift+Tab with `back`) until the focused element is named `name` (at
    once if it already is). Every element focused on the way must show its focus (an
    outline or a box shadow)."""

    def named(focused: dict | None) -> bool:
        found = focused["name"] if focused else ""
        return bool(name.search(found) if isinstance(name, re.Pattern) else found == name)

    focused = page.evaluate(FOCUSED)
    for _ in range(limit):
        if named(focused):
            return focused
        page.keyboard.press("Shift+Tab" if back else "Tab")
        focused = page.evaluate(FOCUSED)
        assert focused is not None, "Tab left the page's controls"
        assert focused["outline"] or focused["shadow"], f"no visible focus on {focused}"
    raise AssertionError(f"{name!r} cannot be reached with {'Shift+' if back else ''}Tab")


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement.id")


def follow_link(page, name: str | re.Pattern, *, back: bool = False) -> None:
    """A link of the page followed with Enter; focus then goes to the new page's content,
    whose controls are there to Tab to once it has been read (no busy line left)."""
    tab_to(page, name, back=back)
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    expect(page.locator("main#main .busy")).to_have_count(0)


def sign_in_by_keyboard(page, name: str) -> None:
    expect(page.get_by_role("button", name=name, exact=True)).to_be_visible()
    tab_to(page, name)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def choose_files_by_keyboard(page, control: str, files: list[dict]) -> None:
    """The file control reached with Tab and opened with Space (or, if headless Chromium
    drops that Space now and then, as measured here under load, with Enter, the other key
    that opens it): its chooser gets `files`. Choosers are collected from before the first
    key, so one that comes late for Space is not missed while Enter is being tried."""
    tab_to(page, control)
    choosers: list = []

    def collect(chooser) -> None:
        choosers.append(chooser)

    page.on("filechooser", collect)
    try:
        for key, seconds in (("Space", 10), ("Enter", 30)):
            page.keyboard.press(key)
            deadline = time.monotonic() + seconds
            while not choosers and time.monotonic() < deadline:
                page.wait_for_timeout(100)
            if choosers:
                break
            assert page.evaluate(FOCUSED)["name"] == control, "focus left the file control"
        assert choosers, f"neither Space nor Enter opened the chooser of {control}"
        choosers[0].set_files(files)
    finally:
        page.remove_listener("filechooser", collect)


def test_inserting_credits_with_a_transcript_by_keyboard_alone(session):
    page = session(None)
    sign_in_by_keyboard(page, MESA_USER)
    tab_to(page, "School")
    page.keyboard.type("Mountain")  # type-ahead: Mountain View High School
    expect(page.get_by_label("School")).to_have_value("79013")
    tab_to(page, "SUID")
    page.keyboard.type("1002346113")  # Zoe Martinez: Culinary II at 0.75
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("Zoe Martinez"))).to_be_visible()
    form = page.get_by_role("form", name="Insert credits")
    tab_to(page, "Course")
    page.keyboard.press("ArrowDown")
    expect(form.get_by_label("Course")).to_have_value("12050020")
    tab_to(page, "Credits")
    page.keyboard.type("0.25")
    tab_to(page, "Reason")
    page.keyboard.type("Out")  # Out-of-state transfer (already chosen: type-ahead keeps it)
    tab_to(page, "Justification")
    page.keyboard.type("Quarter credit on the Austin transcript")
    transcript = [{"name": "austin.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    choose_files_by_keyboard(page, "Transcript", transcript)
    chosen = page.get_by_role("list", name="Chosen files")
    expect(chosen).to_contain_text("austin.pdf")
    # Removing a file by keyboard leaves focus on the file control, not on the page.
    tab_to(page, "Remove austin.pdf")
    page.keyboard.press("Enter")
    expect(chosen).to_have_count(0)
    assert focused_id(page) == "f-evidence"
    choose_files_by_keyboard(page, "Transcript", transcript)
    expect(chosen).to_contain_text("austin.pdf")
    preview = page.get_by_role("region", name="Preview")
    expect(preview.get_by_role("list", name="Preview after")).to_contain_text("Concentrator: yes")
    tab_to(page, "Submit request")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW")
    expect(page.locator("main#main")).to_be_focused()  # the new page, not a lost focus
    expect(page.get_by_role("region", name="Evidence")).to_contain_text("austin.pdf")


def test_my_requests_by_keyboard_alone(session, base):
    users = tokens(base)
    asked = submit_by_api(base, users[MESA_USER], "1002346055", "51390010")  # Hannah Sorensen
    withdrawn = submit_by_api(
        base, users[MESA_USER], "1002346089", "12050020", program="12.0500"
    )  # Jacob Chee
    question = {"input": {"id": asked["id"], "comment": "Which semester was it?"}}
    assert api(base, users[REVIEWER], ASK, question)["requestMoreInformation"]["userErrors"] == []

    page = session(None)
    sign_in_by_keyboard(page, MESA_USER)
    follow_link(page, "My requests")
    mine = page.get_by_role("table", name="My requests")
    tab_to(page, "Status")
    page.keyboard.type("MORE")
    expect(page.get_by_label("Status")).to_have_value("MORE_INFORMATION_REQUESTED")
    expect(mine.get_by_role("link", name=re.compile("Jacob Chee"))).to_have_count(0)
    check_accessibility(page, "my-requests")
    follow_link(page, re.compile("Hannah Sorensen"))
    status = page.get_by_test_id("request-status")
    expect(status).to_have_text("MORE_INFORMATION_REQUESTED")
    tab_to(page, "Comment")
    page.keyboard.type("The spring semester")
    tab_to(page, "Changed credits")
    page.keyboard.type("0.5")
    scan = [{"name": "scan.png", "mimeType": "image/png", "buffer": png_bytes()}]
    choose_files_by_keyboard(page, "More files", scan)
    expect(page.get_by_role("list", name="Chosen files")).to_contain_text("scan.png")
    tab_to(page, "Provide information")
    page.keyboard.press("Enter")
    expect(status).to_have_text("PENDING_REVIEW")
    # The button is gone with the status: focus goes to the status line, not the page.
    expect(page.locator(".status-line")).to_be_focused()
    expect(page.get_by_role("img", name="Transcript scan.png")).to_be_visible()

    follow_link(page, "My requests", back=True)
    tab_to(page, "Status")
    page.keyboard.type("PENDING")
    expect(page.get_by_label("Status")).to_have_value("PENDING_REVIEW")
    # The list is read again for the new filter: its links are there to Tab to once it is.
    expect(mine.get_by_role("link", name=re.compile("Jacob Chee"))).to_be_visible()
    follow_link(page, re.compile("Jacob Chee"))
    assert page.url.endswith(withdrawn["id"])
    # Tab only once the request is shown: while it loads, main holds nothing to Tab to.
    expect(status).to_have_text("PENDING_REVIEW")
    tab_to(page, "Withdraw")
    page.keyboard.press("Space")
    expect(status).to_have_text("WITHDRAWN")
    expect(page.locator(".status-line")).to_be_focused()


def test_the_reviewer_queue_by_keyboard_alone(session, base):
    users = tokens(base)
    # Carlos Duran, Brianna Thompson, Mia Acosta: Robotics at Westwood.
    for suid, course in (
        ("1002346501", "15040020"),
        ("1002346519", "15040010"),
        ("1002346535", "15040020"),
    ):
        submit_by_api(base, users[MESA_USER], suid, course, program="15.0400", school=WESTWOOD)
    page = session(None)
    sign_in_by_keyboard(page, REVIEWER)
    queue = page.get_by_role("table", name="Review queue")

    def open_from_queue(student: str, left: int) -> None:
        tab_to(page, "School ID")
        page.keyboard.type(str(WESTWOOD))
        expect(queue.locator("tbody tr")).to_have_count(left)
        follow_link(page, re.compile(student))
        expect(page.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW")

    status = page.get_by_test_id("request-status")
    open_from_queue("Carlos Duran", 3)
    tab_to(page, "Comment")
    page.keyboard.type("Transcript checked")
    tab_to(page, "Approve")
    page.keyboard.press("Enter")
    expect(status).to_have_text("APPROVED")
    expect(page.locator(".status-line")).to_be_focused()

    follow_link(page, "Review queue", back=True)
    open_from_queue("Brianna Thompson", 2)
    tab_to(page, "Reject")
    page.keyboard.press("Enter")  # without a comment: refused at the comment, focus goes there
    comment = page.get_by_label("Comment")
    expect(comment).to_have_attribute("aria-invalid", "true")
    expect(comment).to_be_focused()
    page.keyboard.type("Already counted elsewhere")
    tab_to(page, "Rejection reason")
    page.keyboard.type("NOT")
    expect(page.get_by_label("Rejection reason")).to_have_value("NOT_NECESSARY")
    tab_to(page, "Reject")
    page.keyboard.press("Enter")
    expect(status).to_have_text("REJECTED")
    expect(page.get_by_role("region", name="History")).to_contain_text("Already counted")

    follow_link(page, "Review queue", back=True)
    open_from_queue("Mia Acosta", 1)
    tab_to(page, "Comment")
    page.keyboard.type("Which semester?")
    tab_to(page, "Request more information")
    page.keyboard.press("Enter")
    expect(status).to_have_text("MORE_INFORMATION_REQUESTED")
    expect(page.locator(".status-line")).to_be_focused()


def test_placement_survey_and_fiscal_calendar_by_keyboard_alone(session):
    page = session(None)
    sign_in_by_keyboard(page, ADMIN)
    follow_link(page, "Placement survey")
    tab_to(page, "Fiscal year")
    page.keyboard.type("2026")
    tab_to(page, "School ID")
    page.keyboard.type(RED_MOUNTAIN)
    table = page.get_by_role("table", name="Placement survey list")
    expect(table).to_contain_text("Nguyen")
    expect(table).not_to_contain_text("Gutierrez")  # Tucson High, filtered out
    tab_to(page, "Download CSV")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    csv = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("1002345800,Emily,Nguyen,79012") for line in csv[1:])
    assert not any(",Gutierrez," in line for line in csv)

    follow_link(page, "Fiscal calendar", back=True)
    tab_to(page, "Fiscal year")
    page.keyboard.type("2030")
    tab_to(page, "Preliminary records created on")
    page.keyboard.type("10012029")
    tab_to(page, "Final records created on")
    page.keyboard.type("09012029")  # before the preliminary records: refused at this field
    tab_to(page, "Save dates")
    page.keyboard.press("Enter")
    final = page.get_by_label("Final records created on")
    expect(final).to_have_attribute("aria-invalid", "true")
    expect(final).to_be_focused()
    error = page.locator("#" + final.get_attribute("aria-describedby"))
    expect(error).to_contain_text("before")
    check_accessibility(page, "fiscal-calendar-refusal")
    page.keyboard.type("03022030")
    expect(final).to_have_value("2030-03-02")
    tab_to(page, "Save dates")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="FY2030 saved.")).to_be_visible()


# --- lists longer than a page --------------------------------------------------------------

QUEUED = 104  # requests in the crowded queue at first; one student more is kept for later
GRADUATES = 103  # on the placement survey list besides the sample's own

REJECT = """mutation ($input: RejectChangeRequestInput!) {
  rejectChangeRequest(input: $input) { changeRequest { status } userErrors { code } }
}"""


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """A service with more than 100 open requests and placement survey students; yields its
    address and the requests, oldest first."""
    tmp = tmp_path_factory.mktemp("crowded")
    data = crowded_data(tmp / "data", queue=QUEUED + 1, graduates=GRADUATES)
    with served_app(tmp, data=data) as url:
        token = tokens(url)[MESA_USER]
        queued = [queue_request(url, token, i) for i in range(QUEUED)]
        yield url, queued


def queue_request(base: str, token: str, i: int) -> dict:
    """A request for "Queue Student <i>" (crowded_data) at Westwood."""
    suid = str(QUEUE_SUID + i)
    return submit_by_api(base, token, suid, "15040010", program="15.0400", school=WESTWOOD)


def student_links(queue) -> list[str]:
    return queue.locator("tbody tr td:first-child a").all_inner_texts()


def test_the_queue_pages_past_100_and_stays_live_across_pages(browser, crowded):
    base, queued = crowded
    users = tokens(base)
    with sessions(browser, base) as open_as:
        page = open_as(REVIEWER)
        queue = page.get_by_role("table", name="Review queue")
        expect(queue.locator("caption")).to_have_text(f"100 of {QUEUED} request(s), oldest first")
        shown = student_links(queue)
        assert len(shown) == 100 and shown[0].startswith("Queue Student 000")
        assert shown[-1].startswith("Queue Student 099")

        # Decided on the first page: it leaves, the next one moves up, the count follows.
        rejected = {"input": {"id": queued[0]["id"], "reason": "OTHER", "comment": "Duplicate"}}
        assert (
            api(base, users[REVIEWER], REJECT, rejected)["rejectChangeRequest"]["userErrors"] == []
        )
        expect(queue.locator("caption")).to_have_text(
            f"100 of {QUEUED - 1} request(s), oldest first"
        )
        expect(queue.get_by_role("link", name=re.compile("Queue Student 000"))).to_have_count(0)
        assert student_links(queue)[-1].startswith("Queue Student 100")

        # "Load more", by keyboard: the rest, once each; focus stays on the list's count.
        page.get_by_role("button", name="Load more").focus()
        page.keyboard.press("Enter")
        expect(queue.locator("tbody tr")).to_have_count(QUEUED - 1)
        expect(page.get_by_role("button", name="Load more")).to_have_count(0)
        expect(page.locator(".load-more p")).to_be_focused()
        expect(page.locator(".load-more p")).to_have_text(
            f"Showing {QUEUED - 1} of {QUEUED - 1} requests."
        )

        # A new request appears at the end without a reload; one decided on the second
        # page leaves; none is ever shown twice.
        queue_request(base, users[MESA_USER], QUEUED)
        expect(queue.locator("tbody tr")).to_have_count(QUEUED)
        links = student_links(queue)
        assert links[-1].startswith(f"Queue Student {QUEUED:03d}")
        assert len(set(links)) == len(links)
        rejected = {"input": {"id": queued[102]["id"], "reason": "OTHER", "comment": "Duplicate"}}
        assert (
            api(base, users[REVIEWER], REJECT, rejected)["rejectChangeRequest"]["userErrors"] == []
        )
        expect(queue.get_by_role("link", name=re.compile("Queue Student 102"))).to_have_count(0)
        links = student_links(queue)
        assert len(links) == QUEUED - 1 == len(set(links))
        expect(queue.locator("caption")).to_have_text(f"{QUEUED - 1} request(s), oldest first")
        check_accessibility(page, "review-queue-paged")


def test_the_placement_survey_list_pages_past_100_and_its_csv_has_every_page(browser, crowded):
    base, _ = crowded
    with sessions(browser, base) as open_as:
        page = open_as(ADMIN, "/placement-survey")
        table = page.get_by_role("table", name="Placement survey list")
        caption = table.locator("caption")
        expect(caption).to_have_text(re.compile(r"^100 of \d+ student\(s\)$"))
        total = int(caption.inner_text().split(" of ")[1].split()[0])
        assert total > GRADUATES  # the sample's own and the crowd
        with page.expect_download() as download:
            page.get_by_role("button", name="Download CSV").click()
        csv = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
        assert len(csv) == total + 1  # every page, not only the one shown
        suids = [line.split(",")[0] for line in csv[1:]]
        assert len(set(suids)) == total
        assert str(GRADUATE_SUID + GRADUATES - 1) in suids
        expect(table.locator("tbody tr")).to_have_count(total)  # read for the CSV, shown too
        expect(caption).to_have_text(f"{total} student(s)")

        page.get_by_label("School ID").fill(str(WESTWOOD))
        expect(caption).to_have_text(re.compile(r"^100 of \d+ student\(s\)$"))
        page.get_by_role("button", name="Load more").click()
        expect(page.get_by_role("button", name="Load more")).to_have_count(0)
        rows = table.locator("tbody tr")
        assert rows.count() == int(caption.inner_text().split()[0]) >= GRADUATES
        check_accessibility(page, "placement-survey-paged")


def test_a_long_upload_shows_how_much_is_sent(session):
    lea = session(MESA_USER)
    find_records(lea, "1002346097", school="79013")  # Valeria Soto: Culinary I at 0.7
    form = lea.get_by_role("form", name="Insert credits")
    form.get_by_label("Credits").fill("0.3")
    form.get_by_label("Justification").fill("A scanned transcript of 3 MB")
    scan = pdf_bytes() + b"%" + b"0" * 3_000_000 + b"\n"  # a comment after %%EOF: still a PDF
    lea.get_by_label("Transcript").set_input_files(
        files=[{"name": "scan.pdf", "mimeType": "application/pdf", "buffer": scan}]
    )
    expect(lea.get_by_role("list", name="Chosen files")).to_contain_text("scan.pdf")
    # A slow line (1 MB/s up): the upload takes seconds, and the page says how far it is.
    network = lea.context.new_cdp_session(lea)
    network.send("Network.enable")
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 1e6},
    )
    lea.get_by_role("button", name="Submit request").click()
    progress = lea.get_by_role("progressbar", name="Upload")
    expect(progress).to_be_visible()
    expect(lea.get_by_text(re.compile(r"[\d.]+ of 3\.\d MB sent"))).to_be_visible()
    check_accessibility(lea, "upload-progress")
    expect(lea.get_by_test_id("request-status")).to_have_text("PENDING_REVIEW", timeout=30_000)
    expect(progress).to_have_count(0)
    expect(lea.get_by_role("region", name="Evidence")).to_contain_text("scan.pdf")

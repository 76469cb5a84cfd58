"""Browser journeys: Playwright driving Debian's Chromium against a live server.

Every page a journey visits is checked with axe-core; a serious or critical
violation fails the journey. The page's real Content Security Policy stays on.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the live server's ORM
# calls happen in its own thread, and the test's own ORM set-up is synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
CHROMIUM = os.environ.get("HEDGEROW_CHROMIUM", "/usr/bin/chromium")
BLOCKING_IMPACTS = {"serious", "critical"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# What Chromium says when a navigation replaces the document under a running script.
NAVIGATION_SIGNS = (
    "Execution context was destroyed",
    "reading 'documentElement'",
    "axe is not defined",
)
NAVIGATION_RETRIES = 3


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make chromium` "
            "(Debian package chromium) or set HEDGEROW_CHROMIUM."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-gpu",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) per test; fails on CSP violations."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert not page.csp_violations, page.csp_violations


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.x A/AA rules) on the page; return serious/critical ones."""
    results = _axe_results(page)
    blocking = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        nodes = [n for n in violation["nodes"] if not _govuk_known_issue(violation, n)]
        if nodes:
            blocking.append({**violation, "nodes": nodes})
    return blocking


def _axe_results(page) -> dict:
    """axe-core's results for the page the browser has settled on.

    A click that submits a form returns once the navigation has begun, so on a
    busy machine the old document can be torn down while axe walks it. The check
    then waits for the new page to load and runs on that one, which is the page
    the journey means to check; any other error still fails the journey.
    """
    for _ in range(NAVIGATION_RETRIES - 1):
        try:
            return _run_axe(page)
        except PlaywrightError as error:
            if not any(sign in str(error) for sign in NAVIGATION_SIGNS):
                raise
    return _run_axe(page)


def _run_axe(page) -> dict:
    page.wait_for_load_state("load")
    # evaluate() runs through the DevTools protocol, so the page's CSP (no inline
    # script) stays in force for the page itself.
    page.evaluate(AXE_SOURCE)
    results: dict = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return results


def _govuk_known_issue(violation: dict, node: dict) -> bool:
    """GOV.UK Frontend's conditionally revealing radios and checkboxes.

    Its script sets aria-expanded on the input that reveals a conditional field, which
    axe's aria-allowed-attr rule flags. GOV.UK keeps it on purpose: screen readers
    announce the expanded state, which user research found helpful
    (alphagov/govuk-frontend issues 979 and 2823). Only that exact case is excused.
    """
    html = node.get("html", "")
    return (
        violation["id"] == "aria-allowed-attr"
        and html.startswith("<input")
        and ('type="radio"' in html or 'type="checkbox"' in html)
        and "aria-controls=" in html
        and "aria-expanded=" in html
    )


@pytest.fixture
def assert_accessible():
    """Call with a page: fails listing every serious or critical axe violation."""
    visited: list[str] = []

    def check(page) -> None:
        violations = axe_violations(page)
        visited.append(page.url)
        assert not violations, "\n".join(
            f"{page.url}: {v['id']} ({v['impact']}): {v['help']} "
            f"— {[node['target'] for node in v['nodes']]}"
            for v in violations
        )

    check.visited = visited
    return check

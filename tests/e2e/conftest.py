"""Browser fixtures: Playwright (Python) driving Debian's Chromium against the live server.

A missing browser skips these tests on a developer's machine; under CI=true or
REQUIRE_BROWSER=true it fails them. A failing test leaves a screenshot in
test-artifacts/.

``assert_accessible(page, name)`` audits the page as it stands with axe-core (the npm
package pinned in package.json; ``make test`` installs it into node_modules/). Its
findings for every page are written to test-artifacts/axe/<name>.json.
"""

import functools
import json
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import require
from exchange_portal.env import env_bool

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def _browser_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def browser():
    if env_bool("REQUIRE_BROWSER", False) and not _browser_available():
        pytest.fail(f"REQUIRE_BROWSER is set but no Chromium at {CHROMIUM}")
    require(_browser_available(), f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def page(request, browser, live_server, settings):
    """A fresh browser context and page; base_url is the live server."""
    settings.SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def language_cookie(page, language: str) -> dict:
    """The language cookie of the portal for the whole site (a choice made in the language switch)."""
    from django.conf import settings

    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(page.url))
    return {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": origin}


def login(page, email: str, password: str = "exchange-demo-2017", *, language: str | None = "en") -> None:
    """Log in through the real login form.

    ``language``: the language already chosen in this browser (its cookie), which the login keeps; most
    journeys read English whatever the demo person prefers. None: nothing chosen, so the account's
    choice or the person's preferred language decides (``core.i18n.login_language``).
    """
    page.goto("/accounts/login/")
    if language is not None:
        page.context.add_cookies([language_cookie(page, language)])
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def sign_in(page, email: str, *, language: str = "en") -> None:
    """Signed in as ``email`` without the login form: for journeys about something else.

    The login form has journeys of its own (``login`` in test_smoke, test_language, test_agenda and
    test_open_data, and the form itself in test_builder and test_first_run); a journey that only needs someone
    signed in gets a session made as Django's test client makes one, and the cookies the form's login would
    leave: the session's and the language's (``language``, the choice already made in this browser, unless the
    account has its own, as ``core.i18n.login_language`` decides). Two page loads fewer than ``login`` (the form
    and its answer): about 0.6 s of the browser's CPU each time.
    """
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client, RequestFactory

    from core.i18n import login_language

    user = get_user_model().objects.get(email=email)
    client = Client()
    client.force_login(user)
    browser_before = RequestFactory().get("/", HTTP_COOKIE=f"{settings.LANGUAGE_COOKIE_NAME}={language}")
    origin = settings.SITE_URL.rstrip("/") + "/"
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    chosen = login_language(browser_before, user) or language
    page.context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": origin},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": chosen, "url": origin},
        ]
    )


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def _require_axe() -> None:
    if env_bool("REQUIRE_BROWSER", False) and not AXE.exists():
        pytest.fail(f"REQUIRE_BROWSER is set but axe-core is not installed at {AXE}: run `make test` (npm ci)")
    require(AXE.exists(), f"axe-core not installed at {AXE}: `make test` installs it with npm")


def axe_violations(page) -> list[dict]:
    """Every WCAG 2.x A/AA violation axe-core finds in the page as it stands (any impact)."""
    _require_axe()
    # The page's style sheets first: measured before they apply, links and buttons have their bare sizes
    # and axe reports target-size on a page that has none (seen in CI on a busy machine).
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, as a console would: the portal's Content Security Policy
        # (script-src 'self') stays on while the audit runs, and the audit tool is never served by the portal.
        # (A Playwright route that served it from the page's origin sent every request of every page through
        # the driver and switched Chromium's HTTP cache off: each page load fetched every script again.)
        page.evaluate(_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def assert_accessible(page, name: str) -> None:
    """No serious or critical WCAG 2.2 A/AA violation on the page; all findings go to test-artifacts/axe/."""
    violations = axe_violations(page)

    folder = ARTIFACTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    summary = [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]],
        }
        for violation in violations
    ]
    (folder / f"{name}.json").write_text(json.dumps({"url": page.url, "violations": summary}, indent=2))
    blocking = [item for item in summary if item["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core: {name} ({page.url}) has serious or critical violations: " + json.dumps(
        blocking, indent=2, ensure_ascii=False
    )

"""Open data in a real browser: the JSON-LD of a public page under the Content Security Policy."""

import pytest
from django.urls import reverse

from exchanges.models import Exchange
from tests.e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_json_ld_block_breaks_no_content_security_policy_in_a_browser(page, demo):
    """A JSON-LD data block is not a script the browser runs: Chromium reports no CSP violation for it."""
    Exchange.objects.filter(pk=demo.pk).update(is_public=True)
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"
    )

    page.goto(reverse("exchanges:detail", args=[demo.slug]))
    page.wait_for_load_state("load")

    violations_of_the_page = page.evaluate("window.__violations")
    csp_messages = [text for text in messages if "Content Security Policy" in text]
    # The listener does hear violations: an inline script added now is refused and reported.
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = '1'; document.body.append(s); }")
    page.wait_for_function("() => window.__violations.length > 0")

    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert violations_of_the_page == [] and csp_messages == []
    assert page.evaluate("window.__violations")[0].startswith("script-src")


def test_a_coordinator_makes_a_token_reads_the_api_with_it_and_revokes_it(page, demo, live_server):
    login(page, "coordinator@example.org")

    page.get_by_role("link", name="API tokens").click()
    assert_accessible(page, "api-tokens")
    page.get_by_label("Name").fill("Website feed")
    page.get_by_role("button", name="Make the token").click()
    secret = page.locator(".token-secret__value").inner_text()
    api = page.request.get(
        f"{live_server.url}/api/v1/exchanges/{demo.slug}/", headers={"Authorization": f"Bearer {secret}"}
    )
    page.reload()
    shown_again = page.locator(".token-secret__value").count()
    page.get_by_role("link", name="Revoke Website feed").click()
    page.get_by_role("button", name="Revoke").click()
    refused = page.request.get(
        f"{live_server.url}/api/v1/exchanges/{demo.slug}/", headers={"Authorization": f"Bearer {secret}"}
    )

    assert api.status == 200 and api.json()["slug"] == demo.slug
    assert shown_again == 0
    assert refused.status == 401
    assert page.get_by_text("revoked: it no longer opens the API").is_visible()


def test_the_api_documentation_page_is_accessible(page, db):
    page.goto(reverse("open_data:docs"))

    assert page.get_by_role("heading", name="Exchange Portal API").is_visible()
    assert page.get_by_role("link", name="GET /api/v1/exchanges/{slug}/sessions/").count() == 1
    assert_accessible(page, "api-docs")

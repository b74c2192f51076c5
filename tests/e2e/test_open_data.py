"""Open data in a real browser: the JSON-LD of a public page under the Content Security Policy."""

import pytest
from django.urls import reverse

from exchanges.models import Exchange

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
    page.wait_for_function("window.__violations.length > 0")

    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert violations_of_the_page == [] and csp_messages == []
    assert page.evaluate("window.__violations")[0].startswith("script-src")

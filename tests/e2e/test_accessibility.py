"""The accessibility audit itself: axe-core runs in our pages, under their Content Security Policy, and
reports what it should. (Each journey audits its pages with ``assert_accessible``.)"""

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_audit_reports_a_field_whose_label_is_gone(page):
    page.goto("/accounts/login/")
    assert axe_violations(page) == []

    page.evaluate(
        "() => { document.querySelector('label[for=id_login]').remove();"
        " document.getElementById('id_login').removeAttribute('placeholder'); }"
    )

    found = {(violation["id"], violation["impact"]) for violation in axe_violations(page)}
    assert ("label", "critical") in found


def test_page_keeps_its_content_security_policy_while_audited(page):
    response = page.goto("/accounts/login/")
    axe_violations(page)

    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.evaluate("() => typeof window.axe.run") == "function"

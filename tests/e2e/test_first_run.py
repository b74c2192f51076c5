"""A first run as a new staff member would try it: log in from the home page, land on the dashboard, start an
exchange; the development banner about two-factor authentication; the agenda's PDF."""

import pytest

from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_log_in_from_home_land_on_the_dashboard_and_start_an_exchange(page, demo, settings):
    settings.DEBUG = True  # a development run: MFA not enforced, the banner says production requires it
    settings.MFA_REQUIRED_FOR_STAFF = False
    page.goto("/")
    page.get_by_role("link", name="Log in", exact=True).click()
    page.get_by_label("Email").fill("staff@example.org")
    page.get_by_label("Password", exact=True).fill("exchange-demo-2017")

    page.get_by_role("button", name="Log in").click()

    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", name="Programme dashboard").is_visible()
    assert page.get_by_text("Production requires it for every staff account.").is_visible()
    assert_accessible(page, "dashboard with the MFA banner")
    page.get_by_role("link", name="New exchange").click()
    page.wait_for_url("**/exchanges/new/")
    assert page.get_by_role("heading", name="New exchange").is_visible()


def test_agenda_pdf_of_a_delegation_is_made_and_offered_for_download(page, demo):
    sign_in(page, "delegate@example.org")
    page.goto("/exchanges/dakar-montreal-2017/agenda/")
    page.get_by_label("Show the sessions of").select_option(label="Dakar delegation")
    page.get_by_role("button", name="Show", exact=True).click()

    page.get_by_role("button", name="Download PDF (Dakar delegation)").click()

    link = page.locator("#render-job").get_by_role("link", name="Download PDF")
    link.wait_for()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "dakar-montreal-2017-agenda-dakar-en.pdf"

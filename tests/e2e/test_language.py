import pytest
from django.contrib.auth import get_user_model

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_delegate_whose_person_prefers_french_reads_the_portal_in_french_after_login(page, demo):
    page.goto("/")
    assert page.get_by_role("link", name="Home").is_visible()  # the browser asks for English

    login(page, "delegate@example.org", language=None)  # Maye Seck's person record prefers French

    page.goto("/exchanges/dakar-montreal-2017/agenda/")
    assert page.get_by_role("navigation", name="Principal").get_by_role("link", name="Mon programme").is_visible()
    assert page.get_by_text("lundi 16 octobre 2017").is_visible()
    assert page.get_by_text("Les heures sont celles de Montréal").is_visible()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert get_user_model().objects.get(email="delegate@example.org").language == ""  # still no choice of theirs


def test_language_chosen_in_the_switch_survives_a_new_login_over_the_persons_french(page, demo):
    login(page, "delegate@example.org", language=None)
    assert page.get_by_role("link", name="Mon programme").is_visible()

    page.get_by_label("Langue").select_option(label="English")
    page.get_by_role("button", name="Changer").click()

    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name="Home").is_visible()
    assert nav.get_by_role("link", name="My agenda").is_visible()
    assert get_user_model().objects.get(email="delegate@example.org").language == "en"

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("banner").get_by_role("link", name="Log in").wait_for()
    # Forget the browser's language cookie too: after logging in again, the account alone says English.
    page.context.clear_cookies()
    login(page, "delegate@example.org", language=None)

    page.goto("/exchanges/dakar-montreal-2017/agenda/")
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="My agenda").is_visible()
    assert page.get_by_text("Monday 16 October 2017").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"

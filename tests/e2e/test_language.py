import pytest
from django.contrib.auth import get_user_model

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_language_switch_turns_the_portal_french_and_the_choice_survives_a_new_login(page, demo):
    login(page, "delegate@example.org")
    assert page.get_by_role("link", name="My agenda").is_visible()

    page.get_by_label("Language").select_option(label="Français")
    page.get_by_role("button", name="Change").click()

    nav = page.get_by_role("navigation", name="Principal")
    assert nav.get_by_role("link", name="Accueil").is_visible()
    assert nav.get_by_role("link", name="Mon programme").is_visible()
    assert get_user_model().objects.get(email="delegate@example.org").language == "fr"

    page.get_by_role("button", name="Se déconnecter").click()
    page.get_by_role("link", name="Se connecter").wait_for()  # logged out, still French by the cookie
    # Forget the browser's language cookie too: after logging in again, the account alone says French.
    page.context.clear_cookies()
    page.goto("/")
    assert page.get_by_role("link", name="Home").is_visible()

    login(page, "delegate@example.org")

    page.goto("/exchanges/dakar-montreal-2017/agenda/")
    assert page.get_by_role("navigation", name="Principal").get_by_role("link", name="Mon programme").is_visible()
    assert page.get_by_text("lundi 16 octobre 2017").is_visible()
    assert page.get_by_text("Les heures sont celles de Montréal").is_visible()
    assert page.locator("html").get_attribute("lang") == "fr"

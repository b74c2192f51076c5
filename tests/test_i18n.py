import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_language_switch_sets_a_cookie_for_visitors(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert client.get("/").wsgi_request.LANGUAGE_CODE == "fr"


def test_language_switch_is_stored_on_the_account_and_the_person(client):
    user = UserFactory()
    person = PersonFactory(user=user, language="en")
    client.force_login(user)

    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    user.refresh_from_db()
    person.refresh_from_db()
    assert (user.language, person.language) == ("fr", "fr")


def test_stored_language_wins_over_the_browser_after_logging_in_again(client):
    user = UserFactory(language="fr")

    login = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert login.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert response.wsgi_request.LANGUAGE_CODE == "fr"
    assert "Accueil" in response.content.decode()


def test_accept_language_is_followed_when_nothing_was_chosen(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9")

    assert response.wsgi_request.LANGUAGE_CODE == "fr"


def test_unknown_language_is_ignored(client):
    user = UserFactory()
    client.force_login(user)

    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})

    assert get_user_model().objects.get(pk=user.pk).language == ""


def test_person_language_gives_french_after_login_when_nothing_was_chosen(client):
    user = UserFactory()
    PersonFactory(user=user, language="fr")

    login = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert login.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert response.wsgi_request.LANGUAGE_CODE == "fr"
    assert "Accueil" in response.content.decode() and "Se déconnecter" in response.content.decode()
    assert get_user_model().objects.get(pk=user.pk).language == ""  # not turned into a choice


def test_account_choice_of_english_wins_over_a_french_person_record(client):
    user = UserFactory(language="en")
    PersonFactory(user=user, language="fr")

    login = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="fr")
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")

    assert login.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert response.wsgi_request.LANGUAGE_CODE == "en"
    assert "Log out" in response.content.decode() and "Se déconnecter" not in response.content.decode()


def test_language_chosen_in_this_browser_before_login_is_kept(client):
    user = UserFactory()
    PersonFactory(user=user, language="fr")
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})

    login = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    response = client.get("/")

    assert settings.LANGUAGE_COOKIE_NAME not in login.cookies  # nothing new handed to the browser
    assert response.wsgi_request.LANGUAGE_CODE == "en"
    assert "Log out" in response.content.decode()


def test_person_record_left_at_the_default_does_not_override_the_browser(client):
    user = UserFactory()
    PersonFactory(user=user)  # language: the default, "en", which nobody chose

    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="fr")
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.wsgi_request.LANGUAGE_CODE == "fr"
    assert "Se déconnecter" in response.content.decode()

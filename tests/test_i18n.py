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

"""The friendly 404 and 500 pages (templates/404.html, templates/500.html)."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error


@pytest.mark.django_db
def test_404_page_says_what_to_do(client):
    response = client.get("/exchanges/no-such-exchange/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and "Go to the home page" in page


def test_500_page_is_friendly_and_needs_no_database():
    # No django_db mark: pytest-django makes any query of this test raise.
    response = server_error(RequestFactory().get("/"))

    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in page and "Nothing you entered before this page was lost" in page
    assert 'href="/"' in page


@pytest.mark.django_db
def test_a_host_the_portal_does_not_serve_gets_the_400_page_not_a_500(client):
    # Refused by CommonMiddleware before AuthenticationMiddleware: the 400 page is drawn for a request with no user.
    response = client.get("/", HTTP_HOST="portal.attacker.example")

    assert response.status_code == 400
    assert "This address cannot be read" in response.content.decode()

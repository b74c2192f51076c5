"""The one pagination include: links keep the address's other parameters, and it is accessible in both languages."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from tests.factories import CityFactory, OrganisationFactory


def _render(query, number, *, count=45, per_page=20, language="en"):
    request = RequestFactory().get("/anything/", query)
    request.user = AnonymousUser()
    page = Paginator(range(count), per_page).get_page(number)
    with translation.override(language):
        return render_to_string("includes/pagination.html", {"page": page}, request=request)


def _links(html):
    return {rel: href for href, rel in re.findall(r'href="([^"]*)" rel="(prev|next)"', html)}


def test_pagination_links_change_only_the_page_and_keep_search_and_filters():
    html = _render({"q": "Lisbon & co", "kind": "organisations", "page": "2"}, 2)

    assert _links(html) == {
        "prev": "?q=Lisbon+%26+co&amp;kind=organisations&amp;page=1",
        "next": "?q=Lisbon+%26+co&amp;kind=organisations&amp;page=3",
    }


def test_pagination_is_a_labelled_nav_naming_the_current_page():
    first, last = _render({}, 1), _render({}, 3)

    assert '<nav class="pagination no-print" aria-label="Pages">' in first
    assert '<span aria-current="page">Page 1 of 3</span>' in first
    assert 'rel="prev"' not in first and _links(first) == {"next": "?page=2"}
    assert 'rel="next"' not in last and _links(last) == {"prev": "?page=2"}


def test_pagination_speaks_french():
    html = _render({"page": "2"}, 2, language="fr")

    assert 'aria-label="Pages"' in html
    assert "Page 2 sur 3" in html and ">Précédente</a>" in html and ">Suivante</a>" in html


def test_pagination_is_absent_when_everything_fits_on_one_page():
    assert _render({"q": "x"}, 1, count=20).strip() == ""


@pytest.mark.django_db
def test_organisation_list_second_page_link_keeps_the_search(client, staff_user):
    city = CityFactory(name="Lisbon")
    for index in range(30):
        OrganisationFactory(city=city, name=f"Lisbon association {index:02d}")
    client.force_login(staff_user)

    first = client.get("/organisations/", {"q": "association"}).content.decode()
    second = client.get("/organisations/", {"q": "association", "page": 2}).content.decode()

    assert 'href="?q=association&amp;page=2" rel="next"' in first
    assert "Lisbon association 29" in second and 'href="?q=association&amp;page=1" rel="prev"' in second

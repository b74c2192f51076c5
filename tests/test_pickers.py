"""Create where needed and pick by typing (issue 17, items 1 and 2), without JavaScript and at the server.

The browser journeys (dialogs, Tom Select, axe, keyboard) are in tests/e2e/test_pickers.py. Here: a "New …" link
beside each field that needs it; a create page opened from it returns to the form with the new record chosen
(``next`` validated, ``field``); the htmx dialog's answers; the city form; the pickers' order (the exchange's
cities first) and their JSON search, which obeys the directory's privacy.
"""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cities.models import City
from exchanges.models import Venue
from participants.models import Person
from tests.factories import (
    CityFactory,
    CoordinatorFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _login(client, email):
    client.force_login(get_user_model().objects.get(email=email))


def _links(page: str) -> dict[str, str]:
    """The "New …" links of a page: their words and where they go."""
    found = re.findall(r'<a class="[^"]*create-link" href="([^"]+)"[^>]*>([^<]+)</a>', page)
    return {text: href.replace("&amp;", "&") for href, text in found}


def test_session_form_offers_a_new_venue_person_and_organisation_that_return_to_it(client, demo):
    _login(client, "staff@example.org")
    add = reverse("exchanges:session_add", kwargs={"slug": demo.slug}) + "?day=2017-10-23"

    links = _links(client.get(add).content.decode())

    assert set(links) == {"New venue or site", "New person", "New organisation"}
    venue = parse_qs(urlsplit(links["New venue or site"]).query)
    assert urlsplit(links["New venue or site"]).path == reverse("exchanges:venue_create")
    assert venue == {"city": [str(demo.host_city_id)], "next": [add], "field": ["venue"]}
    assert parse_qs(urlsplit(links["New person"]).query)["field"] == ["presenters"]


def test_a_new_venue_without_javascript_returns_to_the_session_form_with_the_venue_chosen(client, demo):
    _login(client, "staff@example.org")
    add = reverse("exchanges:session_add", kwargs={"slug": demo.slug}) + "?day=2017-10-23"
    create = reverse("exchanges:venue_create") + "?" + f"city={demo.host_city_id}&next={add}&field=venue"
    data = {"name": "Maison du Brésil", "kind": "venue", "city": demo.host_city_id, "address": "1 rue X"}

    form = client.get(create).content.decode()
    response = client.post(create, data)
    venue = Venue.objects.get(name="Maison du Brésil")
    back = client.get(response["Location"]).content.decode()

    assert f'<option value="{demo.host_city_id}" selected>' in form  # the exchange's host city, chosen
    assert response.status_code == 302
    assert response["Location"] == add.replace("?day=2017-10-23", f"?day=2017-10-23&venue={venue.pk}")
    assert _selected(back, "venue") == [str(venue.pk)]


def test_a_new_person_without_javascript_is_added_to_the_presenters_already_chosen(client, demo):
    _login(client, "staff@example.org")
    session = demo.sessions.filter(presenters__isnull=False).first()
    edit = reverse("exchanges:session_edit", kwargs={"slug": demo.slug, "pk": session.pk})
    before = set(session.presenters.values_list("pk", flat=True))
    create = reverse("participants:person_create") + f"?next={edit}&field=presenters"

    response = client.post(create, {"name": "Kari Nordmann", "language": "en"})
    kari = Person.objects.get(name="Kari Nordmann")
    page = client.get(response["Location"]).content.decode()

    assert response["Location"] == f"{edit}?presenters={kari.pk}"
    chosen = {int(pk) for pk in _selected(page, "presenters")}
    assert chosen == before | {kari.pk}


def _selected(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="(\d+)"[^>]*selected', select)


def test_a_next_to_another_site_is_ignored(client, demo):
    _login(client, "staff@example.org")
    create = reverse("participants:person_create") + "?next=https://evil.example.org/&field=presenters"

    page = client.get(create).content.decode()
    response = client.post(create, {"name": "Kari Nordmann", "language": "en"})

    assert 'href="https://evil.example.org' not in page  # the Cancel link stays in the portal
    assert response["Location"] == reverse(
        "participants:person_detail", kwargs={"pk": Person.objects.get(name="Kari Nordmann").pk}
    )


def test_a_create_form_in_a_dialog_answers_with_the_new_record_for_the_picker(client, demo):
    _login(client, "staff@example.org")
    create = reverse("cities:organisation_create") + "?next=/exchanges/&field=organisations"

    form = client.get(create, **HTMX).content.decode()
    invalid = client.post(create, {"organisation-kind": "ngo"}, **HTMX)
    response = client.post(
        create,
        {"organisation-name_en": "Oslo Kommune", "organisation-acronym_en": "OK", "organisation-kind": "municipal"},
        **HTMX,
    )

    assert "<html" not in form and 'hx-post="' in form and "data-dialog-close" in form
    # Its fields are prefixed: their ids must not repeat those of the form under the dialog.
    assert 'id="id_organisation-kind"' in form and 'for="id_organisation-kind"' in form
    assert invalid.status_code == 200 and "Give the name in English or in French" in invalid.content.decode()
    assert response.status_code == 204
    event = json.loads(response["HX-Trigger"])["picker-created"]
    assert event["label"] == "Oslo Kommune (OK)"
    assert event["value"].isdigit()


def test_staff_add_a_city_with_a_country_and_a_time_zone_from_lists(client, demo):
    _login(client, "staff@example.org")
    create = reverse("cities:city_create")
    data = {"name": "Oslo", "country_code": "NO", "time_zone": "Europe/Oslo", "region_en": "Northern Europe"}

    page = client.get(create).content.decode()
    wrong = client.post(create, {**data, "time_zone": "Europe/Atlantis"})
    response = client.post(create, data)
    city = City.objects.get(name="Oslo")

    assert '<option value="Europe/Oslo">Europe/Oslo</option>' in page and '<option value="LB">Lebanon</option>' in page
    assert "Select a valid choice" in wrong.content.decode()
    assert response["Location"] == city.get_absolute_url()
    assert (city.slug, city.country_en, city.country_fr, city.time_zone) == ("oslo", "Norway", "Norvège", "Europe/Oslo")
    assert city.region_en == "Northern Europe"


def test_a_city_of_a_name_already_listed_is_refused(client, demo):
    _login(client, "staff@example.org")

    response = client.post(
        reverse("cities:city_create"), {"name": "dakar", "country_code": "SN", "time_zone": "Africa/Dakar"}
    )

    assert "A city of this name is already listed." in response.content.decode()
    assert City.objects.filter(name__iexact="dakar").count() == 1


def test_new_city_is_offered_beside_the_exchange_cities_to_staff_only(client, demo):
    _login(client, "staff@example.org")
    staff_page = client.get(reverse("exchanges:exchange_create")).content.decode()
    _login(client, "coordinator@example.org")
    coordinator_page = client.get(reverse("exchanges:exchange_create")).content.decode()

    assert set(_links(staff_page)) == {"New city", "New person"}
    assert staff_page.count(">New city</a>") == 2  # the host city and the visiting cities
    assert set(_links(coordinator_page)) == {"New person"}


def test_exchange_form_comes_back_with_a_new_city_chosen(client, demo):
    _login(client, "staff@example.org")
    oslo = CityFactory(name="Oslo", slug="oslo", time_zone="Europe/Oslo")

    page = client.get(
        reverse("exchanges:exchange_create"), {"host_city": oslo.pk, "visiting_cities": [demo.host_city_id]}
    )

    assert _selected(page.content.decode(), "host_city") == [str(oslo.pk)]
    assert _selected(page.content.decode(), "visiting_cities") == [str(demo.host_city_id)]


def test_session_pickers_list_the_exchanges_cities_first(client, demo):
    _login(client, "staff@example.org")
    elsewhere = CityFactory(name="Aarhus", slug="aarhus")
    VenueFactory(name="Aarhus Rådhus", city=elsewhere)
    PersonFactory(name="Aaron Aalto", city=elsewhere)

    page = client.get(reverse("exchanges:session_add", kwargs={"slug": demo.slug})).content.decode()

    venues = page.split('name="venue"')[1].split("</select>")[0]
    people = page.split('name="presenters"')[1].split("</select>")[0]
    assert venues.index("Montréal") < venues.index(
        "Aarhus Rådhus"
    )  # Aarhus sorts first by name, but is not a city of it
    assert people.index("Seck") < people.index("Aaron Aalto")


def test_person_search_answers_json_with_the_exchanges_cities_first(client, demo):
    _login(client, "staff@example.org")
    elsewhere = CityFactory(name="Aarhus", slug="aarhus")
    PersonFactory(name="Aaron Seckström", city=elsewhere)

    plain = client.get(reverse("exchanges:person_options"), {"q": "seck", "format": "json"}).json()["results"]
    first = client.get(
        reverse("exchanges:person_options"), {"q": "seck", "format": "json", "exchange": demo.slug}
    ).json()["results"]

    assert plain[0]["text"].startswith("Aaron Seckström")
    assert first[-1]["text"].startswith("Aaron Seckström") and first[-1]["rank"] == 1
    assert {row["rank"] for row in first[:-1]} == {0}
    assert "Ville de Dakar" in first[0]["search"] or "Dakar" in first[0]["search"]


def test_person_search_obeys_the_directory_for_an_unrelated_coordinator_and_404s_outsiders(client, demo, outsider):
    unrelated = UserFactory()
    CoordinatorFactory(user=unrelated, city=CityFactory(name="Nowhere", slug="nowhere"))
    client.force_login(unrelated)
    hidden = client.get(reverse("exchanges:person_options"), {"q": "seck", "format": "json", "exchange": demo.slug})
    client.force_login(outsider)
    refused = client.get(reverse("exchanges:person_options"), {"q": "seck", "format": "json"})
    refused_organisations = client.get(reverse("exchanges:organisation_options"), {"format": "json"})

    assert hidden.json() == {"results": []}
    assert refused.status_code == 404 and refused_organisations.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        reverse("cities:city_create"),
        reverse("participants:person_create") + "?next=/&field=presenters",
        reverse("exchanges:venue_create") + "?next=/&field=venue",
        reverse("cities:organisation_create") + "?next=/&field=organisations",
    ],
)
def test_create_pages_opened_from_a_field_are_404_to_outsiders(client, demo, outsider, url):
    client.force_login(outsider)

    page, dialog = client.get(url), client.get(url, **HTMX)

    assert page.status_code == 404 and dialog.status_code == 404


def test_a_coordinator_may_not_add_a_city(client, demo):
    _login(client, "coordinator@example.org")

    response = client.post(
        reverse("cities:city_create"), {"name": "Oslo", "country_code": "NO", "time_zone": "Europe/Oslo"}
    )

    assert response.status_code == 404 and not City.objects.filter(name="Oslo").exists()


def test_member_form_comes_back_with_the_new_person_chosen(client, demo):
    _login(client, "staff@example.org")
    delegation = demo.delegations.get(city__slug="dakar")
    detail = reverse("exchanges:delegation_detail", kwargs={"slug": demo.slug, "pk": delegation.pk})
    awa = PersonFactory(name="Awa Ndiaye", city=delegation.city, organisation=OrganisationFactory(acronym="VDD"))

    page = client.get(detail, {"person": awa.pk}).content.decode()
    links = _links(page)

    assert _selected(page, "person") == [str(awa.pk)]
    assert parse_qs(urlsplit(links["New person"]).query) == {
        "city": [str(delegation.city_id)],
        "next": [detail],
        "field": ["person"],
    }


@pytest.mark.parametrize("count", [1, 20])
def test_person_search_runs_a_fixed_number_of_queries(client, demo, django_assert_num_queries, count):
    _login(client, "staff@example.org")
    city = CityFactory(name="Aarhus", slug="aarhus")
    for number in range(count):
        PersonFactory(name=f"Searched {number}", city=city, organisation=OrganisationFactory(city=city))
    url = reverse("exchanges:person_options")
    query = {"q": "Searched", "format": "json", "exchange": demo.slug, "field": "presenters"}

    # The session and its user, the coordinated cities, the exchange named, its cities, the people.
    with django_assert_num_queries(5):
        results = client.get(url, query).json()["results"]

    assert len(results) == count

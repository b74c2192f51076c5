import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cities.models import City, Initiative
from exchanges.models import Exchange
from tests.factories import (
    CityFactory,
    CoordinatorFactory,
    ExchangeFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SessionFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
MONTREAL = "/cities/montreal/"


def _login(client, email):
    client.force_login(get_user_model().objects.get(email=email))


# City profiles


def test_city_profile_shows_montreal_initiatives_to_anonymous_and_no_exchange_that_is_not_public(client, private_demo):
    page = client.get(MONTREAL).content.decode()

    assert "<h1>Montréal</h1>" in page
    assert "RÉSAL (Réseau d’échange et de soutien aux actions locales)" in page
    assert "Travailleurs de corridor" in page
    assert "Dakar–Montréal city exchange" not in page  # not public: neither named nor linked
    assert private_demo.get_absolute_url() not in page
    assert "Service de Police de la Ville de Montréal" in page
    assert '<div class="prose"><p>Montréal combines municipal social development' in page


def test_city_profile_names_and_links_a_public_exchange_to_anonymous(client, demo):
    demo.is_public = True
    demo.save(update_fields=["is_public"])

    page = client.get(MONTREAL).content.decode()

    assert f'<a href="{demo.get_absolute_url()}">Dakar–Montréal city exchange</a>' in page


def test_city_profile_links_the_exchange_for_its_delegate(client, demo):
    _login(client, "delegate@example.org")

    page = client.get("/cities/dakar/").content.decode()

    assert "Dakar Volunteer Programme" in page
    assert f'<a href="{demo.get_absolute_url()}">Dakar–Montréal city exchange</a>' in page


def test_city_profile_sanitises_markdown(client):
    city = CityFactory(profile='Hello <script>alert(1)</script> [x](javascript:alert(2)) <b onclick="y">z</b>')

    page = client.get(city.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in page
    assert 'href="javascript:' not in page
    assert "<b onclick" not in page


def test_city_profile_is_404_when_not_public(client, outsider):
    city = CityFactory(is_public=False)
    client.force_login(outsider)

    response = client.get(city.get_absolute_url())

    assert response.status_code == 404


def test_city_profile_is_404_for_a_non_member_city(client):
    city = CityFactory(is_member=False)

    response = client.get(city.get_absolute_url())

    assert response.status_code == 404


def test_city_profile_not_public_is_visible_to_its_coordinator(client):
    coordinator = CoordinatorFactory(city__is_public=False)
    client.force_login(coordinator.user)

    page = client.get(coordinator.city.get_absolute_url()).content.decode()

    assert coordinator.city.name in page
    assert "Not public" in page
    assert "Edit profile" in page


def test_city_profile_hides_draft_exchanges_from_the_public(client):
    city = CityFactory()
    ExchangeFactory(host_city=city, title="Secret draft exchange", status=Exchange.Status.DRAFT)
    ExchangeFactory(host_city=city, title="Cancelled exchange", status=Exchange.Status.CANCELLED)

    page = client.get(city.get_absolute_url()).content.decode()

    assert "Secret draft exchange" not in page
    assert "Cancelled exchange" not in page
    assert "No exchange hosted yet." in page


@pytest.mark.parametrize("count", [1, 20])
def test_city_profile_query_count_does_not_grow(client, django_assert_num_queries, count):
    city = CityFactory()
    theme = ThemeFactory()
    for index in range(count):
        organisation = OrganisationFactory(city=city, parent=OrganisationFactory(city=city))
        initiative = InitiativeFactory(city=city, lead_organisation=organisation)
        initiative.themes.add(theme)
        exchange = ExchangeFactory(host_city=city if index % 2 else CityFactory(), is_public=True)
        exchange.visiting_cities.add(CityFactory() if index % 2 else city)
        ExchangeFactory(host_city=city, is_public=False, title=f"Private exchange {index}")  # named to nobody

    # city, initiatives, their themes, organisations, exchanges, their visiting cities, which are visible, reports
    with django_assert_num_queries(9):
        response = client.get(city.get_absolute_url())

    assert response.content.decode().count('class="card__title"') == count
    assert "Private exchange" not in response.content.decode()


def test_city_edit_by_coordinator_saves_the_profile(client, demo):
    _login(client, "coordinator@example.org")

    response = client.post(
        "/cities/montreal/edit/", {"region": "North America", "languages": "French", "profile": "**New** text"}
    )

    assert response.status_code == 302
    city = City.objects.get(slug="montreal")
    assert city.profile == "**New** text"
    assert city.is_public  # staff-only field untouched by a coordinator
    assert "<strong>New</strong> text" in client.get(MONTREAL).content.decode()


def test_city_edit_shows_errors_next_to_the_field(client, staff_user, demo):
    client.force_login(staff_user)

    page = client.post("/cities/montreal/edit/", {"member_since": "not a date", "profile": "x"}).content.decode()

    assert 'class="field field--error"' in page
    assert "Enter a valid date." in page


def test_city_edit_is_404_for_another_citys_coordinator(client, demo):
    other = CoordinatorFactory()
    client.force_login(other.user)

    response = client.post("/cities/montreal/edit/", {"profile": "hijacked"})

    assert response.status_code == 404
    assert City.objects.get(slug="montreal").profile != "hijacked"


def test_city_edit_is_404_for_an_outsider_and_a_delegate(client, demo, outsider):
    for user in (outsider, get_user_model().objects.get(email="delegate@example.org")):
        client.force_login(user)

        response = client.get("/cities/montreal/edit/")

        assert response.status_code == 404


def test_city_edit_sends_anonymous_to_login(client, demo):
    response = client.get("/cities/montreal/edit/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# City list


def test_city_list_filters_by_region_country_and_theme(client, demo):
    demo.is_public = True  # the public's list finds cities by the themes of public exchanges only
    demo.save(update_fields=["is_public"])
    CityFactory(name="Oslo", country="Norway", region="Northern Europe")
    url = reverse("cities:city_list")

    by_region = client.get(url, {"region": "West Africa"}).content.decode()
    by_country = client.get(url, {"country": "Norway"}).content.decode()
    by_initiative_theme = client.get(url, {"theme": "social-cohesion"}).content.decode()
    by_exchange_theme = client.get(url, {"theme": "community-policing"}).content.decode()

    assert "Dakar" in by_region and "Montréal" not in by_region and "Oslo" not in by_region
    assert "Oslo" in by_country and "Dakar" not in by_country
    assert "Montréal" in by_initiative_theme and "Dakar</a>" not in by_initiative_theme
    assert "Montréal</a>" in by_exchange_theme and "Dakar</a>" in by_exchange_theme
    assert "Oslo" not in by_exchange_theme


def test_city_list_hides_cities_that_are_not_public(client):
    CityFactory(name="Hidden City", is_public=False)
    CityFactory(name="Open City")

    page = client.get(reverse("cities:city_list")).content.decode()

    assert "Open City" in page and "Hidden City" not in page


def test_city_list_empty_filter_says_what_to_do(client):
    CityFactory(name="Open City")

    page = client.get(reverse("cities:city_list"), {"country": "Atlantis"}).content.decode()

    assert "No city matches these filters." in page
    assert "Clear the filters" in page


def test_city_list_bad_page_number_does_not_fail(client):
    CityFactory(name="Open City")

    page = client.get(reverse("cities:city_list"), {"page": "nope"}).content.decode()

    assert "Open City" in page


@pytest.mark.parametrize("count", [1, 20])
def test_city_list_query_count_does_not_grow(client, django_assert_num_queries, count):
    for _ in range(count):
        InitiativeFactory.create_batch(2, city=CityFactory())

    # count, page of cities, their initiatives, regions, countries, themes
    with django_assert_num_queries(6):
        response = client.get(reverse("cities:city_list"))

    assert response.content.decode().count('class="card"') == count


# Initiatives


def test_initiative_page_shows_city_lead_themes_and_sessions_to_the_delegate(client, demo):
    _login(client, "delegate@example.org")

    page = client.get("/initiatives/resal/").content.decode()

    assert "Montréal" in page
    assert "Department of Social Diversity and Sports" in page
    assert "Youth" in page and "Social cohesion" in page
    assert "Roundtables with the Ville de Montréal" in page
    assert "Site visit: RÉSAL in Saint-Pierre, Lachine" in page
    assert "SPVM headquarters" not in page  # a session of the exchange that did not present RÉSAL


def test_initiative_page_hides_sessions_of_exchanges_the_viewer_may_not_see(client, private_demo, outsider):
    client.force_login(outsider)

    page = client.get("/initiatives/resal/").content.decode()

    assert "Dakar–Montréal city exchange" not in page  # not public: not even named
    assert "Roundtables with the Ville de Montréal" not in page
    assert "Site visit: RÉSAL" not in page


def test_initiative_page_is_404_when_its_city_is_not_public(client, outsider):
    initiative = InitiativeFactory(city__is_public=False)
    client.force_login(outsider)

    response = client.get(initiative.get_absolute_url())

    assert response.status_code == 404


def test_initiative_list_filters_by_theme_and_city(client, demo):
    url = reverse("cities:initiative_list")

    youth = client.get(url, {"theme": "youth"}).content.decode()
    pcve_dakar = client.get(url, {"theme": "pcve", "city": "dakar"}).content.decode()
    dakar = client.get(url, {"city": "dakar"}).content.decode()

    assert "Dakar Volunteer Programme" in youth and "Travailleurs de corridor" in youth
    assert "No initiative matches these filters." in pcve_dakar
    assert "Dakar Volunteer Programme" in dakar and "Travailleurs de corridor" not in dakar


@pytest.mark.parametrize("count", [1, 20])
def test_initiative_list_query_count_does_not_grow(client, django_assert_num_queries, count):
    city = CityFactory()
    for _ in range(count):
        InitiativeFactory(city=city, lead_organisation=OrganisationFactory(city=city)).themes.add(ThemeFactory())

    # count, page, themes of the page, cities with initiatives, themes
    with django_assert_num_queries(5):
        response = client.get(reverse("cities:initiative_list"))

    assert response.content.decode().count('class="card"') == count


def test_initiative_create_by_coordinator_for_own_city(client, demo):
    _login(client, "coordinator@example.org")
    montreal = City.objects.get(slug="montreal")

    response = client.post(
        reverse("cities:initiative_create"),
        {"name": "Équipe de médiation urbaine", "city": montreal.pk, "themes": [], "description": "Mediators."},
    )

    initiative = Initiative.objects.get(name="Équipe de médiation urbaine")
    assert response["Location"] == initiative.get_absolute_url()
    assert initiative.slug == "equipe-de-mediation-urbaine"
    assert initiative.city == montreal


def test_initiative_create_refuses_another_city_next_to_the_field(client, demo):
    _login(client, "coordinator@example.org")
    dakar = City.objects.get(slug="dakar")

    page = client.post(reverse("cities:initiative_create"), {"name": "Sneaky", "city": dakar.pk}).content.decode()

    assert not Initiative.objects.filter(name="Sneaky").exists()
    assert 'class="field field--error"' in page
    assert "Select a valid choice" in page


def test_initiative_create_is_404_for_an_outsider(client, outsider):
    client.force_login(outsider)

    response = client.get(reverse("cities:initiative_create"))

    assert response.status_code == 404


def test_initiative_edit_by_staff_and_404_for_delegate(client, demo, staff_user):
    _login(client, "delegate@example.org")
    refused = client.post("/initiatives/resal/edit/", {"name": "Changed"})
    client.force_login(staff_user)
    resal = Initiative.objects.get(slug="resal")

    accepted = client.post(
        "/initiatives/resal/edit/",
        {"name": "RÉSAL", "acronym": "RÉSAL", "city": resal.city_id, "lead_organisation": resal.lead_organisation_id},
    )

    assert refused.status_code == 404
    assert accepted.status_code == 302
    resal.refresh_from_db()
    assert resal.name == "RÉSAL" and resal.slug == "resal"


def test_initiative_session_of_a_draft_exchange_is_hidden_from_its_presenter(client):
    user = UserFactory()
    initiative = InitiativeFactory()
    session = SessionFactory(exchange__status=Exchange.Status.DRAFT, title="Draft session")
    session.initiatives.add(initiative)
    session.presenters.add(PersonFactory(user=user))
    MembershipFactory(person=user.person, delegation__exchange=session.exchange)
    client.force_login(user)

    page = client.get(initiative.get_absolute_url()).content.decode()

    assert "Draft session" not in page
    assert session.exchange.title not in page


def test_city_profile_links_the_published_report_for_those_who_may_read_it(client, private_demo):
    demo = private_demo
    from django.contrib.auth import get_user_model

    from reports.services import report_draft, report_get_or_create, report_set_published

    staff = get_user_model().objects.get(email="staff@example.org")
    report = report_draft(report=report_get_or_create(exchange=demo), user=staff)
    report_set_published(report=report, published=True, user=staff)
    anonymous_page = client.get("/cities/montreal/").content.decode()
    client.force_login(get_user_model().objects.get(email="delegate@example.org"))

    delegate_page = client.get("/cities/montreal/").content.decode()

    assert "Summary report (English)" in delegate_page
    assert "/exchanges/dakar-montreal-2017/report/en/" in delegate_page
    assert "Summary report (English)" not in anonymous_page  # the exchange is not public

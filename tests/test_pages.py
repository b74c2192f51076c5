from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.urls import reverse

from exchanges.models import AgendaChange, Exchange
from tests.factories import (
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
    host_time,
)

pytestmark = pytest.mark.django_db
DEMO_URL = "/exchanges/dakar-montreal-2017/"


def _login(client, email):
    client.force_login(get_user_model().objects.get(email=email))


def test_home_lists_the_exchange_for_its_delegate(client, demo):
    _login(client, "delegate@example.org")

    response = client.get("/")

    assert "Dakar–Montréal city exchange" in response.content.decode()


def test_home_hides_the_exchange_from_an_outsider(client, private_demo, outsider):
    client.force_login(outsider)

    response = client.get("/")

    assert response.status_code == 200
    assert "Dakar–Montréal" not in response.content.decode()


def test_exchange_page_shows_objectives_delegations_and_montreal_times_to_staff(client, demo):
    _login(client, "staff@example.org")

    page = client.get(DEMO_URL).content.decode()

    assert page.count("<li><strong>") >= 5
    assert "Sharing vital practical tools and initiatives</strong>to reduce" not in page
    assert "Sharing vital practical tools and initiatives</strong> to reduce local risk" in page
    assert "Dakar delegation" in page and "Montréal delegation" in page
    assert "Maye Seck" in page and "Head of delegation" in page
    assert "Times are in Montréal time (America/Toronto)" in page
    assert ">08:30</time>" in page  # 12:30 UTC shown in Montréal time
    assert "Quartier Saint-Pierre, Lachine" in page
    assert "Frontline awareness training workshop at the CPRLV" in page


def test_exchange_page_visible_to_delegate_and_coordinator(client, demo):
    for email in ("delegate@example.org", "coordinator@example.org"):
        _login(client, email)

        response = client.get(DEMO_URL)

        assert "Roundtables with the Ville de Montréal" in response.content.decode(), email


def test_exchange_page_is_404_for_a_user_in_no_delegation(client, private_demo, outsider):
    client.force_login(outsider)

    response = client.get(DEMO_URL)

    assert response.status_code == 404


def test_exchange_page_is_404_for_anonymous_when_not_public(client, private_demo):
    response = client.get(DEMO_URL)

    assert response.status_code == 404


def test_public_exchange_is_visible_to_anonymous(client, demo):
    Exchange.objects.filter(pk=demo.pk).update(is_public=True)

    response = client.get(DEMO_URL)

    assert "Roundtables with the Ville de Montréal" in response.content.decode()


def test_draft_exchange_is_hidden_from_its_delegates(client):
    user = UserFactory()
    membership = MembershipFactory(person=PersonFactory(user=user), delegation__exchange__status=Exchange.Status.DRAFT)
    client.force_login(user)

    response = client.get(membership.delegation.exchange.get_absolute_url())

    assert response.status_code == 404


def test_presenter_sees_the_exchange(client):
    user = UserFactory()
    session = SessionFactory()
    session.presenters.add(PersonFactory(user=user))
    client.force_login(user)

    response = client.get(session.exchange.get_absolute_url())

    assert session.title in response.content.decode()


def _exchange_with_sessions(count):
    exchange = ExchangeFactory()
    delegation = DelegationFactory(exchange=exchange)
    MembershipFactory.create_batch(2, delegation=delegation)
    for index in range(count):
        start = host_time(exchange, exchange.start_date, 8) + timedelta(minutes=20 * index)
        session = SessionFactory(exchange=exchange, start=start, end=start + timedelta(minutes=15))
        session.presenters.add(PersonFactory())
        session.attending_delegations.add(delegation)
    return exchange


@pytest.mark.parametrize("count", [1, 20])
def test_exchange_page_query_count_does_not_grow_with_sessions(client, staff_user, django_assert_num_queries, count):
    exchange = _exchange_with_sessions(count)
    client.force_login(staff_user)

    # 11, six for the translation status that staff see (exchanges.selectors.translations), and four for the
    # feedback survey's results (exchanges.selectors.surveys.survey_results); 23 since the programme is cached
    # under the viewer's audience key (their person and coordinated cities, read once per request). A warm
    # request reads no session: tests/test_exchange_page_cache.py.
    with django_assert_num_queries(23):
        response = client.get(exchange.get_absolute_url())

    assert response.content.decode().count('class="agenda__item"') == count


@pytest.mark.templates
def test_login_through_allauth_with_email(client, demo):
    response = client.post(
        reverse("account_login"), {"login": "delegate@example.org", "password": "exchange-demo-2017"}, follow=True
    )

    # The demo delegate's person record prefers French: the portal answers in French after login.
    assert response.context["user"].email == "delegate@example.org"
    assert "Échange Dakar–Montréal" in response.content.decode()


def test_login_with_a_wrong_password_says_so_next_to_the_form(client, demo):
    response = client.post(reverse("account_login"), {"login": "delegate@example.org", "password": "nope"})

    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_signup_is_closed(client):
    response = client.get(reverse("account_signup"))

    assert "Sign Up Closed" in response.content.decode()


ADMIN_MODELS = [
    "accounts/user",
    "cities/city",
    "cities/theme",
    "cities/organisation",
    "cities/initiative",
    "participants/person",
    "exchanges/programme",
    "exchanges/exchange",
    "exchanges/delegation",
    "exchanges/objective",
    "exchanges/venue",
    "exchanges/session",
    "exchanges/nextstep",
    "exchanges/agendachange",
]


@pytest.mark.templates
@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_changelist_and_change_page_load_for_staff(client, demo, model):
    _login(client, "staff@example.org")

    opts = apps.get_model(*model.split("/"))._meta
    if model == "exchanges/agendachange":  # the demo (a past exchange) records no change to its agenda
        session = demo.sessions.first()
        AgendaChange.objects.create(
            exchange=demo, session=session, session_title=session.title, action=AgendaChange.Action.CHANGED
        )

    listing = client.get(f"/admin/{model}/")
    rows = list(listing.context["cl"].result_list)
    assert rows, f"the demo has no {opts.verbose_name_plural}: nothing to open"  # never passes on an empty list
    change = client.get(f"/admin/{model}/{rows[0].pk}/change/")

    assert listing.status_code == 200 and f"Select {opts.verbose_name} to change" in listing.content.decode()
    assert change.status_code == 200 and change.context["original"] == rows[0]
    assert f"Change {opts.verbose_name}" in change.content.decode()


def test_admin_refuses_a_bad_time_zone_next_to_the_field(client, demo):
    _login(client, "staff@example.org")

    response = client.post(
        "/admin/cities/city/add/",
        {
            "name": "Atlantis",
            "slug": "atlantis",
            "country": "Ocean",
            "time_zone": "Atlantic/Atlantis",
            "coordinator_set-TOTAL_FORMS": "0",
            "coordinator_set-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "is not a known time zone" in response.content.decode()


def test_exchange_page_shows_a_multi_day_session_on_each_day(client, demo):
    _login(client, "staff@example.org")

    page = client.get(DEMO_URL).content.decode()

    wednesday = page[page.index("Wednesday 18 October 2017") :]
    assert "Frontline awareness training workshop at the CPRLV" in wednesday
    assert "continued" in wednesday
    assert "Nothing scheduled on this day" not in page


@pytest.mark.templates
def test_admin_refuses_a_session_ending_before_it_starts_next_to_the_field(client, demo):
    _login(client, "staff@example.org")
    venue = demo.sessions.first().venue

    response = client.post(
        "/admin/exchanges/session/add/",
        {
            "exchange": demo.pk,
            "kind": "site_visit",
            "title": "Backwards",
            "start_0": "2017-10-16",
            "start_1": "10:00",
            "end_0": "2017-10-16",
            "end_1": "09:00",
            "venue": venue.pk,
        },
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["end"] == ["The session must end after it starts."]


@pytest.mark.templates
def test_admin_refuses_a_site_visit_without_a_site(client, demo):
    _login(client, "staff@example.org")

    response = client.post(
        "/admin/exchanges/session/add/",
        {
            "exchange": demo.pk,
            "kind": "site_visit",
            "title": "Nowhere",
            "start_0": "2017-10-16",
            "start_1": "10:00",
            "end_0": "2017-10-16",
            "end_1": "11:00",
        },
    )

    assert response.status_code == 200
    assert "venue" in response.context["adminform"].form.errors


@pytest.mark.templates
def test_admin_refuses_the_host_city_as_a_visiting_city(client, demo):
    _login(client, "staff@example.org")
    url = f"/admin/exchanges/exchange/{demo.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}

    response = client.post(url, {**data, "visiting_cities": [demo.host_city_id], "themes": []})

    assert response.status_code == 200
    assert "hosts this exchange" in str(response.context["adminform"].form.errors["visiting_cities"])


def test_pages_name_the_portals_icon_so_browsers_do_not_ask_for_favicon_ico(client, db):
    page = client.get(reverse("home")).content.decode()

    icon = page.split('<link rel="icon" href="', 1)[1].split('"', 1)[0]
    assert icon.startswith(settings.STATIC_URL) and icon.endswith(".svg")
    assert finders.find(icon.removeprefix(settings.STATIC_URL)) is not None

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from exchanges.models import Exchange
from exchanges.selectors.my_agenda import SESSIONS_PER_PAGE
from participants.models import Person
from tests.factories import (
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
    host_time,
)

pytestmark = pytest.mark.django_db
DEMO_AGENDA = "/exchanges/dakar-montreal-2017/agenda/"


def _login(client, email):
    client.force_login(get_user_model().objects.get(email=email))


def _text(response) -> str:
    """The page's main content as plain text with collapsed white space."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


# Exchange agenda --------------------------------------------------------------


def test_exchange_agenda_shows_montreal_and_dakar_times_side_by_side_to_the_delegate(client, demo):
    _login(client, "delegate@example.org")

    text = _text(client.get(DEMO_AGENDA))

    assert "Times are in Montréal time (America/Toronto)" in text
    assert "08:30 – 10:30 Montréal time (2 h) · 12:30 – 14:30 Dakar time" in text
    # The two-day CPRLV workshop is one item from Tuesday 09:00 to Wednesday 17:00.
    assert "09:00 – Wed 18 Oct 17:00 Montréal time · 13:00 – Wed 18 Oct 21:00 Dakar time" in text


def test_exchange_agenda_shows_venue_presenters_organisation_links_and_site_details(client, demo):
    _login(client, "staff@example.org")

    response = client.get(DEMO_AGENDA)
    text = _text(response)

    assert "Hôtel de Ville de Montréal, 275 rue Notre-Dame Est · district: Ville-Marie" in text
    assert "Commander Sylvain Bissonnette , Commander, Service de Police de la Ville de Montréal (SPVM)" in text
    assert '<a href="https://spvm.qc.ca/" rel="noopener">Service de Police de la Ville de Montréal</a>' in (
        response.content.decode()
    )
    assert "Hosted by Department of Social Diversity and Sports" in text  # the Lachine site visit
    assert "Delegations: Montréal (host), Dakar (visiting)" in text
    assert text.count("Attending: all delegations") == 5


def test_exchange_agenda_shows_no_home_time_when_the_zones_agree(client, demo):
    _login(client, "coordinator@example.org")  # Esteban Benavides lives in Montréal

    text = _text(client.get(DEMO_AGENDA))

    assert "08:30 – 10:30 Montréal" in text
    assert "Dakar" not in text.split("Monday 16 October 2017")[1].split("Roundtables")[0]
    assert "· 12:30" not in text


def test_exchange_agenda_filters_by_delegation(client):
    exchange = ExchangeFactory(is_public=True)
    dakar = DelegationFactory(exchange=exchange)
    other = DelegationFactory(exchange=exchange)
    for_dakar = SessionFactory(exchange=exchange, title="Dakar only")
    for_dakar.attending_delegations.set([dakar])
    SessionFactory(exchange=exchange, title="Other only").attending_delegations.set([other])
    SessionFactory(exchange=exchange, title="Everyone")
    text = _text(client.get(reverse("exchanges:agenda", args=[exchange.slug]), {"delegation": dakar.pk}))

    assert "Dakar only" in text and "Everyone" in text
    assert "Other only" not in text
    assert f"Showing the sessions the {dakar} attends" in text


# A NUL byte gets the 400 page before the form sees it: tests/test_get_fuzz.py.
@pytest.mark.parametrize("value", ["abc", "999999", "1 OR 1=1"])
def test_exchange_agenda_filter_rejects_bad_input_next_to_the_field(client, value):
    exchange = ExchangeFactory(is_public=True)
    DelegationFactory(exchange=exchange)
    SessionFactory(exchange=exchange, title="Still listed")

    response = client.get(reverse("exchanges:agenda", args=[exchange.slug]), {"delegation": value})

    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)
    assert "Still listed" in _text(response)


def test_exchange_agenda_is_404_for_an_outsider_and_anonymous(client, private_demo, outsider):
    client.force_login(outsider)
    assert client.get(DEMO_AGENDA).status_code == 404

    client.logout()

    assert client.get(DEMO_AGENDA).status_code == 404


def test_public_exchange_agenda_opens_to_anyone_but_not_while_draft(client):
    public = ExchangeFactory(is_public=True, status=Exchange.Status.SCHEDULED)
    SessionFactory(exchange=public, title="Opening roundtable")
    draft = ExchangeFactory(is_public=True, status=Exchange.Status.DRAFT)

    response = client.get(reverse("exchanges:agenda", args=[public.slug]))

    assert "Opening roundtable" in _text(response)
    assert "webcal://" in response.content.decode()
    assert client.get(reverse("exchanges:agenda", args=[draft.slug])).status_code == 404


def test_exchange_agenda_highlights_the_current_and_next_session_during_the_exchange(client):
    exchange = ExchangeFactory(is_public=True, status=Exchange.Status.UNDER_WAY)
    first = SessionFactory(exchange=exchange, title="Morning", start=host_time(exchange, exchange.start_date, 9))
    second = SessionFactory(exchange=exchange, title="Noon", start=host_time(exchange, exchange.start_date, 12))
    SessionFactory(exchange=exchange, title="Evening", start=host_time(exchange, exchange.start_date, 18))
    url = reverse("exchanges:agenda", args=[exchange.slug])

    with time_machine.travel(first.start + timedelta(minutes=30), tick=False):
        html = client.get(url).content.decode()

    assert f'agenda__item agenda__item--current" id="session-{first.pk}"' in html
    assert f'agenda__item agenda__item--next" id="session-{second.pk}"' in html
    assert html.count("agenda__item--next") == 1

    with time_machine.travel(datetime(2018, 1, 1, tzinfo=UTC), tick=False):
        html = client.get(url).content.decode()

    assert "agenda__item--current" not in html and "agenda__item--next" not in html


def test_exchange_agenda_uses_the_anonymous_viewers_picked_time_zone(client):
    exchange = ExchangeFactory(is_public=True)
    SessionFactory(exchange=exchange, start=host_time(exchange, exchange.start_date, 9))

    response = client.post(
        reverse("exchanges:my_settings"),
        {"time_zone": "Asia/Tokyo", "next": reverse("exchanges:agenda", args=[exchange.slug])},
    )
    text = _text(client.get(response.url))

    assert response.url == reverse("exchanges:agenda", args=[exchange.slug])
    assert "Your home time (Asia/Tokyo)" in text
    assert "09:00 – 10:00 City" in text and "22:00 – 23:00 Asia/Tokyo" in text


def _big_agenda(size: int):
    """An exchange with ``size`` sessions, each with presenters, organisations and an attending delegation."""
    exchange = ExchangeFactory(is_public=False)
    delegation = DelegationFactory(exchange=exchange)
    user = UserFactory()
    MembershipFactory(delegation=delegation, person=PersonFactory(user=user))
    for index in range(size):
        session = SessionFactory(
            exchange=exchange,
            start=host_time(exchange, exchange.start_date + timedelta(days=index % 3), 8) + timedelta(minutes=index),
        )
        session.presenters.set([PersonFactory(), PersonFactory()])
        session.organisations.set([OrganisationFactory()])
        session.attending_delegations.set([delegation])
    return exchange, user


@pytest.mark.parametrize("size", [1, 40])
def test_exchange_agenda_query_count_does_not_grow_with_sessions(client, django_assert_num_queries, size):
    exchange, user = _big_agenda(size)
    client.force_login(user)
    url = reverse("exchanges:agenda", args=[exchange.slug])

    with django_assert_num_queries(12):
        response = client.get(url)

    assert _text(response).count("Attending:") == size


# My agenda --------------------------------------------------------------------


def test_my_agenda_lists_every_session_of_the_delegate_with_both_times(client, demo):
    _login(client, "delegate@example.org")

    text = _text(client.get(reverse("exchanges:my_agenda")))

    assert "Dakar–Montréal city exchange" in text
    for title in (
        "Roundtables with the Ville de Montréal",
        "Site visit: RÉSAL in Saint-Pierre, Lachine",
        "SPVM headquarters: Hate Crimes and Counterterrorism briefings",
        "Research and expertise on P/CVE: presentations by Montréal institutions",
        "Frontline awareness training workshop at the CPRLV",
    ):
        assert title in text
    assert "08:30 – 10:30 Montréal time (2 h) · 12:30 – 14:30 Dakar time" in text
    assert "Monday 16 October 2017" in text and "Tuesday 17 October 2017" in text


def test_my_agenda_holds_only_attended_and_presented_sessions_upcoming_first_past_on_request(client):
    user = UserFactory()
    person = PersonFactory(user=user)
    past = ExchangeFactory(title="Past exchange", start_date=date(2017, 10, 16), end_date=date(2017, 10, 18))
    upcoming = ExchangeFactory(title="Coming exchange", start_date=date(2030, 5, 1), end_date=date(2030, 5, 2))
    mine = MembershipFactory(person=person, delegation__exchange=past).delegation
    other = DelegationFactory(exchange=past)
    SessionFactory(exchange=past, title="For my delegation").attending_delegations.set([mine])
    SessionFactory(exchange=past, title="For another delegation").attending_delegations.set([other])
    SessionFactory(exchange=past, title="For everyone")
    SessionFactory(exchange=upcoming, title="I present this").presenters.add(person)
    not_mine = SessionFactory(exchange=upcoming, title="Not mine")
    not_mine.attending_delegations.set([DelegationFactory(exchange=upcoming)])
    draft = ExchangeFactory(status=Exchange.Status.DRAFT)
    MembershipFactory(person=person, delegation__exchange=draft)
    SessionFactory(exchange=draft, title="Draft session")
    client.force_login(user)

    upcoming = _text(client.get(reverse("exchanges:my_agenda")))
    past = _text(client.get(reverse("exchanges:my_agenda"), {"when": "past"}))

    assert "I present this" in upcoming and "For my delegation" not in upcoming
    for title in ("For my delegation", "For everyone"):
        assert title in past
    for title in ("For another delegation", "Not mine", "Draft session", "I present this"):
        assert title not in past
    assert "Not mine" not in upcoming and "Draft session" not in upcoming


def test_my_agenda_says_what_to_do_when_the_account_is_linked_to_nobody(client):
    client.force_login(UserFactory())

    text = _text(client.get(reverse("exchanges:my_agenda")))

    assert "Your account is not linked to anyone taking part in an exchange yet" in text


def test_my_agenda_empty_state_for_a_person_in_no_exchange(client, outsider):
    client.force_login(outsider)

    text = _text(client.get(reverse("exchanges:my_agenda")))

    assert "You take part in no exchange yet" in text
    assert "Dakar" not in text


def test_my_agenda_requires_login(client):
    response = client.get(reverse("exchanges:my_agenda"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_my_agenda_pages_through_the_sessions_soonest_first(client):
    user = UserFactory()
    person = PersonFactory(user=user)
    exchange = ExchangeFactory(start_date=date(2030, 5, 1), end_date=date(2030, 5, 3))
    MembershipFactory(person=person, delegation__exchange=exchange)
    for index in range(SESSIONS_PER_PAGE + 3):
        start = host_time(exchange, exchange.start_date, 8) + timedelta(minutes=30 * index)
        SessionFactory(
            exchange=exchange, title=f"Session number {index:02}", start=start, end=start + timedelta(minutes=20)
        )
    client.force_login(user)

    first = _text(client.get(reverse("exchanges:my_agenda")))
    second = _text(client.get(reverse("exchanges:my_agenda"), {"page": 2}))
    bad = client.get(reverse("exchanges:my_agenda"), {"page": "x"})

    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert [i for i in range(SESSIONS_PER_PAGE + 3) if f"Session number {i:02}" in first] == list(
        range(SESSIONS_PER_PAGE)
    )
    assert sum(f"Session number {i:02}" in second for i in range(SESSIONS_PER_PAGE + 3)) == 3
    assert bad.status_code == 200 and "Page 1 of 2" in _text(bad)  # a page that is not a number: the first


@pytest.mark.parametrize("size", [1, 40])
def test_my_agenda_query_count_does_not_grow_with_sessions(client, django_assert_num_queries, size):
    exchange, user = _big_agenda(size)
    client.force_login(user)

    with django_assert_num_queries(11):
        response = client.get(reverse("exchanges:my_agenda"))

    assert _text(response).count("Attending:") == min(size, SESSIONS_PER_PAGE)


# Preferences and feed address -------------------------------------------------


def test_settings_save_a_logged_in_delegates_zone_and_notices(client, demo):
    _login(client, "delegate@example.org")

    response = client.post(
        reverse("exchanges:my_settings"), {"time_zone": "Europe/Paris", "notify_changes": "", "language": "en"}
    )

    person = Person.objects.get(email="maye.seck@example.org")
    assert response.url == reverse("exchanges:my_agenda")
    assert person.user.time_zone == "Europe/Paris"
    assert person.notify_changes is False
    assert person.language == "en"
    assert "08:30 – 10:30 Montréal time (2 h) · 14:30 – 16:30 Europe/Paris time" in _text(client.get(DEMO_AGENDA))


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "<script>", "x" * 500])
def test_settings_refuse_an_unknown_zone_next_to_the_field(client, demo, zone):
    _login(client, "delegate@example.org")

    response = client.post(reverse("exchanges:my_settings"), {"time_zone": zone, "language": "fr"})

    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)
    assert get_user_model().objects.get(email="delegate@example.org").time_zone == ""


def test_settings_ignore_an_offsite_next_address(client):
    response = client.post(
        reverse("exchanges:my_settings"), {"time_zone": "Africa/Dakar", "next": "https://evil.example.com/"}
    )

    assert response.url == reverse("home")
    assert client.session["home_time_zone"] == "Africa/Dakar"


def test_feed_regenerate_asks_first_then_replaces_the_token(client, demo):
    _login(client, "delegate@example.org")
    old = Person.objects.get(email="maye.seck@example.org").feed_token

    confirm = client.get(reverse("exchanges:feed_regenerate"))
    unchanged = Person.objects.get(email="maye.seck@example.org").feed_token
    response = client.post(reverse("exchanges:feed_regenerate"))

    new = Person.objects.get(email="maye.seck@example.org").feed_token
    assert "The current address stops working at once" in _text(confirm)
    assert unchanged == old
    assert response.url == reverse("exchanges:my_agenda")
    assert new != old
    assert client.get(reverse("exchanges:personal_feed", args=[old])).status_code == 404
    feed = client.get(reverse("exchanges:personal_feed", args=[new]))
    assert feed.status_code == 200 and "BEGIN:VEVENT" in feed.content.decode()
    assert new in client.get(reverse("exchanges:my_agenda")).content.decode()


def test_feed_regenerate_is_404_for_a_user_linked_to_nobody(client):
    client.force_login(UserFactory())

    assert client.get(reverse("exchanges:feed_regenerate")).status_code == 404
    assert client.post(reverse("exchanges:feed_regenerate")).status_code == 404


def test_settings_page_offers_network_cities_first_and_only_the_zone_to_anonymous_viewers(client, demo):
    response = client.get(reverse("exchanges:my_settings"))

    html = response.content.decode()
    assert '<optgroup label="Cities in the network">' in html
    assert '<option value="Africa/Dakar">Dakar (Africa/Dakar)</option>' in html
    assert html.index("Cities in the network") < html.index("All time zones")
    assert "None: show only the host city&#x27;s time" in html
    assert 'name="notify_changes"' not in html


def test_settings_page_shows_a_delegates_city_zone_and_notice_choice(client, demo):
    _login(client, "delegate@example.org")

    html = client.get(reverse("exchanges:my_settings")).content.decode()

    assert "The time zone of my city (Dakar, Africa/Dakar)" in html
    assert 'name="notify_changes"' in html and 'name="language"' in html

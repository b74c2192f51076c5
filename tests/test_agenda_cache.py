"""The agenda and the feeds from a version-keyed cache (issue 16): every kind of change that affects what an
exchange shows is visible on the next request; a warm request reads no session; Now/Next stay right."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from exchanges import services
from exchanges.models import Exchange, Session
from exchanges.versions import exchange_touch
from tests.factories import (
    CityFactory,
    CoordinatorFactory,
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
    VenueFactory,
    host_time,
)

pytestmark = pytest.mark.django_db

SESSION_COLUMNS = '"exchanges_session"."title"'


def _text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _days(response) -> str:
    html = response.content.decode()
    return html[html.index('<div class="agenda-days">') : html.index("</article>")]


def _feed_text(response) -> str:
    calendar = Calendar.from_ical(response.content)
    return " ".join(str(value) for event in calendar.walk("VEVENT") for value in event.values())


@pytest.fixture
def agenda_world():
    exchange = ExchangeFactory(is_public=True, title="Cached exchange")
    delegation = DelegationFactory(exchange=exchange)
    presenter = PersonFactory(name="Awa Presenter", job_title="Chief of things")
    session = SessionFactory(
        exchange=exchange, title="Morning roundtable", start=host_time(exchange, exchange.start_date, 9)
    )
    session.presenters.set([presenter])
    session.organisations.set([presenter.organisation])
    return {"exchange": exchange, "delegation": delegation, "session": session, "presenter": presenter}


def _agenda(client, exchange) -> str:
    return _text(client.get(reverse("exchanges:agenda", args=[exchange.slug])))


def _feed(client, exchange) -> str:
    return _feed_text(client.get(reverse("exchanges:agenda_ics", args=[exchange.slug])))


def _refreshed(obj):
    obj.refresh_from_db()
    return obj


# Each kind of change, on the next agenda request and in the feed ----------------------------------------------


def _change_session_title(world):
    services.session_update(session=_refreshed(world["session"]), title="Renamed roundtable")
    return "Renamed roundtable"


def _add_session(world):
    exchange = world["exchange"]
    services.session_create(
        exchange=exchange,
        kind=Session.Kind.WORKSHOP,
        title="Added workshop",
        start=host_time(exchange, exchange.start_date, 14),
        end=host_time(exchange, exchange.start_date, 15),
    )
    return "Added workshop"


def _change_venue(world):
    venue = world["session"].venue
    venue.name = "Renamed hall"
    venue.save()
    return "Renamed hall"


def _change_presenter(world):
    presenter = world["presenter"]
    presenter.job_title = "Head of new things"
    presenter.save()
    return "Head of new things"


def _add_presenter(world):
    world["session"].presenters.add(PersonFactory(name="Binta Newcomer"))
    return "Binta Newcomer"


def _add_presenter_from_the_person(world):
    person = PersonFactory(name="Chidi Reverse")
    person.presented_sessions.add(world["session"])
    return "Chidi Reverse"


def _change_organisation(world):
    organisation = world["presenter"].organisation
    organisation.name = "Renamed Agency"
    organisation.save()
    return "Renamed Agency"


def _attend_with_a_delegation(world):
    delegation = DelegationFactory(exchange=world["exchange"], city=CityFactory(name="Newtown"))
    world["session"].attending_delegations.set([delegation])
    return "Attending: Newtown"


def _rename_a_city(world):
    city = world["delegation"].city
    world["session"].attending_delegations.set([world["delegation"]])
    city.name = "Renamed City"
    city.save()
    return "Renamed City"


def _translate_the_title(world):
    session = _refreshed(world["session"])
    session.title_fr = "Table ronde du matin"
    session.save()
    return "Table ronde du matin"


CHANGES = [
    _change_session_title,
    _add_session,
    _change_venue,
    _change_presenter,
    _add_presenter,
    _add_presenter_from_the_person,
    _change_organisation,
    _attend_with_a_delegation,
    _rename_a_city,
    _translate_the_title,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_a_change_is_on_the_next_agenda_request_and_in_the_feed(client, agenda_world, change):
    exchange = agenda_world["exchange"]
    language = "fr" if change is _translate_the_title else "en"
    with translation.override(language):
        client.cookies["django_language"] = language
        before_page, before_feed = _agenda(client, exchange), _feed(client, exchange)

        expected = change(agenda_world)
        after_page = _agenda(client, exchange)
        after_feed = _feed(client, exchange)

    assert expected not in before_page and expected in after_page
    if expected.startswith("Attending: "):
        expected = expected.removeprefix("Attending: ")
    assert expected not in before_feed and expected in after_feed


def test_removing_a_session_is_on_the_next_agenda_request(client, agenda_world):
    exchange = agenda_world["exchange"]
    assert "Morning roundtable" in _agenda(client, exchange)

    services.session_delete(session=_refreshed(agenda_world["session"]))

    assert "Morning roundtable" not in _agenda(client, exchange)
    assert "Morning roundtable" not in _feed(client, exchange)


def test_new_dates_of_the_exchange_are_on_the_next_agenda_request(client, agenda_world):
    exchange = agenda_world["exchange"]
    assert "Thursday 19 October 2017" not in _agenda(client, exchange)

    exchange = Exchange.objects.get(pk=exchange.pk)
    exchange.end_date = exchange.end_date + timedelta(days=1)
    exchange.save()

    assert "Thursday 19 October 2017" in _agenda(client, exchange)


def test_a_new_delegation_is_on_the_next_agenda_request(client, agenda_world):
    exchange = agenda_world["exchange"]
    assert "Lateville" not in _agenda(client, exchange)

    DelegationFactory(exchange=exchange, city=CityFactory(name="Lateville"))

    assert "Lateville" in _agenda(client, exchange)


def test_a_new_member_of_an_attending_delegation_sees_the_restricted_session_on_the_next_request(client):
    exchange = ExchangeFactory(is_public=False)
    delegation = DelegationFactory(exchange=exchange)
    other = DelegationFactory(exchange=exchange)
    session = SessionFactory(
        exchange=exchange, title="Closed briefing", confidentiality=Session.Confidentiality.RESTRICTED
    )
    session.attending_delegations.set([delegation])
    user = UserFactory()
    membership = MembershipFactory(delegation=other, person=PersonFactory(user=user))
    client.force_login(user)
    assert "Closed briefing" not in _agenda(client, exchange)

    services.membership_add(delegation=delegation, person=membership.person, role="member")

    assert "Closed briefing" in _agenda(client, exchange)
    assert "Closed briefing" in _feed(client, exchange)


@pytest.mark.parametrize(
    "change",
    [
        lambda exchange: services.objective_create(exchange=exchange, lead="A new aim"),
        lambda exchange: services.objective_move(objective=ObjectiveFactory(exchange=exchange), offset=-1),
        lambda exchange: services.objective_delete(objective=ObjectiveFactory(exchange=exchange)),
        lambda exchange: exchange.visiting_cities.add(CityFactory()),
        lambda exchange: exchange_touch(exchange.pk),
    ],
    ids=["objective added", "objective moved", "objective deleted", "visiting city", "exchange_touch"],
)
def test_objectives_and_other_writes_grow_the_content_version(change):
    exchange = ExchangeFactory()
    before = Exchange.objects.get(pk=exchange.pk).content_version

    change(exchange)

    assert Exchange.objects.get(pk=exchange.pk).content_version > before


def test_saving_an_exchange_read_before_a_bump_does_not_write_the_old_version_back():
    exchange = ExchangeFactory()
    stale = Exchange.objects.get(pk=exchange.pk)
    exchange_touch(exchange.pk)
    exchange_touch(exchange.pk)
    current = Exchange.objects.get(pk=exchange.pk).content_version

    stale.title = "New title"
    stale.save()

    assert Exchange.objects.get(pk=exchange.pk).content_version == current + 1


# Who sees what from the cache ---------------------------------------------------------------------------------


def test_viewers_of_different_audiences_never_get_each_others_cached_agenda(client):
    exchange = ExchangeFactory(is_public=True)
    delegation = DelegationFactory(exchange=exchange)
    SessionFactory(exchange=exchange, title="Members dinner", confidentiality=Session.Confidentiality.PARTICIPANTS)
    restricted = SessionFactory(
        exchange=exchange, title="Closed briefing", confidentiality=Session.Confidentiality.RESTRICTED
    )
    restricted.attending_delegations.set([delegation])
    attendee, insider = UserFactory(), UserFactory()
    MembershipFactory(delegation=delegation, person=PersonFactory(user=attendee))
    MembershipFactory(delegation=DelegationFactory(exchange=exchange), person=PersonFactory(user=insider))
    organiser = CoordinatorFactory(city=exchange.host_city).user

    seen = {}
    for name, user in [("attendee", attendee), ("organiser", organiser), ("insider", insider), ("anonymous", None)]:
        client.logout()
        if user is not None:
            client.force_login(user)
        seen[name] = _agenda(client, exchange)

    assert "Closed briefing" in seen["attendee"] and "Closed briefing" in seen["organiser"]
    assert "Closed briefing" not in seen["insider"] and "Busy" in seen["insider"]
    assert "Members dinner" in seen["insider"]
    assert "Members dinner" not in seen["anonymous"] and "Busy" not in seen["anonymous"]


def test_a_coordinator_who_loses_the_role_no_longer_gets_the_insiders_agenda(client):
    exchange = ExchangeFactory(is_public=True)
    SessionFactory(exchange=exchange, title="Members dinner", confidentiality=Session.Confidentiality.PARTICIPANTS)
    coordinator = CoordinatorFactory(city=exchange.host_city)
    user = coordinator.user
    PersonFactory(user=user)
    client.force_login(user)
    assert "Members dinner" in _agenda(client, exchange)

    coordinator.delete()

    assert "Members dinner" not in _agenda(client, exchange)


def test_the_home_time_zone_and_the_language_have_their_own_cached_agenda(client, agenda_world):
    exchange = agenda_world["exchange"]
    assert "Asia/Tokyo" not in _agenda(client, exchange)

    client.post(reverse("exchanges:my_settings"), {"time_zone": "Asia/Tokyo"})
    tokyo = _agenda(client, exchange)
    client.cookies["django_language"] = "fr"
    french = _agenda(client, exchange)

    assert "22:00 – 23:00 Asia/Tokyo" in tokyo
    assert "heure de" in french or "Heure" in french


# Now and Next --------------------------------------------------------------------------------------------------


def test_now_and_next_move_on_while_the_agenda_is_cached(client):
    import time_machine

    exchange = ExchangeFactory(is_public=True, status=Exchange.Status.UNDER_WAY)
    first = SessionFactory(exchange=exchange, start=host_time(exchange, exchange.start_date, 9))
    second = SessionFactory(exchange=exchange, start=host_time(exchange, exchange.start_date, 12))
    third = SessionFactory(exchange=exchange, start=host_time(exchange, exchange.start_date, 18))
    url = reverse("exchanges:agenda", args=[exchange.slug])

    with time_machine.travel(first.start + timedelta(minutes=30), tick=False):
        morning = client.get(url).content.decode()
    with time_machine.travel(second.start + timedelta(minutes=7), tick=False):
        noon = client.get(url).content.decode()

    assert f'agenda__item--current" id="session-{first.pk}"' in morning
    assert f'agenda__item--next" id="session-{second.pk}"' in morning
    assert f'agenda__item--current" id="session-{second.pk}"' in noon
    assert f'agenda__item--next" id="session-{third.pk}"' in noon
    assert f'agenda__item--current" id="session-{first.pk}"' not in noon


# Queries ---------------------------------------------------------------------------------------------------------


def _big_agenda(size: int):
    exchange = ExchangeFactory(is_public=False)
    delegation = DelegationFactory(exchange=exchange)
    user = UserFactory()
    MembershipFactory(delegation=delegation, person=PersonFactory(user=user))
    venue = VenueFactory(city=exchange.host_city)
    organisation = OrganisationFactory()
    presenters = [PersonFactory(organisation=organisation), PersonFactory(organisation=organisation)]
    for index in range(size):
        session = SessionFactory(
            exchange=exchange,
            venue=venue,
            start=host_time(exchange, exchange.start_date + timedelta(days=index % 3), 8) + timedelta(minutes=index),
            confidentiality=Session.Confidentiality.PUBLIC if index % 2 else Session.Confidentiality.PARTICIPANTS,
        )
        session.presenters.set(presenters)
        session.organisations.set([organisation])
        session.attending_delegations.set([delegation])
    return exchange, user


@pytest.mark.parametrize("size", [1, 200])
def test_agenda_queries_are_the_same_at_1_and_200_sessions_and_a_warm_request_reads_no_session(
    client, django_assert_num_queries, size
):
    exchange, user = _big_agenda(size)
    client.force_login(user)
    url = reverse("exchanges:agenda", args=[exchange.slug])

    # A miss: the sessions, their three lists, what the viewer attends, the viewer's exchanges (exchange_roles).
    with django_assert_num_queries(13):
        cold = client.get(url)
    with CaptureQueriesContext(connection) as warm_queries:
        warm = client.get(url)

    # Login session, user, person and their city, their cities, their exchanges (exchange_roles), the exchange.
    assert len(warm_queries) == 7
    assert not any(SESSION_COLUMNS in query["sql"] for query in warm_queries.captured_queries)
    assert _text(cold).count("Attending:") == size and _days(warm) == _days(cold)


@pytest.mark.parametrize("size", [1, 200])
def test_feeds_queries_are_the_same_at_1_and_200_sessions_and_a_warm_request_reads_no_session(client, size):
    exchange, user = _big_agenda(size)
    client.force_login(user)
    person = user.person
    urls = [
        reverse("exchanges:agenda_ics", args=[exchange.slug]),
        reverse("exchanges:personal_feed", kwargs={"token": person.feed_token}),
    ]
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as cold_queries:
            cold = client.get(url)
        with CaptureQueriesContext(connection) as warm_queries:
            warm = client.get(url)
        counts.append((len(cold_queries), len(warm_queries)))
        assert not any(SESSION_COLUMNS in query["sql"] for query in warm_queries.captured_queries)
        assert warm.content == cold.content and cold.content.count(b"BEGIN:VEVENT") == size

    # (cold, warm): the exchange's feed, then the personal feed, whose first request reuses the events the
    # exchange's feed wrote: it reads their ids (and versions), and no session.
    assert counts == [(11, 6), (3, 2)]

"""One session's page (issue 16): what it shows, to whom (exchanges.confidentiality), in both languages, and at
a fixed number of queries whatever the size of the agenda."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from exchanges.models import Session
from tests.factories import (
    CityFactory,
    CoordinatorFactory,
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
    VenueFactory,
    host_time,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _url(session) -> str:
    return reverse("exchanges:session_detail", kwargs={"slug": session.exchange.slug, "pk": session.pk})


@pytest.fixture
def session():
    host = CityFactory(name="Montréal", time_zone="America/Montreal")
    exchange = ExchangeFactory(is_public=True, host_city=host)
    dakar = DelegationFactory(exchange=exchange, city=CityFactory(name="Dakar", time_zone="Africa/Dakar"))
    organisation = OrganisationFactory(name="Police Service", acronym="SPVM", website="https://spvm.example/")
    venue = VenueFactory(name="City Hall", address="275 rue Notre-Dame Est", district="Ville-Marie", city=host)
    session = SessionFactory(
        exchange=exchange,
        title="Opening roundtable",
        title_fr="Table ronde d'ouverture",
        description="Senior people meet the delegation.",
        start=host_time(exchange, exchange.start_date, 9),
        venue=venue,
        notes="The **outcome** of the roundtable.",
    )
    session.presenters.set([PersonFactory(name="Sylvain B", job_title="Commander", organisation=organisation)])
    session.attending_delegations.set([dakar])
    return session


def test_session_page_shows_times_venue_map_presenters_delegations_and_links(client, session):
    delegate = UserFactory(time_zone="Africa/Dakar")
    MembershipFactory(delegation=session.attending_delegations.get(), person=PersonFactory(user=delegate))
    client.force_login(delegate)

    response = client.get(_url(session))
    text, html = _text(response), response.content.decode()

    assert "Opening roundtable" in text
    assert "09:00 – 10:00 Montréal time" in text and "13:00 – 14:00 Africa/Dakar" in text
    assert "City Hall" in text and "275 rue Notre-Dame Est" in text and "district: Ville-Marie" in text
    assert "https://www.openstreetmap.org/search?query=City%20Hall%2C%20275%20rue%20Notre-Dame%20Est" in html
    assert "Sylvain B" in text and "Commander" in text and "Police Service" in text and "(SPVM)" in text
    assert "Attending: Dakar delegation" in text
    assert "<strong>outcome</strong>" in html  # an insider reads the notes
    assert f'href="/exchanges/{session.exchange.slug}/sessions/{session.pk}.ics"' in html
    assert f'href="/exchanges/{session.exchange.slug}/agenda/#session-{session.pk}"' in html


def test_session_page_hides_the_notes_from_the_public_and_names_under_chatham_house(client, session):
    session.confidentiality = Session.Confidentiality.CHATHAM_HOUSE
    session.save()

    text = _text(client.get(_url(session)))

    assert "Opening roundtable" in text and "Chatham House rule" in text
    assert "Sylvain B" not in text and "Police Service" not in text
    assert "outcome" not in text


@pytest.mark.parametrize("level", [Session.Confidentiality.PARTICIPANTS, Session.Confidentiality.RESTRICTED])
def test_session_page_is_404_for_those_who_may_not_read_the_session(client, session, level):
    session.confidentiality = level
    session.save()
    insider = UserFactory()
    MembershipFactory(delegation=DelegationFactory(exchange=session.exchange), person=PersonFactory(user=insider))
    organiser = CoordinatorFactory(city=session.exchange.host_city).user

    anonymous = client.get(_url(session)).status_code
    client.force_login(insider)
    as_insider = client.get(_url(session)).status_code
    client.force_login(organiser)
    as_organiser = client.get(_url(session)).status_code

    assert anonymous == 404
    assert as_insider == (200 if level == Session.Confidentiality.PARTICIPANTS else 404)
    assert as_organiser == 200


def test_session_page_is_404_for_an_outsider_of_a_private_exchange_and_for_another_exchanges_session(
    client, session, outsider
):
    session.exchange.is_public = False
    session.exchange.save()
    other = SessionFactory(exchange=ExchangeFactory(is_public=True))
    client.force_login(outsider)

    assert client.get(_url(session)).status_code == 404
    wrong = reverse("exchanges:session_detail", kwargs={"slug": session.exchange.slug, "pk": other.pk})
    assert client.get(wrong).status_code == 404


def test_session_page_in_french_marks_a_text_left_in_english(client, session):
    client.cookies["django_language"] = "fr"

    response = client.get(_url(session))
    html = response.content.decode()

    assert "Table ronde d'ouverture" in html or "Table ronde d&#x27;ouverture" in html
    assert '<span lang="en" class="lang-fallback">Senior people meet the delegation.</span>' in html
    assert "Retour au programme" in html and "heure de Montréal" in html


def test_the_agenda_and_the_feeds_link_to_the_session_page(client, session):
    agenda = client.get(reverse("exchanges:agenda", args=[session.exchange.slug])).content.decode()
    feed = Calendar.from_ical(client.get(reverse("exchanges:agenda_ics", args=[session.exchange.slug])).content)

    assert f'href="{_url(session)}"' in agenda
    assert [str(event["URL"]) for event in feed.walk("VEVENT")] == [f"http://testserver{_url(session)}"]


@pytest.mark.parametrize("size", [1, 200])
def test_session_page_queries_do_not_grow_with_the_agenda(client, django_assert_num_queries, size):
    exchange = ExchangeFactory(is_public=True)
    sessions = [
        SessionFactory(exchange=exchange, start=host_time(exchange, exchange.start_date, 8) + timedelta(minutes=i))
        for i in range(size)
    ]
    sessions[0].presenters.set([PersonFactory(), PersonFactory()])
    user = UserFactory()
    MembershipFactory(delegation=DelegationFactory(exchange=exchange), person=PersonFactory(user=user))
    client.force_login(user)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(sessions[-1]))

    assert response.status_code == 200
    assert len(queries) == 11


def test_search_finds_a_session_and_leads_to_its_page_but_not_a_participants_only_one(client, session):
    SessionFactory(
        exchange=session.exchange,
        title="Opening dinner for members",
        confidentiality=Session.Confidentiality.PARTICIPANTS,
    )

    html = client.get(reverse("search"), {"q": "opening"}).content.decode()

    assert f'href="{_url(session)}"' in html
    assert "Opening dinner for members" not in html


@pytest.mark.parametrize("size", [1, 200])
def test_session_page_warm_reads_no_session(client, django_assert_num_queries, size):
    exchange = ExchangeFactory(is_public=True)
    sessions = [
        SessionFactory(exchange=exchange, start=host_time(exchange, exchange.start_date, 8) + timedelta(minutes=i))
        for i in range(size)
    ]
    sessions[-1].presenters.set([PersonFactory(), PersonFactory()])
    user = UserFactory()
    MembershipFactory(delegation=DelegationFactory(exchange=exchange), person=PersonFactory(user=user))
    client.force_login(user)
    cold = _text(client.get(_url(sessions[-1])))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(sessions[-1]))

    assert response.status_code == 200 and _text(response) == cold
    assert not any(query["sql"].startswith('SELECT "exchanges_session"') for query in queries.captured_queries)
    assert len(queries) == 7


def test_session_page_shows_a_change_on_the_next_request(client, session):
    assert "Opening roundtable" in _text(client.get(_url(session)))

    session.title = "Closing roundtable"
    session.save()
    presenter = session.presenters.get()
    presenter.name = "Renamed Presenter"
    presenter.save()

    text = _text(client.get(_url(session)))
    assert "Closing roundtable" in text and "Renamed Presenter" in text


def test_session_page_cached_for_one_audience_is_never_served_to_another(client, session):
    """An insider's copy with the notes does not reach the public; an organiser's or an attending delegate's
    copy of a restricted session reaches neither the public nor a delegate of another city."""
    organiser = CoordinatorFactory(city=session.exchange.host_city).user
    insider = UserFactory()
    MembershipFactory(delegation=session.attending_delegations.get(), person=PersonFactory(user=insider))
    other_insider = UserFactory()
    other = DelegationFactory(exchange=session.exchange)
    MembershipFactory(delegation=other, person=PersonFactory(user=other_insider))

    client.force_login(insider)
    assert "outcome" in _text(client.get(_url(session)))  # the insider's copy, notes included
    client.logout()
    assert "outcome" not in _text(client.get(_url(session)))  # the public's own copy

    session.confidentiality = Session.Confidentiality.RESTRICTED
    session.save()
    client.force_login(organiser)
    assert client.get(_url(session)).status_code == 200  # cached for organisers
    client.force_login(insider)
    assert client.get(_url(session)).status_code == 200  # the attending delegation reads it
    client.force_login(other_insider)
    assert client.get(_url(session)).status_code == 404
    client.logout()
    assert client.get(_url(session)).status_code == 404

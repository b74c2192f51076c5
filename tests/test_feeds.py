from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.contrib.auth import get_user_model
from django.urls import reverse
from icalendar import Calendar

from exchanges.models import Exchange, Session
from participants.models import Person
from tests.factories import ExchangeFactory, MembershipFactory, PersonFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db
MONTREAL = ZoneInfo("America/Toronto")


def _personal_feed_url(email="maye.seck@example.org"):
    return reverse("exchanges:personal_feed", args=[Person.objects.get(email=email).feed_token])


@pytest.fixture
def demo(demo):
    """The demo, with Maye Seck reading English: the feed speaks the person's language, and French may come."""
    Person.objects.filter(email="maye.seck@example.org").update(language="en")
    return demo


def _events(response) -> dict[str, object]:
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_personal_feed_opens_without_login_with_one_event_per_session_at_the_right_instants(client, demo):
    response = client.get(_personal_feed_url())

    calendar = Calendar.from_ical(response.content)
    events = _events(response)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert str(calendar["X-WR-CALNAME"]) == "My agenda: Maye Seck"
    assert len(events) == 5
    roundtables = events["Roundtables with the Ville de Montréal"]
    assert roundtables.decoded("DTSTART") == datetime(2017, 10, 16, 12, 30, tzinfo=UTC)
    assert roundtables.decoded("DTEND") == datetime(2017, 10, 16, 14, 30, tzinfo=UTC)
    workshop = events["Frontline awareness training workshop at the CPRLV"]
    assert workshop.decoded("DTSTART") == datetime(2017, 10, 17, 13, 0, tzinfo=UTC)
    assert workshop.decoded("DTEND") == datetime(2017, 10, 18, 21, 0, tzinfo=UTC)


def test_personal_feed_events_carry_uid_sequence_location_presenters_and_url(client, demo):
    session = Session.objects.get(title="Roundtables with the Ville de Montréal")

    event = _events(client.get(_personal_feed_url()))[session.title]

    assert str(event["UID"]) == f"{session.uid}@127.0.0.1"
    assert event["SEQUENCE"] == session.sequence
    assert str(event["LOCATION"]) == "Hôtel de Ville de Montréal, 275 rue Notre-Dame Est, Ville-Marie, Montréal"
    description = str(event["DESCRIPTION"])
    assert description.startswith("Roundtable · Monday 16 October 2017, 08:30 – 10:30, Montréal time")
    assert "Commander Sylvain Bissonnette, Commander, Service de Police de la Ville de Montréal" in description
    assert "Jocelyne Lebrun, Community Development Adviser, Department of Social Diversity and Sports" in description
    # SITE_URL unset: the link follows the address the feed was fetched from.
    assert str(event["URL"]) == f"http://testserver/exchanges/dakar-montreal-2017/sessions/{session.pk}/"
    assert event.decoded("DTSTAMP") == session.updated_at.replace(microsecond=0)


def test_personal_feed_is_read_by_a_second_parser(client, demo):
    response = client.get(_personal_feed_url())

    calendar = vobject.readOne(response.content.decode())

    starts = sorted(event.dtstart.value.astimezone(UTC) for event in calendar.vevent_list)
    assert calendar.x_wr_calname.value == "My agenda: Maye Seck"
    assert starts == [
        datetime(2017, 10, 16, 12, 30, tzinfo=UTC),
        datetime(2017, 10, 16, 15, 0, tzinfo=UTC),
        datetime(2017, 10, 16, 18, 0, tzinfo=UTC),
        datetime(2017, 10, 16, 20, 0, tzinfo=UTC),
        datetime(2017, 10, 17, 13, 0, tzinfo=UTC),
    ]


def test_feed_times_stay_right_across_a_daylight_saving_change(client):
    # Montréal leaves daylight saving time at 02:00 on 5 November 2017 (UTC-4 becomes UTC-5).
    exchange = ExchangeFactory(is_public=True, start_date=date(2017, 11, 4), end_date=date(2017, 11, 6))
    SessionFactory(
        exchange=exchange,
        title="Before",
        start=datetime(2017, 11, 4, 9, tzinfo=MONTREAL),
        end=datetime(2017, 11, 4, 10, tzinfo=MONTREAL),
    )
    SessionFactory(
        exchange=exchange,
        title="Overnight",
        start=datetime(2017, 11, 4, 22, tzinfo=MONTREAL),
        end=datetime(2017, 11, 5, 8, tzinfo=MONTREAL),
    )
    SessionFactory(
        exchange=exchange,
        title="After",
        start=datetime(2017, 11, 6, 9, tzinfo=MONTREAL),
        end=datetime(2017, 11, 6, 10, tzinfo=MONTREAL),
    )

    events = _events(client.get(reverse("exchanges:agenda_ics", args=[exchange.slug])))

    assert events["Before"].decoded("DTSTART") == datetime(2017, 11, 4, 13, tzinfo=UTC)
    assert events["Overnight"].decoded("DTSTART") == datetime(2017, 11, 5, 2, tzinfo=UTC)
    assert events["Overnight"].decoded("DTEND") == datetime(2017, 11, 5, 13, tzinfo=UTC)  # 11 hours, not 10
    assert events["After"].decoded("DTSTART") == datetime(2017, 11, 6, 14, tzinfo=UTC)


def test_feed_uid_stays_and_sequence_grows_when_a_session_is_edited(client, demo):
    session = Session.objects.get(title="Roundtables with the Ville de Montréal")
    before = _events(client.get(_personal_feed_url()))[session.title]

    session.start = datetime(2017, 10, 16, 9, 0, tzinfo=MONTREAL)
    session.save()
    after = _events(client.get(_personal_feed_url()))[session.title]

    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("DTSTART") == datetime(2017, 10, 16, 13, 0, tzinfo=UTC)


def test_personal_feed_with_an_unknown_or_replaced_token_is_404(client, demo):
    person = Person.objects.get(email="maye.seck@example.org")
    old_url = _personal_feed_url()

    from exchanges.services import person_feed_token_regenerate

    person_feed_token_regenerate(person=person)

    assert client.get(old_url).status_code == 404
    assert client.get(reverse("exchanges:personal_feed", args=["not-a-token"])).status_code == 404
    current = client.get(_personal_feed_url())
    assert current.status_code == 200 and len(_events(current)) == 5  # the new address serves Maye's agenda


def test_personal_feed_leaves_out_drafts_and_marks_cancelled_exchanges(client):
    person = PersonFactory(user=UserFactory())
    for status in (Exchange.Status.DRAFT, Exchange.Status.CANCELLED, Exchange.Status.SCHEDULED):
        exchange = ExchangeFactory(status=status)
        MembershipFactory(person=person, delegation__exchange=exchange)
        SessionFactory(exchange=exchange, title=f"Session of a {status} exchange")

    events = _events(client.get(reverse("exchanges:personal_feed", args=[person.feed_token])))

    assert set(events) == {"Session of a cancelled exchange", "Session of a scheduled exchange"}
    assert str(events["Session of a cancelled exchange"]["STATUS"]) == "CANCELLED"
    assert str(events["Session of a scheduled exchange"]["STATUS"]) == "CONFIRMED"


def test_exchange_feed_follows_the_exchange_access(client, private_demo, outsider):
    url = reverse("exchanges:agenda_ics", args=["dakar-montreal-2017"])
    anonymous = client.get(url)
    client.force_login(outsider)
    stranger = client.get(url)

    client.force_login(get_user_model().objects.get(email="delegate@example.org"))
    delegate = client.get(url)

    assert anonymous.status_code == 404 and stranger.status_code == 404
    calendar = Calendar.from_ical(delegate.content)
    assert str(calendar["X-WR-CALNAME"]) == "Dakar–Montréal city exchange: agenda"
    assert str(calendar["X-WR-TIMEZONE"]) == "America/Toronto"
    assert len(calendar.walk("VEVENT")) == 5


def test_public_exchange_feed_opens_to_anyone_except_while_draft(client):
    public = ExchangeFactory(is_public=True)
    SessionFactory(exchange=public, title="Open to all")
    draft = ExchangeFactory(is_public=True, status=Exchange.Status.DRAFT)

    response = client.get(reverse("exchanges:agenda_ics", args=[public.slug]))

    assert list(_events(response)) == ["Open to all"]
    assert client.get(reverse("exchanges:agenda_ics", args=[draft.slug])).status_code == 404


def test_feed_links_offer_webcal_subscription_and_download(client, demo):
    client.force_login(get_user_model().objects.get(email="delegate@example.org"))
    token = Person.objects.get(email="maye.seck@example.org").feed_token

    html = client.get(reverse("exchanges:my_agenda")).content.decode()

    assert f'href="webcal://testserver/feeds/{token}.ics"' in html
    assert f'href="/feeds/{token}.ics" download' in html


def test_personal_feed_speaks_the_persons_language(client, demo):
    from django.utils import translation

    Person.objects.filter(email="maye.seck@example.org").update(language="fr")
    with translation.override("fr"):
        expected = translation.gettext("My agenda: %(name)s") % {"name": "Maye Seck"}

    response = client.get(_personal_feed_url(), HTTP_ACCEPT_LANGUAGE="en")

    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == expected
    # Day and month names come from Django's own French catalogue.
    assert "lundi 16 octobre 2017, 8 h 30 – 10 h 30, heure de Montréal" in str(
        _events(response)["Tables rondes avec la Ville de Montréal"]["DESCRIPTION"]
    )


def test_a_personal_feed_after_a_change_rebuilds_the_changed_exchanges_events_and_reuses_the_others(client):
    """Events are cached one by one under their exchange's content version (exchanges.feeds)."""
    person = PersonFactory()
    changed, unchanged = ExchangeFactory(), ExchangeFactory()
    first = SessionFactory(exchange=changed, title="Opening roundtable")
    second = SessionFactory(exchange=unchanged, title="Site visit")
    for session in (first, second):
        session.presenters.add(person)
    url = reverse("exchanges:personal_feed", kwargs={"token": person.feed_token})
    assert client.get(url).status_code == 200

    first.title = "Opening roundtable, moved"
    first.save()  # grows the exchange's content version
    # A write that bypasses the models' signals grows no version (exchanges.versions): its exchange's cached event
    # is served as it was, which shows that the request did not build it again.
    Session.objects.filter(pk=second.pk).update(title_en="Site visit, renamed quietly")
    body = client.get(url).content.decode()

    assert "SUMMARY:Opening roundtable\\, moved" in body
    assert "SUMMARY:Site visit\r\n" in body and "renamed quietly" not in body

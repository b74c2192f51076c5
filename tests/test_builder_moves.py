"""The agenda builder's moves (drag and drop and "Move to…" post the same form), undo, daily blocks, copies."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from exchanges.models import AgendaChange, Exchange, Session, SessionMove
from exchanges.services.copies import exchange_copy
from exchanges.services.moves import session_move, session_move_undo
from exchanges.services.series import session_series_create
from tests.factories import (
    CityFactory,
    CoordinatorFactory,
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    ObjectiveFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
    VenueFactory,
    host_time,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def exchange():
    montreal = CityFactory(name="Montréal", time_zone="America/Toronto")
    return ExchangeFactory(host_city=montreal, start_date=date(2017, 10, 16), end_date=date(2017, 10, 18))


def _url(name, exchange, session=None):
    kwargs = {"slug": exchange.slug} | ({"pk": session.pk} if session is not None else {})
    return reverse(f"exchanges:{name}", kwargs=kwargs)


def test_session_move_keeps_the_length_records_the_change_and_remembers_the_move(exchange, staff_user):
    session = SessionFactory(exchange=exchange)  # 9:00–10:00 on the 16th

    change = session_move(session=session, user=staff_user, start=host_time(exchange, date(2017, 10, 17), 14))

    session.refresh_from_db()
    assert (session.local_start().strftime("%d %H:%M"), session.local_end().strftime("%H:%M")) == ("17 14:00", "15:00")
    assert [item["field"] for item in change.changes] == ["when"]
    assert change.changed_by == staff_user
    move = SessionMove.objects.get(user=staff_user, exchange=exchange)
    assert (move.session, move.old_start) == (session, host_time(exchange, date(2017, 10, 16), 9))


def test_session_move_undo_puts_the_session_back_records_it_and_forgets_the_move(exchange, staff_user):
    session = SessionFactory(exchange=exchange)
    session_move(session=session, user=staff_user, start=host_time(exchange, date(2017, 10, 17), 14))

    undone = session_move_undo(exchange=exchange, user=staff_user)

    session.refresh_from_db()
    assert undone == session
    assert session.start == host_time(exchange, date(2017, 10, 16), 9)
    assert AgendaChange.objects.filter(session=session, action=AgendaChange.Action.CHANGED).count() == 2
    assert not SessionMove.objects.exists()
    assert session_move_undo(exchange=exchange, user=staff_user) is None


def test_the_undo_is_each_users_own(exchange, staff_user):
    session = SessionFactory(exchange=exchange)
    session_move(session=session, user=staff_user, start=host_time(exchange, date(2017, 10, 17), 14))

    assert session_move_undo(exchange=exchange, user=UserFactory(is_staff=True)) is None

    session.refresh_from_db()
    assert session.local_start().day == 17


def test_move_form_resizes_with_an_end_time_and_refuses_an_end_before_the_start(client, exchange, staff_user):
    session = SessionFactory(exchange=exchange)
    client.force_login(staff_user)

    refused = client.post(
        _url("session_move", exchange, session), {"day": "2017-10-16", "start_time": "11:00", "end_time": "10:00"}
    )
    resized = client.post(
        _url("session_move", exchange, session), {"day": "2017-10-16", "start_time": "09:00", "end_time": "12:30"}
    )

    assert "The session must end after it starts." in refused.content.decode()
    assert resized.status_code == 302
    session.refresh_from_db()
    assert session.local_end().strftime("%H:%M") == "12:30"


def test_move_form_refuses_a_day_the_portal_cannot_schedule(client, exchange, staff_user):
    session = SessionFactory(exchange=exchange)
    client.force_login(staff_user)

    # Midnight at the end of Python's last day, in the host city: out of range in UTC (was a 500).
    refused = client.post(
        _url("session_move", exchange, session), {"day": "9999-12-31", "start_time": "23:00", "end_time": "00:00"}
    )

    assert refused.status_code == 200
    assert "Enter a date between the years 1900 and 2999." in refused.content.decode()
    assert Session.objects.get(pk=session.pk).start == session.start


def test_builder_after_a_move_shows_the_message_the_new_warnings_and_an_undo_button(client, exchange, staff_user):
    presenter = PersonFactory(name="Sylvain Bissonnette")
    first = SessionFactory(exchange=exchange, title="Roundtables")
    second = SessionFactory(exchange=exchange, title="Briefing", start=host_time(exchange, exchange.start_date, 11))
    first.presenters.set([presenter])
    second.presenters.set([presenter])
    client.force_login(staff_user)

    response = client.post(
        _url("session_move", exchange, second), {"day": "2017-10-16", "start_time": "09:30"}, follow=True
    )

    page = response.content.decode()
    assert "“Briefing” moved to Mon 16 Oct 09:30–10:30. It has 1 warning: see below." in page
    assert 'data-code="person_clash"' in page
    assert "Undo the last move" in page
    assert "Your last move: “Briefing”, from Mon 16 Oct 11:00–12:00." in page

    response = client.post(_url("move_undo", exchange), follow=True)

    page = response.content.decode()
    assert "Move undone: “Briefing” is back at Mon 16 Oct 11:00–12:00." in page
    assert 'data-code="person_clash"' not in page
    assert "Undo the last move" not in page


def test_builder_timeline_places_each_session_by_its_minutes(client, exchange, staff_user):
    session = SessionFactory(exchange=exchange, start=host_time(exchange, exchange.start_date, 7, 30))
    client.force_login(staff_user)

    page = client.get(_url("builder", exchange)).content.decode()

    assert 'data-first="420" data-last="1080"' in page  # widened from 8:00 to 7:00 for the 7:30 session
    assert f'data-session="{session.pk}" data-start="450" data-end="510"' in page
    assert f'data-move-url="{_url("session_move", exchange, session)}"' in page
    assert 'id="id_move_%d_day"' % session.pk in page


def test_move_pages_are_404_for_a_coordinator_of_another_city(client, exchange):
    session = SessionFactory(exchange=exchange)
    outsider = CoordinatorFactory(city=CityFactory()).user
    session_move(session=session, user=outsider, start=session.start + timedelta(hours=2))
    client.force_login(outsider)

    assert client.get(_url("session_move", exchange, session)).status_code == 404
    assert (
        client.post(_url("session_move", exchange, session), {"day": "2017-10-17", "start_time": "08:00"}).status_code
        == 404
    )
    assert client.post(_url("move_undo", exchange)).status_code == 404
    assert client.get(_url("exchange_copy", exchange)).status_code == 404
    session.refresh_from_db()
    assert session.local_start().strftime("%d %H:%M") == "16 11:00"


# --- daily blocks -----------------------------------------------------------------------------------------------


def _session_post(**values):
    return {
        "kind": "workshop",
        "title_en": "Workshop",
        "title_fr": "Atelier",
        "day": "2017-10-16",
        "start_time": "09:00",
        "end_time": "17:00",
    } | values


def test_a_two_day_workshop_is_two_daily_blocks_and_two_calendar_events(client, exchange, staff_user):
    exchange.is_public = True
    exchange.save()
    client.force_login(staff_user)

    client.post(_url("session_add", exchange), _session_post(end_day="2017-10-17"))

    blocks = list(exchange.sessions.order_by("start"))
    assert [(b.local_start().strftime("%d %H:%M"), b.local_end().strftime("%d %H:%M")) for b in blocks] == [
        ("16 09:00", "16 17:00"),
        ("17 09:00", "17 17:00"),
    ]
    assert blocks[0].series == blocks[1].series is not None
    assert [b.title_fr for b in blocks] == ["Atelier", "Atelier"]
    feed = client.get(reverse("exchanges:agenda_ics", kwargs={"slug": exchange.slug})).content.decode()
    assert feed.count("BEGIN:VEVENT") == 2
    builder = client.get(_url("builder", exchange)).content.decode()
    assert "day 1 of 2" in builder and "day 2 of 2" in builder
    agenda = client.get(reverse("exchanges:agenda", kwargs={"slug": exchange.slug})).content.decode()
    assert agenda.count("(8 h)") == 2  # each day's block, not one of 32 hours


def test_editing_every_day_of_a_series_changes_each_block_on_its_own_day(client, exchange, staff_user):
    values = {"kind": "workshop", "title_en": "Workshop", "start": host_time(exchange, exchange.start_date, 9)}
    values["end"] = values["start"] + timedelta(hours=8)
    first, second = session_series_create(exchange=exchange, last_day=date(2017, 10, 17), **values)
    second.notes_en = "Day two's outcome"
    second.save()
    client.force_login(staff_user)

    client.post(
        _url("session_edit", exchange, first),
        _session_post(title_en="Long workshop", start_time="10:00", series_scope="all"),
    )

    second.refresh_from_db()
    assert (second.title_en, second.local_start().strftime("%d %H:%M")) == ("Long workshop", "17 10:00")
    assert second.notes_en == "Day two's outcome"  # each day keeps its own notes


def test_editing_one_day_of_a_series_leaves_the_other_days(client, exchange, staff_user):
    values = {"kind": "workshop", "title_en": "Workshop", "start": host_time(exchange, exchange.start_date, 9)}
    values["end"] = values["start"] + timedelta(hours=8)
    first, second = session_series_create(exchange=exchange, last_day=date(2017, 10, 17), **values)
    client.force_login(staff_user)

    client.post(
        _url("session_edit", exchange, second), _session_post(day="2017-10-17", end_time="13:00", series_scope="one")
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.local_end().strftime("%H:%M") == "17:00"
    assert second.local_end().strftime("%H:%M") == "13:00"


def test_a_last_day_before_the_day_is_an_error_on_the_last_day(client, exchange, staff_user):
    client.force_login(staff_user)

    response = client.post(_url("session_add", exchange), _session_post(end_day="2017-10-15"))

    assert "The last day must be on or after the first day." in response.content.decode()
    assert not exchange.sessions.exists()


# --- copies and templates -----------------------------------------------------------------------------------------


def test_exchange_copy_takes_objectives_delegations_sessions_and_venues_in_both_languages(exchange, staff_user):
    exchange.description_fr = "Échanger des pratiques"
    exchange.save()
    ObjectiveFactory(exchange=exchange, lead_en="Share tools", lead_fr="Partager des outils", position=1)
    visiting = DelegationFactory(exchange=exchange)
    MembershipFactory(delegation=visiting)
    venue = VenueFactory(city=exchange.host_city)
    session = SessionFactory(
        exchange=exchange, venue=venue, title_en="Site visit", title_fr="Visite de terrain", notes_en="Went well"
    )
    session.attending_delegations.set([visiting])
    session.presenters.set([PersonFactory()])

    copy = exchange_copy(
        source=exchange, start_date=date(2018, 5, 7), titles={"en": "Beirut–Oslo", "fr": "Beyrouth–Oslo"}
    )

    assert (copy.slug, copy.title_fr, copy.status) == ("beirut-oslo", "Beyrouth–Oslo", Exchange.Status.DRAFT)
    assert (copy.start_date, copy.end_date, copy.description_fr) == (
        date(2018, 5, 7),
        date(2018, 5, 9),
        "Échanger des pratiques",
    )
    assert [(o.lead_en, o.lead_fr) for o in copy.objectives.all()] == [("Share tools", "Partager des outils")]
    delegation = copy.delegations.get(city=visiting.city)
    assert not delegation.memberships.exists()
    copied = copy.sessions.get()
    assert (copied.title_en, copied.title_fr, copied.venue) == ("Site visit", "Visite de terrain", venue)
    assert not copied.notes_en  # the outcome is the old exchange's
    assert copied.local_start().strftime("%Y-%m-%d %H:%M") == "2018-05-07 09:00"
    assert list(copied.attending_delegations.all()) == [delegation]
    assert not copied.presenters.exists()
    assert not AgendaChange.objects.filter(exchange=copy).exists()


def test_new_exchange_from_a_template_of_the_programme(client, exchange, staff_user):
    exchange.is_template = True
    exchange.save()
    client.force_login(staff_user)

    programme_page = client.get(reverse("exchanges:programme_detail", kwargs={"slug": exchange.programme.slug}))
    response = client.post(
        _url("exchange_copy", exchange), {"title_en": "Beirut–Oslo 2027", "start_date": "2027-03-01"}
    )

    assert f"New exchange from template “{exchange.title}”" in programme_page.content.decode()
    copy = Exchange.objects.get(slug="beirut-oslo-2027")
    assert response["Location"] == reverse("exchanges:builder", kwargs={"slug": copy.slug})
    assert (copy.programme, copy.is_template, copy.start_date) == (exchange.programme, False, date(2027, 3, 1))


def test_a_copy_needs_a_title(client, exchange, staff_user):
    client.force_login(staff_user)

    response = client.post(_url("exchange_copy", exchange), {"start_date": "2027-03-01"})

    assert "Give the title in English or in French (or both)." in response.content.decode()
    assert Exchange.objects.count() == 1


def test_session_series_keeps_utc_instants_on_wall_clock_hours():
    montreal = CityFactory(time_zone="America/Toronto")
    exchange = ExchangeFactory(host_city=montreal, start_date=date(2017, 11, 4), end_date=date(2017, 11, 5))
    start = datetime(2017, 11, 4, 13, 0, tzinfo=UTC)  # 9:00 EDT

    blocks = session_series_create(
        exchange=exchange,
        last_day=date(2017, 11, 5),
        kind="workshop",
        title="W",
        start=start,
        end=start + timedelta(hours=1),
    )

    assert [block.start for block in blocks] == [start, datetime(2017, 11, 5, 14, 0, tzinfo=UTC)]
    assert Session.objects.filter(series=blocks[0].series).count() == 2

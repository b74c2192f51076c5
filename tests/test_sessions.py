"""Session forms and services: host-city times stored as UTC, across Montréal's DST change; agenda changes."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from exchanges.forms import SessionForm
from exchanges.models import AgendaChange, Exchange, Session
from exchanges.services import session_create, session_delete, session_duplicate, session_update
from exchanges.services.series import session_series_create
from tests.factories import CityFactory, ExchangeFactory, PersonFactory, SessionFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def autumn_exchange():
    """Montréal, 3–6 November 2017: clocks go back on Sunday 5 November at 02:00."""
    montreal = CityFactory(name="Montréal", time_zone="America/Toronto")
    return ExchangeFactory(host_city=montreal, start_date=date(2017, 11, 3), end_date=date(2017, 11, 6))


def _form(exchange, venue_obj, **data):
    values = {
        "kind": "presentation",
        "title": "Briefing",
        "venue": venue_obj.pk,
        "start_time": "09:00",
        "end_time": "10:00",
    }
    values.update(data)
    return SessionForm(values, exchange=exchange)


@pytest.mark.parametrize(
    "day, start_utc",
    [
        ("2017-11-03", datetime(2017, 11, 3, 13, 0, tzinfo=UTC)),
        ("2017-11-06", datetime(2017, 11, 6, 14, 0, tzinfo=UTC)),
    ],
)
def test_session_form_stores_montreal_time_as_utc_on_each_side_of_dst(autumn_exchange, day, start_utc):
    form = _form(autumn_exchange, VenueFactory(city=autumn_exchange.host_city), day=day)

    assert form.is_valid(), form.errors
    session = session_create(exchange=autumn_exchange, **form.session_values())

    session.refresh_from_db()
    assert session.start == start_utc
    assert session.local_start().strftime("%H:%M") == "09:00"
    assert (session.end - session.start).total_seconds() == 3600


def test_session_over_several_days_becomes_daily_blocks_with_the_same_hours_across_dst(autumn_exchange):
    form = _form(
        autumn_exchange,
        VenueFactory(city=autumn_exchange.host_city),
        day="2017-11-04",
        start_time="09:00",
        end_day="2017-11-06",
        end_time="17:00",
    )

    assert form.is_valid(), form.errors
    blocks = session_series_create(
        exchange=autumn_exchange, last_day=form.cleaned_data["last_day"], **form.session_values()
    )

    assert [(block.start, block.end) for block in blocks] == [
        (datetime(2017, 11, 4, 13, 0, tzinfo=UTC), datetime(2017, 11, 4, 21, 0, tzinfo=UTC)),  # EDT, UTC−4
        (datetime(2017, 11, 5, 14, 0, tzinfo=UTC), datetime(2017, 11, 5, 22, 0, tzinfo=UTC)),  # EST, UTC−5
        (datetime(2017, 11, 6, 14, 0, tzinfo=UTC), datetime(2017, 11, 6, 22, 0, tzinfo=UTC)),
    ]
    assert len({block.series for block in Session.objects.filter(exchange=autumn_exchange)}) == 1
    edit = SessionForm(instance=blocks[1], exchange=autumn_exchange)
    assert edit.initial["day"] == date(2017, 11, 5)
    assert edit.initial["end_time"].strftime("%H:%M") == "17:00"
    assert "end_day" not in edit.fields and "series_scope" in edit.fields


def test_session_form_refuses_a_time_the_clocks_skip():
    montreal = CityFactory(time_zone="America/Toronto")
    exchange = ExchangeFactory(host_city=montreal, start_date=date(2018, 3, 10), end_date=date(2018, 3, 12))

    form = _form(exchange, VenueFactory(city=montreal), day="2018-03-11", start_time="02:30", end_time="04:00")

    assert not form.is_valid()
    assert "skip this time" in form.errors["start_time"][0]


def test_session_form_end_before_start_is_an_error_on_the_end_time(autumn_exchange):
    form = _form(autumn_exchange, VenueFactory(), day="2017-11-03", start_time="10:00", end_time="09:00")

    assert not form.is_valid()
    assert form.errors["end_time"] == ["The session must end after it starts."]


def test_session_form_site_visit_without_site_is_an_error_on_the_venue(autumn_exchange):
    form = SessionForm(
        {"kind": "site_visit", "title": "Lachine", "day": "2017-11-03", "start_time": "09:00", "end_time": "10:00"},
        exchange=autumn_exchange,
    )

    assert not form.is_valid()
    assert "site" in form.errors["venue"][0]


def test_session_form_unknown_venue_is_an_error_on_the_venue(autumn_exchange):
    form = _form(autumn_exchange, VenueFactory(), day="2017-11-03", venue="999999")

    assert not form.is_valid()
    assert "venue" in form.errors


def test_session_form_outside_the_exchange_is_valid(autumn_exchange):
    form = _form(autumn_exchange, VenueFactory(), day="2017-10-20")

    assert form.is_valid(), form.errors


def test_session_create_refuses_a_site_visit_without_a_site(autumn_exchange):
    with pytest.raises(ValidationError):
        session_create(
            exchange=autumn_exchange,
            kind=Session.Kind.SITE_VISIT,
            title="Lachine",
            start=datetime(2017, 11, 3, 13, tzinfo=UTC),
            end=datetime(2017, 11, 3, 14, tzinfo=UTC),
            venue=None,
        )

    assert Session.objects.count() == 0


def test_moving_a_scheduled_session_records_what_changed():
    session = SessionFactory(exchange__status=Exchange.Status.SCHEDULED)
    user = UserFactory()

    change = session_update(
        session=session,
        user=user,
        start=session.start.replace(hour=session.start.hour + 1),
        end=session.end.replace(hour=session.end.hour + 1),
    )

    assert change.action == AgendaChange.Action.CHANGED
    assert change.changes == [
        {
            "field": "when",
            "old": {"start": "2017-10-16T13:00:00+00:00", "end": "2017-10-16T14:00:00+00:00"},
            "new": {"start": "2017-10-16T14:00:00+00:00", "end": "2017-10-16T15:00:00+00:00"},
        }
    ]
    assert change.summary == ""  # worded for each reader when read, not in the editor's language
    assert change.changed_by == user


def test_changing_presenters_and_day_is_summarised():
    session = SessionFactory(exchange__status=Exchange.Status.UNDER_WAY)
    person = PersonFactory(name="Maye Seck")

    change = session_update(
        session=session,
        start=session.start.replace(day=17),
        end=session.end.replace(day=17),
        presenters=[person],
    )

    by_field = {item["field"]: item for item in change.changes}
    assert sorted(by_field) == ["presenters", "when"]
    assert by_field["when"]["new"]["start"] == "2017-10-17T13:00:00+00:00"
    assert by_field["presenters"] == {"field": "presenters", "old": [], "new": [{"id": person.pk, "name": "Maye Seck"}]}


def test_saving_a_session_unchanged_records_nothing():
    session = SessionFactory(exchange__status=Exchange.Status.SCHEDULED)

    assert session_update(session=session, title=session.title) is None
    assert AgendaChange.objects.count() == 0


def test_add_duplicate_and_delete_are_recorded_for_a_scheduled_exchange():
    session = SessionFactory(exchange__status=Exchange.Status.SCHEDULED, title="Roundtables")
    session.presenters.add(PersonFactory())

    copy = session_duplicate(session=session)
    session_delete(session=session)

    changes = list(AgendaChange.objects.order_by("pk").values_list("action", "session_title"))
    assert changes == [("added", "Roundtables (copy)"), ("removed", "Roundtables")]
    assert list(copy.presenters.all()) == list(Session.objects.get(pk=copy.pk).presenters.all())
    assert copy.presenters.count() == 1
    removed = AgendaChange.objects.get(action="removed").changes
    assert removed[0] == {
        "field": "when",
        "old": {"start": "2017-10-16T13:00:00+00:00", "end": "2017-10-16T14:00:00+00:00"},
        "new": None,
    }
    assert removed[1] == {"field": "title", "old": {"en": "Roundtables", "fr": ""}, "new": None}


def test_changes_to_a_draft_are_not_recorded():
    session = SessionFactory(exchange__status=Exchange.Status.DRAFT)

    session_update(session=session, title="New title")
    session_delete(session=session)

    assert AgendaChange.objects.count() == 0

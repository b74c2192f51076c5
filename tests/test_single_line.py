"""Single-line fields (issue 15): line breaks refused where people type; feeds, digests and reminders safe
for rows stored with them anyway.

An exchange titled across two lines made its agenda feed answer 500, a person with such a name broke their
personal feed, and the exchange's agenda digest raised BadHeaderError on every run.
"""

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
import time_machine
import vobject
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from cities.models import City, Organisation
from core.fields import SingleLineCharField
from exchanges.models import AgendaChange, Exchange, NextStep, Session, Venue
from exchanges.services import agenda_change_record
from exchanges.services.next_steps import next_step_reminders_send
from participants.models import Person
from tests.factories import NextStepFactory, OrganisationFactory, StaffFactory
from tests.test_notices import _exchange_with_people

# Every single-line text a person types, by model. A new one belongs here and in SingleLineCharField.
SINGLE_LINE = {
    "cities.Theme": {"name"},
    "cities.City": {"name", "country", "region", "languages"},
    "cities.Organisation": {"name", "acronym"},
    "cities.Initiative": {"name", "acronym", "summary"},
    "exchanges.Programme": {"name"},
    "exchanges.Exchange": {"title"},
    "exchanges.Objective": {"lead"},
    "exchanges.Venue": {"name", "address", "district"},
    "exchanges.Session": {"title"},
    "participants.Person": {"name", "honorific", "job_title", "languages"},
}
FIELDS = sorted((label, name) for label, names in SINGLE_LINE.items() for name in names)
BREAKS = ["Dakar\r\nMontréal", "Dakar\nMontréal", "Dakar\rMontréal", "Dakar\tMontréal", "Dakar\u2028Montréal"]
T0 = datetime(2030, 5, 1, 12, 0, tzinfo=UTC)


def test_single_line_fields_are_the_ones_listed():
    found = {}
    for model in apps.get_models():
        if model._meta.app_label == "audit":
            continue  # the history copies of the tracked models
        names = {field.name for field in model._meta.fields if isinstance(field, SingleLineCharField)}
        if names:
            found[model._meta.label] = names

    assert found == SINGLE_LINE


@pytest.mark.parametrize(("label", "name"), FIELDS)
def test_every_single_line_field_refuses_a_line_break_next_to_the_field(label, name):
    field = apps.get_model(label)._meta.get_field(name)
    form_field = field.formfield()

    for value in BREAKS:
        with pytest.raises(Exception) as refused:
            form_field.clean(value)
        assert "Keep this on one line" in str(refused.value)
    assert form_field.clean("  Montréal — SPVM & Co.  ") == "Montréal — SPVM & Co."
    with pytest.raises(Exception, match="Keep this on one line"):
        field.clean("Dakar\nMontréal", None)  # model validation (full_clean) too


@pytest.mark.django_db
def test_organisation_form_shows_the_line_break_error_and_saves_nothing(client):
    client.force_login(StaffFactory())

    response = client.post(reverse("cities:organisation_create"), {"name": "Ville de\r\nMontréal", "kind": "other"})

    assert response.status_code == 200
    assert "Keep this on one line" in response.content.decode()
    assert not Organisation.objects.filter(name__contains="Montréal").exists()


# --- rows stored with line breaks (before the rule, or around the forms) ----------------------------------------


def _break_everything(exchange, session, people):
    """Line breaks in every single-line value the exchange's feeds and e-mails print, written around the forms."""
    Exchange.objects.filter(pk=exchange.pk).update(title="Dakar–Montréal\r\nexchange & <partners> \"2017\" 'A'")
    Session.objects.filter(pk=session.pk).update(title="Opening\r\nroundtable")
    Venue.objects.filter(pk=session.venue_id).update(name="Room\nB", address="1 rue\r\nX", district="Centre\rVille")
    City.objects.filter(pk=exchange.host_city_id).update(name="Host\r\nCity")
    organisation = OrganisationFactory(name="Police\r\nService")
    Person.objects.filter(pk=people["presenter"].pk).update(
        name="Sylvain\r\nBissonnette", job_title="Commander\nin chief", organisation=organisation
    )
    Person.objects.filter(pk=people["host"].pk).update(name="Maye\r\nSeck", honorific="Dr\n")
    exchange.refresh_from_db()
    session.refresh_from_db()


def _assert_calendar_parses(body: bytes) -> dict:
    calendar = icalendar.Calendar.from_ical(body)
    parsed = vobject.readOne(body.decode())
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert len(list(parsed.vevent_list)) == len(events) >= 1
    for value in [str(calendar["X-WR-CALNAME"]), *events]:
        assert "\n" not in value and "\r" not in value
    return events


@pytest.mark.django_db
def test_feeds_of_rows_with_line_breaks_parse_with_icalendar_and_vobject(client):
    exchange, session, people = _exchange_with_people()
    _break_everything(exchange, session, people)
    client.force_login(StaffFactory())

    exchange_feed = client.get(reverse("exchanges:agenda_ics", kwargs={"slug": exchange.slug}))
    host = Person.objects.get(pk=people["host"].pk)
    personal_feed = client.get(reverse("exchanges:personal_feed", kwargs={"token": host.feed_token}))

    assert exchange_feed.status_code == 200 and personal_feed.status_code == 200
    events = _assert_calendar_parses(exchange_feed.content)
    assert "Opening roundtable" in events
    assert str(events["Opening roundtable"]["LOCATION"]).startswith("Room B, 1 rue X, Centre Ville")
    assert "Sylvain Bissonnette, Commander in chief, Police Service" in str(events["Opening roundtable"]["DESCRIPTION"])
    assert "Opening roundtable" in _assert_calendar_parses(personal_feed.content)
    assert exchange_feed["Content-Disposition"] == f'attachment; filename="{exchange.slug}.ics"'


@pytest.mark.django_db
def test_digest_of_an_exchange_with_a_two_line_title_is_sent_with_a_plain_one_line_subject(settings):
    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    exchange, session, people = _exchange_with_people()
    _break_everything(exchange, session, people)
    with time_machine.travel(T0, tick=False):
        agenda_change_record(exchange=exchange, session=session, action=AgendaChange.Action.CHANGED, summary="Moved")

    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        call_command("send_agenda_digests")

    assert len(mail.outbox) == 3  # host, visitor, presenter (the quiet one turned notices off)
    subjects = {message.subject for message in mail.outbox}
    assert subjects == {"Agenda changes: Dakar–Montréal exchange & <partners> \"2017\" 'A'"}
    assert all(message.message()["Subject"] for message in mail.outbox)  # Django builds the header: no BadHeaderError
    assert not AgendaChange.objects.filter(notified_at__isnull=True).exists()


@pytest.mark.django_db
def test_reminder_of_a_step_of_an_exchange_with_a_two_line_title_is_sent_with_a_plain_subject():
    exchange, session, people = _exchange_with_people()
    _break_everything(exchange, session, people)
    owner = Person.objects.get(pk=people["visitor"].pk)
    NextStepFactory(exchange=exchange, owner_person=owner, due_date=date(2030, 5, 10), status=NextStep.Status.OPEN)

    sent = next_step_reminders_send(today=date(2030, 5, 5))

    assert sent == 1
    assert mail.outbox[0].subject.endswith("your next step from Dakar–Montréal exchange & <partners> \"2017\" 'A'")
    assert "&amp;" not in mail.outbox[0].subject and "&lt;" not in mail.outbox[0].subject


def test_pdf_download_names_are_safe_in_a_header_even_for_a_stored_slug_with_a_line_break():
    from reports.models import RenderJob

    job = RenderJob(exchange=Exchange(slug="dakar\r\nmontréal"), kind=RenderJob.Kind.REPORT, language="fr")
    unnamed = RenderJob(exchange=Exchange(slug="\r\n"), kind=RenderJob.Kind.AGENDA, language="en")

    assert job.download_name() == "dakar-montreal-summary-report-fr.pdf"
    assert unnamed.download_name() == "exchange-agenda-en.pdf"

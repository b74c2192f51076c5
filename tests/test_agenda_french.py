"""The agendas in French: the exchange agenda and My agenda pages, the printable agenda PDF and the calendar feeds
follow the language (the request's for pages and the exchange feed, the person's for the personal feed)."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from icalendar import Calendar

from exchanges.agenda import duration_text, zone_time_label
from participants.models import Person
from reports.models import RenderJob
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db
DEMO_AGENDA = "/exchanges/dakar-montreal-2017/agenda/"
FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def _text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _login(client, email):
    client.force_login(get_user_model().objects.get(email=email))


def test_exchange_agenda_in_french_has_french_days_times_zones_and_durations(client, demo):
    _login(client, "delegate@example.org")

    text = _text(client.get(DEMO_AGENDA, **FRENCH))

    assert "lundi 16 octobre 2017" in text and "mercredi 18 octobre 2017" in text
    assert "Les heures sont celles de Montréal (America/Toronto)" in text
    assert "8 h 30 – 10 h 30 heure de Montréal (2 h) · 12 h 30 – 14 h 30 heure de Dakar" in text
    assert "9 h 00 – mer 18 oct 17 h 00 heure de Montréal" in text
    assert "Table ronde" in text and "Participants : toutes les délégations" in text
    for english in ("Monday", "October", "Montréal time", "Attending"):
        assert english not in text
    assert not re.search(r"\bRoundtable\b", text)  # the kind; session titles are data and stay as entered


def test_my_agenda_in_french(client, demo):
    _login(client, "delegate@example.org")

    text = _text(client.get("/my/agenda/", **FRENCH))

    assert "Mon programme" in text
    assert "8 h 30 – 10 h 30 heure de Montréal (2 h) · 12 h 30 – 14 h 30 heure de Dakar" in text
    assert "Monday" not in text and "Montréal time" not in text


def test_durations_and_zone_labels_follow_the_language():
    start = datetime(2017, 10, 16, 9, 0, tzinfo=UTC)

    with translation.override("fr"):
        french = [duration_text(start, start.replace(hour=hour, minute=minute)) for hour, minute in [(11, 30), (9, 45)]]
        labels = [zone_time_label("Dakar"), zone_time_label("Abidjan")]

    assert french == ["2 h 30", "45 min"]
    assert labels == ["heure de Dakar", "heure d’Abidjan"]
    assert duration_text(start, start.replace(hour=11, minute=30)) == "2 h 30 min"
    assert zone_time_label("Dakar") == "Dakar time"


def test_agenda_pdf_asked_in_french_is_french(client, demo, django_capture_on_commit_callbacks):
    _login(client, "delegate@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/exchanges/dakar-montreal-2017/report/agenda-pdf/", **FRENCH)

    job = RenderJob.objects.get()
    assert job.language == "fr" and job.status == RenderJob.Status.DONE
    with job.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "lundi 16 octobre 2017" in text and "8 h 30" in text
    assert "TABLE RONDE" in text.upper()  # kinds are printed in capitals
    assert "MONDAY" not in text.upper() and "OCTOBER" not in text.upper()
    assert not re.search(r"\bROUNDTABLE\b", text.upper())


def test_exchange_feed_follows_the_request_language(client, demo):
    _login(client, "delegate@example.org")

    french = Calendar.from_ical(client.get("/exchanges/dakar-montreal-2017/agenda.ics", **FRENCH).content)
    english = Calendar.from_ical(client.get("/exchanges/dakar-montreal-2017/agenda.ics").content)

    # The demo's title has no French yet: the calendar's name says its title is in English.
    assert str(french["X-WR-CALNAME"]) == "Dakar–Montréal city exchange (en anglais) : programme"
    events = {str(event["SUMMARY"]): event for event in french.walk("VEVENT")}
    description = str(events["Roundtables with the Ville de Montréal"]["DESCRIPTION"])
    assert description.startswith("Table ronde · lundi 16 octobre 2017, 8 h 30 – 10 h 30, heure de Montréal")
    assert "Participants : toutes les délégations" in description
    assert str(english["X-WR-CALNAME"]).endswith(": agenda")


def test_personal_feed_follows_the_persons_language_not_the_requests(client, demo):
    person = Person.objects.get(email="maye.seck@example.org")
    Person.objects.filter(pk=person.pk).update(language="fr")

    calendar = Calendar.from_ical(client.get(f"/feeds/{person.feed_token}.ics", HTTP_ACCEPT_LANGUAGE="en").content)

    assert str(calendar["X-WR-CALNAME"]) == "Mon programme : Maye Seck"
    descriptions = " ".join(str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT"))
    assert "lundi 16 octobre 2017, 8 h 30" in descriptions and "Monday" not in descriptions

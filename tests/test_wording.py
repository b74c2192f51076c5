"""Recorded agenda changes worded in the reader's language (exchanges.wording)."""

import zoneinfo
from datetime import timedelta

import pytest
from django.utils import translation

from exchanges.agenda import Zone
from exchanges.models import AgendaChange, Exchange
from exchanges.services import session_update
from exchanges.wording import ChangeWording, text_in_language
from tests.factories import SessionFactory, StaffFactory

MONTREAL = Zone(zoneinfo.ZoneInfo("America/Toronto"), "Montréal")
DAKAR = Zone(zoneinfo.ZoneInfo("Africa/Dakar"), "Dakar")


def _renamed_and_moved_across_midnight_in_dakar():
    return AgendaChange(
        action=AgendaChange.Action.CHANGED,
        session_title="Dinner",
        changes=[
            {
                "field": "when",
                "old": {"start": "2017-10-16T22:00:00+00:00", "end": "2017-10-16T23:00:00+00:00"},
                "new": {"start": "2017-10-16T23:30:00+00:00", "end": "2017-10-17T00:30:00+00:00"},
            },
            {"field": "title", "old": {"en": "Dinner", "fr": "Dîner"}, "new": {"en": "Late dinner", "fr": ""}},
            {"field": "attending", "old": [{"id": 1, "city": "Dakar"}], "new": []},
            {"field": "description", "old": {"en": "a"}, "new": {"en": "b"}},
        ],
    )


def test_text_in_language_marks_a_text_shown_in_the_other_language():
    with translation.override("fr"):
        assert text_in_language({"en": "Late dinner", "fr": ""}) == "Late dinner (en anglais)"
        assert text_in_language({"en": "Dinner", "fr": "Dîner"}) == "Dîner"
        assert text_in_language({"": "Roundtables"}) == "Roundtables"  # a text of one unnamed language: no mark
    assert text_in_language({"en": "", "fr": "Dîner"}) == "Dîner (in French)"


def test_changes_are_worded_in_the_readers_language_and_both_time_zones():
    change = _renamed_and_moved_across_midnight_in_dakar()

    english = ChangeWording(change, host=MONTREAL, home=DAKAR).lines
    with translation.override("fr"):
        words = ChangeWording(change, host=MONTREAL, home=DAKAR)
        french, french_title = words.lines, words.title

    assert english == [
        "Time: 18:00–19:00 → 19:30–20:30 Montréal time · Mon 16 Oct, 22:00–23:00 → Mon 16 Oct 23:30 – Tue 17 Oct"
        " 00:30 Dakar time",
        "Title: Dinner → Late dinner",
        "Attending: Dakar → all delegations",
        "Description updated.",
    ]
    assert french == [
        "Horaire : 18 h 00–19 h 00 → 19 h 30–20 h 30 heure de Montréal · lun 16 oct, 22 h 00–23 h 00 → lun 16 oct"
        " 23 h 30 – mar 17 oct 0 h 30 heure de Dakar",
        "Titre : Dîner → Late dinner (en anglais)",
        "Délégations présentes : Dakar → toutes les délégations",
        "Description mise à jour.",
    ]
    assert french_title == "Late dinner (en anglais)"


def test_a_change_recorded_as_text_before_the_structured_form_is_shown_as_written():
    change = AgendaChange(action=AgendaChange.Action.CHANGED, session_title="Dinner", summary="Time: 18:00 → 19:00\n")

    with translation.override("fr"):
        words = ChangeWording(change, host=MONTREAL, home=DAKAR)

        assert (words.lines, words.title, words.times) == (["Time: 18:00 → 19:00"], "Dinner", None)


@pytest.mark.django_db
def test_admin_shows_a_recorded_change_worded_in_the_admins_language(client):
    session = SessionFactory(exchange__status=Exchange.Status.SCHEDULED)
    change = session_update(
        session=session, start=session.start + timedelta(hours=1), end=session.end + timedelta(hours=1)
    )
    client.force_login(StaffFactory(is_superuser=True))

    page = client.get(f"/admin/exchanges/agendachange/{change.pk}/change/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Horaire : 9 h 00–10 h 00 → 10 h 00–11 h 00 heure de" in page


def test_removal_of_a_restricted_session_reads_busy_in_the_readers_language_and_names_nothing_else():
    change = AgendaChange(
        action=AgendaChange.Action.REMOVED,
        session_title="Busy",
        changes=[
            {"field": "when", "old": {"start": "2017-10-16T13:00:00+00:00", "end": "2017-10-16T14:00:00+00:00"}},
            {"field": "confidentiality", "old": "restricted", "new": None},
        ],
    )

    with translation.override("fr"):
        words = ChangeWording(change, host=MONTREAL, home=None)
        title, lines, start = words.title, words.lines, words.times.host.start_time

    assert (title, lines, start) == ("Occupé", [], "9 h 00")

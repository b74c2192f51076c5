"""Exports of an exchange (CSV with a byte order mark, XLSX) and one session's calendar file."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook

from api.exports import Table, as_csv

pytestmark = pytest.mark.django_db


def _login(client, email):
    client.force_login(get_user_model().objects.get(email=email))


def test_the_people_csv_starts_with_a_bom_so_spreadsheets_read_the_accents(client, demo):
    _login(client, "coordinator@example.org")

    response = client.get(reverse("open_data:people_export", args=[demo.slug, "csv"]))

    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="dakar-montreal-2017-people.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    maye = next(row for row in rows if row["Name"] == "Maye Seck")
    assert maye["Delegation"] == "Dakar" and maye["E-mail address"] == "maye.seck@example.org"
    assert {row["Delegation"] for row in rows} == {"Dakar", "Montréal"}
    assert len(rows) == sum(delegation.memberships.count() for delegation in demo.delegations.all())


def test_the_people_xlsx_holds_the_same_rows(client, demo):
    _login(client, "staff@example.org")

    response = client.get(reverse("open_data:people_export", args=[demo.slug, "xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Delegation", "Delegation role", "Role", "Honorific", "Name")
    assert any(row[0] == "Montréal" for row in rows[1:])
    assert len(rows) - 1 == sum(delegation.memberships.count() for delegation in demo.delegations.all())


def test_the_people_list_is_for_those_who_edit_the_exchange(client, demo):
    _login(client, "delegate@example.org")

    people = client.get(reverse("open_data:people_export", args=[demo.slug, "csv"]))
    agenda = client.get(reverse("open_data:agenda_export", args=[demo.slug, "csv"]))
    page = client.get(reverse("exchanges:detail", args=[demo.slug])).content.decode()

    assert people.status_code == 404
    assert agenda.status_code == 200 and "Roundtables with the Ville de Montréal" in agenda.content.decode("utf-8-sig")
    assert reverse("open_data:agenda_export", args=[demo.slug, "csv"]) in page
    assert reverse("open_data:people_export", args=[demo.slug, "csv"]) not in page


@pytest.mark.usefixtures("private_demo")  # the demo is public (issue 14): a private one here
def test_outsiders_get_404_on_every_export(client, demo):
    client.logout()
    urls = [
        reverse(name, args=[demo.slug, fmt])
        for name in ("open_data:people_export", "open_data:agenda_export", "open_data:next_steps_export")
        for fmt in ("csv", "xlsx")
    ] + [reverse("open_data:session_ics", args=[demo.slug, demo.sessions.first().pk])]

    answers = {url: client.get(url).status_code for url in urls}

    assert set(answers.values()) == {404}


def test_the_agenda_and_next_steps_exports_list_every_row_in_host_time(client, demo):
    _login(client, "staff@example.org")

    agenda = client.get(reverse("open_data:agenda_export", args=[demo.slug, "xlsx"]))
    steps = client.get(reverse("open_data:next_steps_export", args=[demo.slug, "csv"]))

    agenda_rows = list(load_workbook(io.BytesIO(agenda.content)).active.iter_rows(values_only=True))[1:]
    first = demo.sessions.order_by("start").first()
    assert len(agenda_rows) == demo.sessions.count()
    assert agenda_rows[0][:3] == (
        first.local_start().date().isoformat(),
        first.local_start().strftime("%H:%M"),
        first.local_end().strftime("%H:%M"),
    )
    assert agenda_rows[0][3] == "America/Toronto"
    step_rows = list(csv.DictReader(io.StringIO(steps.content.decode("utf-8-sig"))))
    assert len(step_rows) == demo.next_steps.count()
    assert any(row["Commitment"].startswith("The CPRLV sends round a first concept note") for row in step_rows)


def test_a_cell_that_looks_like_a_formula_is_written_as_text():
    body = as_csv(Table("t", ["Name"], [['=HYPERLINK("http://evil")'], ["-1+2"], ["Plain"]]))

    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))

    assert rows[1:] == [['\'=HYPERLINK("http://evil")'], ["'-1+2"], ["Plain"]]


def test_a_sessions_calendar_file_holds_that_one_event(client, demo):
    session = demo.sessions.order_by("start").first()
    _login(client, "delegate@example.org")

    response = client.get(reverse("open_data:session_ics", args=[demo.slug, session.pk]))
    other = client.get(reverse("open_data:session_ics", args=["no-such-exchange", session.pk]))

    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == [session.title]
    assert str(events[0]["uid"]).startswith(str(session.uid))
    assert other.status_code == 404

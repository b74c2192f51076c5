"""Spreadsheet exports of an exchange (people, agenda, next steps) as CSV or XLSX.

CSV starts with a UTF-8 byte order mark, so that spreadsheet programs read "Montréal" and "Sénégal"
right; XLSX (openpyxl) carries its own encoding. A cell that starts like a formula (=, +, -, @) is
written with a leading apostrophe, so that no spreadsheet runs a name typed into the portal.
"""

import csv
import io
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook

from api.selectors import (
    exchange_delegations,
    exchange_next_steps,
    names_speakers,
    session_audience,
    shows_contact_details,
    visible_sessions,
    with_session_details,
)
from exchanges.models import Exchange

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list]


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def people_table(user, exchange: Exchange) -> Table:
    """Every member of every delegation: the organisers' travel and badge list."""
    contact = shows_contact_details(user)
    header = [
        _("Delegation"),
        _("Delegation role"),
        _("Role"),
        _("Honorific"),
        _("Name"),
        _("Job title"),
        _("Organisation"),
        _("City"),
        _("Languages spoken"),
        _("Preferred language"),
    ] + ([_("E-mail address")] if contact else [])
    rows = []
    for delegation in exchange_delegations(exchange).select_related("city"):
        for membership in delegation.memberships.all():
            person = membership.person
            row = [
                delegation.city.name,
                delegation.get_role_display(),
                membership.get_role_display(),
                person.honorific,
                person.name,
                person.job_title,
                person.organisation.name if person.organisation else "",
                person.city.name if person.city else "",
                person.languages,
                person.get_language_display(),
            ]
            rows.append(row + ([person.email] if contact else []))
    return Table(_("People"), header, rows)


def agenda_table(user, exchange: Exchange) -> Table:
    """The sessions the viewer may read, in the host city's time."""
    audience = session_audience(user, exchange)
    sessions = with_session_details(visible_sessions(audience, exchange))
    header = [
        _("Date"),
        _("Start"),
        _("End"),
        _("Time zone"),
        _("Kind"),
        _("Title"),
        _("Venue or site"),
        _("Address"),
        _("Presenters"),
        _("Organisations involved"),
        _("Attending"),
    ]
    rows = []
    for session in sessions.order_by("start", "end", "pk"):
        start, end = session.local_start(), session.local_end()
        named = names_speakers(audience, session)
        delegations = [delegation.city.name for delegation in session.attending_delegations.all()]
        rows.append(
            [
                start.date().isoformat(),
                start.strftime("%H:%M"),
                end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%Y-%m-%d %H:%M"),
                exchange.host_city.time_zone,
                session.get_kind_display(),
                session.title,
                session.venue.name if session.venue else "",
                session.venue.full_address if session.venue else "",
                "; ".join(person.display_name for person in session.presenters.all()) if named else "",
                "; ".join(org.name for org in session.organisations.all()) if named else "",
                ", ".join(delegations) if delegations else _("all delegations"),
            ]
        )
    return Table(_("Agenda"), header, rows)


def next_steps_table(user, exchange: Exchange) -> Table:
    header = [
        _("Position"),
        _("Commitment"),
        _("Owner organisation"),
        _("Owner"),
        _("Objective served"),
        _("Due date"),
        _("Status"),
        _("Latest update"),
        _("Updated"),
    ]
    rows = []
    for step in exchange_next_steps(exchange):
        latest = next(iter(step.updates.all()), None)
        rows.append(
            [
                step.position,
                step.text,
                step.owner_organisation.name if step.owner_organisation else "",
                step.owner_person.display_name if step.owner_person else "",
                step.objective.lead if step.objective else "",
                step.due_date.isoformat() if step.due_date else "",
                step.get_status_display(),
                latest.text if latest else "",
                step.updated_at.astimezone(exchange.tzinfo).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return Table(_("Next steps"), header, rows)


def as_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(table.header)
    writer.writerows([[_cell(value) for value in row] for row in table.rows])
    return buffer.getvalue().encode("utf-8")


def as_xlsx(table: Table) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.title[:31])
    sheet.append(table.header)
    for row in table.rows:
        sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(table: Table, *, exchange: Exchange, name: str, fmt: str) -> HttpResponse:
    body = as_csv(table) if fmt == "csv" else as_xlsx(table)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    filename = f"{slugify(exchange.slug) or 'exchange'}-{name}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response

"""Programme indicators (staff): exchanges held against planned, feedback and actions, per exchange; CSV export."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import ascii_filename
from exchanges.access import require_staff
from exchanges.models import Programme
from exchanges.selectors.surveys import ProgrammeIndicators, programme_indicators

# A spreadsheet reads a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _year(request) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 1900 < int(value) < 3000 else None


def _indicators(request, slug) -> ProgrammeIndicators:
    require_staff(request.user)
    programme = get_object_or_404(Programme, slug=slug)
    return programme_indicators(programme, today=timezone.localdate(), year=_year(request))


@login_required
def indicators(request, slug):
    figures = _indicators(request, slug)
    years = range(figures.programme.start_date.year, figures.programme.end_date.year + 1)
    return render(request, "exchanges/surveys/indicators.html", {"figures": figures, "years": years})


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def indicator_rows(figures: ProgrammeIndicators) -> tuple[list[str], list[list]]:
    """The CSV's (and the PDF's) header and rows, the totals last."""
    header = [
        _("Exchange"),
        _("First day"),
        _("Held"),
        _("Delegates"),
        _("Answered the survey"),
        _("Response rate (%)"),
        _("Objectives met (mean, 1–5)"),
        _("Before (mean)"),
        _("After (mean)"),
        _("Change (mean)"),
        _("Actions"),
        _("Actions done"),
        _("Actions overdue"),
        _("Follow-ups sent"),
        _("Follow-ups answered"),
    ]
    rows = []
    for row in [*figures.rows, figures.total]:
        rows.append(
            [
                row.title,
                row.start_date.isoformat() if row.start_date else "",
                _("yes") if row.held else _("no"),
                row.delegates,
                row.responded,
                row.rate_percent,
                row.met,
                row.before,
                row.after,
                row.change,
                row.actions,
                row.actions_done,
                row.actions_overdue,
                row.follow_ups_sent,
                row.follow_ups_answered,
            ]
        )
    return header, rows


@login_required
def indicators_csv(request, slug):
    figures = _indicators(request, slug)
    header, rows = indicator_rows(figures)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # the byte order mark: spreadsheets then read the accents right
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([[_cell(value) for value in row] for row in rows])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    suffix = f"-{figures.year}" if figures.year else ""
    filename = f"{ascii_filename(figures.programme.slug, fallback='programme')}-indicators{suffix}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response

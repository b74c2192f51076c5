"""Version history of a report: list, view with a diff against the current text, restore."""

import difflib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reports import services
from reports.access import get_report_exchange_or_404, get_report_or_404
from reports.models import SECTIONS, ReportVersion
from reports.text import render_markdown


@login_required
def version_list(request, slug, lang=None):
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    report = get_report_or_404(request, exchange, lang)
    versions = report.versions.select_related("created_by__person").order_by("-number")
    page = Paginator(versions, 20).get_page(request.GET.get("page"))
    return render(request, "reports/version_list.html", {"exchange": exchange, "report": report, "page": page})


def diff_lines(old: str, new: str) -> list[tuple[str, str]]:
    """(kind, line) pairs of a unified diff from ``old`` to ``new``: kind is 'del', 'add', 'same' or 'hunk'."""
    lines = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            lines.append(("hunk", "…"))
        elif line.startswith("-"):
            lines.append(("del", line[1:]))
        elif line.startswith("+"):
            lines.append(("add", line[1:]))
        else:
            lines.append(("same", line[1:]))
    return lines


@login_required
def version_detail(request, slug, number, lang=None):
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    report = get_report_or_404(request, exchange, lang)
    version = get_object_or_404(
        ReportVersion.objects.select_related("created_by__person"), report=report, number=number
    )
    sections = [
        {
            "name": name,
            "heading": heading,
            "html": render_markdown(getattr(version, name)),
            "diff": diff_lines(getattr(version, name), getattr(report, name)),
        }
        for name, heading in SECTIONS
    ]
    context = {
        "exchange": exchange,
        "report": report,
        "version": version,
        "sections": sections,
        "is_current": version.number == report.version,
    }
    return render(request, "reports/version_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def version_restore(request, slug, number, lang=None):
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    report = get_report_or_404(request, exchange, lang)
    version = get_object_or_404(ReportVersion, report=report, number=number)
    if request.method == "POST":
        report = services.report_restore_version(report=report, version=version, user=request.user)
        messages.success(
            request,
            _("Version %(old)s restored as version %(new)s.") % {"old": version.number, "new": report.version},
        )
        return redirect(report.get_absolute_url())
    return render(
        request, "reports/version_restore_confirm.html", {"exchange": exchange, "report": report, "version": version}
    )

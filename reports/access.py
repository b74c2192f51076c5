"""Who may see, edit and download summary reports and their PDFs. Every reports view asks these helpers.

Staff and the coordinators of the exchange's cities (host, visiting, or sending
a delegation: ``exchanges.access.coordinates_city_of``) edit reports and
generate PDFs. Everyone who may see the exchange may read and download a
published report and print the agenda. Everyone else gets 404 on report, job
and file URLs alike, never a hint that the object exists.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from exchanges.access import coordinates_city_of, get_exchange_for_user_or_404, is_staff, visible_exchanges
from exchanges.models import Exchange
from reports.models import RenderJob, Report


def can_edit_report(user, exchange: Exchange) -> bool:
    """Staff, and the coordinators of every city taking part in the exchange: host, visiting, or sending a
    delegation (DESIGN: coordinators "edit the report of exchanges their city takes part in")."""
    return is_staff(user) or coordinates_city_of(user, exchange)


def get_report_exchange_or_404(user, slug: str, *, edit: bool = False) -> Exchange:
    """The exchange whose report the user may read (or edit, with ``edit=True``), else Http404.

    Reading only needs the exchange to be visible here; which of its reports
    the user may read (published ones, or all for editors) is ``readable_reports``.
    """
    exchange = get_exchange_for_user_or_404(user, slug)
    if edit and not can_edit_report(user, exchange):
        raise Http404
    return exchange


def readable_reports(user, exchange: Exchange) -> list[Report]:
    """The exchange's reports (one per language) this user may read, oldest first."""
    reports = Report.objects.filter(exchange=exchange).order_by("pk")
    if not can_edit_report(user, exchange):
        reports = reports.filter(status=Report.Status.PUBLISHED)
    return list(reports)


def pick_report(reports: list[Report], *, language: str | None, preferred: str) -> Report | None:
    """The report a URL means: the one in ``language`` when the URL names one (None if there is none);
    else the one in the ``preferred`` language (the viewer's), else the first."""
    if language:
        return next((report for report in reports if report.language == language), None)
    return next((report for report in reports if report.language == preferred), reports[0] if reports else None)


def get_report_or_404(request, exchange: Exchange, language: str | None) -> Report:
    """The report of ``exchange`` in ``language`` (or the viewer's choice) that the user may read, else Http404."""
    report = pick_report(readable_reports(request.user, exchange), language=language, preferred=request.LANGUAGE_CODE)
    if report is None:
        raise Http404
    return report


def get_job_for_user_or_404(user, job_id: int) -> RenderJob:
    """A render job the user may follow and download, else Http404.

    Agenda PDFs: anyone who sees the exchange. Report PDFs: the report's
    editors; readers only for a published report and the version on show.
    """
    job = get_object_or_404(
        RenderJob.objects.select_related("exchange", "report").filter(exchange__in=visible_exchanges(user)),
        pk=job_id,
    )
    if job.kind == RenderJob.Kind.AGENDA:
        return job
    if can_edit_report(user, job.exchange):
        return job
    report = job.report
    if report is not None and report.is_published and job.report_version == report.version:
        return job
    raise Http404


def published_reports(user) -> QuerySet[Report]:
    """Published reports of the exchanges this user may see (everyone: those of public exchanges)."""
    return Report.objects.filter(Q(status=Report.Status.PUBLISHED), exchange__in=visible_exchanges(user))

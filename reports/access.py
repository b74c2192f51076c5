"""Who may see, edit and download summary reports and their PDFs. Every reports view asks these helpers.

Staff and the coordinators of the exchange's cities (host, visiting, or sending
a delegation: ``exchanges.access.coordinates_city_of``) edit reports and
generate PDFs. Everyone who may see the exchange may read and download a
published report and print the agenda. Everyone else gets 404 on report, job
and file URLs alike, never a hint that the object exists.
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from cities.access import coordinated_city_ids
from exchanges.access import (
    coordinates_city_of,
    exchange_city_ids,
    get_exchange_for_user_or_404,
    is_staff,
    visible_exchanges,
)
from exchanges.models import Exchange
from reports.models import RenderJob, Report, ReportRelease


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
        reports = reports.filter(_has_release())
    return list(reports)


def _has_release() -> Exists:
    """A report is published while it has a release that is not withdrawn (Report.status follows suit)."""
    return Exists(ReportRelease.objects.filter(report=OuterRef("pk"), withdrawn_at=None))


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

    Agenda PDFs: anyone who sees the exchange. Report PDFs: the report's editors, drafts and every release;
    readers only the PDF of the release they read (the report's current release).
    """
    if is_staff(user):
        programme_job = RenderJob.objects.filter(pk=job_id, kind=RenderJob.Kind.PROGRAMME).select_related("programme")
        job = programme_job.first()
        if job is not None:
            return job  # a programme report: staff only, as the indicators page
    job = get_object_or_404(
        RenderJob.objects.select_related("exchange", "report", "release").filter(exchange__in=visible_exchanges(user)),
        pk=job_id,
    )
    if job.kind == RenderJob.Kind.AGENDA:
        return job
    if can_edit_report(user, job.exchange):
        return job
    if job.kind == RenderJob.Kind.RELEASE and job.report is not None:
        current = current_release(job.report)
        if current is not None and current.pk == job.release_id:
            return job
    raise Http404


def _current_releases() -> QuerySet[ReportRelease]:
    later = ReportRelease.objects.filter(report=OuterRef("report"), number__gt=OuterRef("number"), withdrawn_at=None)
    return ReportRelease.objects.filter(withdrawn_at=None).exclude(Exists(later))


def current_release(report: Report) -> ReportRelease | None:
    """The release readers of ``report`` read: its latest one that is not withdrawn (None before the first)."""
    return report.releases.filter(withdrawn_at=None).order_by("-number").first()


def published_releases(user) -> QuerySet[ReportRelease]:
    """The current release of every report this user may read as a reader (anonymous visitors: those of
    public exchanges). What leaves the portal (pages, PDFs, the API) is read from these, never from drafts."""
    return _current_releases().filter(report__exchange__in=visible_exchanges(user))


def readable_releases(user, report: Report) -> QuerySet[ReportRelease]:
    """The releases of ``report`` this user may list: editors every one, withdrawn ones too; readers those that
    are not withdrawn."""
    releases = report.releases.select_related("released_by__person", "withdrawn_by__person").order_by("-number")
    if can_edit_report(user, report.exchange):
        return releases
    return releases.filter(withdrawn_at=None)


def get_release_or_404(user, report: Report, number: int) -> ReportRelease:
    return get_object_or_404(readable_releases(user, report), number=number)


def sign_off_city_ids(exchange: Exchange) -> set[int]:
    """The cities whose coordinators sign off the exchange's report: its host and visiting cities (not those that
    only sent a delegation: they take part, and edit the report, but the exchange is the partners')."""
    return exchange_city_ids(exchange, partners_only=True)


def approver_city_ids(user, exchange: Exchange) -> set[int]:
    """The partner cities of ``exchange`` for which this user may approve its report (those they coordinate)."""
    return set(coordinated_city_ids(user)) & sign_off_city_ids(exchange)


def can_publish_without_sign_off(user) -> bool:
    """Staff may publish before the partners signed off, giving a reason that is kept on the release."""
    return is_staff(user)


def published_reports(user) -> QuerySet[Report]:
    """Published reports of the exchanges this user may see (everyone: those of public exchanges)."""
    return Report.objects.filter(_has_release(), exchange__in=visible_exchanges(user))

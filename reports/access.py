"""Who may see, edit and download summary reports and their PDFs. Every reports view asks these helpers.

Staff and the coordinators of the exchange's cities (host or visiting) edit
reports and generate PDFs. Everyone who may see the exchange may read and
download a published report and print the agenda. Everyone else gets 404 on
report, job and file URLs alike, never a hint that the object exists.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from exchanges.access import coordinated_city_ids, get_exchange_for_user_or_404, is_staff, visible_exchanges
from exchanges.models import Exchange
from reports.models import RenderJob, Report


def can_edit_report(user, exchange: Exchange) -> bool:
    """Staff, and coordinators of the host city or of a visiting city."""
    if is_staff(user):
        return True
    city_ids = coordinated_city_ids(user)
    if not city_ids:
        return False
    if exchange.host_city_id in city_ids:
        return True
    return exchange.visiting_cities.filter(pk__in=city_ids).exists()


def get_report_exchange_or_404(user, slug: str, *, edit: bool = False) -> Exchange:
    """The exchange whose report the user may read (or edit, with ``edit=True``), else Http404.

    Reading only needs the exchange to be visible here; whether the report
    itself is readable (published, or the user edits it) is ``can_read_report``.
    """
    exchange = get_exchange_for_user_or_404(user, slug)
    if edit and not can_edit_report(user, exchange):
        raise Http404
    return exchange


def can_read_report(user, exchange: Exchange, report: Report | None) -> bool:
    if can_edit_report(user, exchange):
        return True
    return report is not None and report.is_published


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

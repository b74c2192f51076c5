from django import template

from reports.access import can_edit_report, published_reports
from reports.models import Report, ReportRelease

register = template.Library()


@register.inclusion_tag("reports/includes/report_link.html", takes_context=True)
def summary_report_link(context, exchange):
    """A link to the exchange's summary report for its editors, and for its readers once published (one query)."""
    user = context["request"].user
    show = (
        can_edit_report(user, exchange)
        or ReportRelease.objects.filter(report__exchange=exchange, withdrawn_at=None).exists()
    )
    return {"exchange": exchange, "show": show}


@register.simple_tag(takes_context=True)
def published_reports_by_exchange(context, *entry_lists):
    """{exchange id: [published reports the viewer may read]} for lists of entries with an ``exchange`` (one query)."""
    ids = {entry.exchange.pk for entries in entry_lists for entry in entries or ()}
    by_exchange: dict[int, list[Report]] = {}
    if ids:
        reports = published_reports(context["request"].user).filter(exchange_id__in=ids).order_by("language")
        for report in reports:
            by_exchange.setdefault(report.exchange_id, []).append(report)
    return by_exchange


@register.filter
def reports_of(by_exchange: dict, exchange) -> list:
    return by_exchange.get(exchange.pk, [])

from django import template

from reports.access import can_edit_report
from reports.models import Report

register = template.Library()


@register.inclusion_tag("reports/includes/report_link.html", takes_context=True)
def summary_report_link(context, exchange):
    """A link to the exchange's summary report for its editors, and for its readers once published (one query)."""
    user = context["request"].user
    show = (
        can_edit_report(user, exchange)
        or Report.objects.filter(exchange=exchange, status=Report.Status.PUBLISHED).exists()
    )
    return {"exchange": exchange, "show": show}

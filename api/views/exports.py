"""Downloads of an exchange: people (for those who edit it), agenda and next steps (its readers), and one
session's iCalendar file (its readers, as the exchange's own feed)."""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from api import exports
from api.selectors import api_exchange_or_404, may_export_people, session_for_user_or_404
from exchanges.feeds import agenda_calendar


@require_safe
def people_export(request, slug, fmt):
    exchange = api_exchange_or_404(request.user, slug)
    if not may_export_people(request.user, exchange):
        raise Http404
    table = exports.people_table(request.user, exchange)
    return exports.export_response(table, exchange=exchange, name="people", fmt=fmt)


@require_safe
def agenda_export(request, slug, fmt):
    exchange = api_exchange_or_404(request.user, slug)
    table = exports.agenda_table(request.user, exchange)
    return exports.export_response(table, exchange=exchange, name="agenda", fmt=fmt)


@require_safe
def next_steps_export(request, slug, fmt):
    exchange = api_exchange_or_404(request.user, slug)
    table = exports.next_steps_table(request.user, exchange)
    return exports.export_response(table, exchange=exchange, name="next-steps", fmt=fmt)


@require_safe
def session_ics(request, slug, pk):
    session = session_for_user_or_404(request.user, slug, pk)
    body = agenda_calendar(
        name=_("%(exchange)s: %(session)s") % {"exchange": session.exchange.title, "session": session.title},
        sessions=[session],
        time_zone=session.exchange.host_city.time_zone,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    response["Cache-Control"] = "private, max-age=0, must-revalidate"
    return response

"""Calendar feeds: an exchange's agenda (same access as its page) and a person's own agenda (secret token)."""

from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from exchanges import agenda
from exchanges.access import get_exchange_for_user_or_404
from exchanges.feeds import agenda_calendar
from participants.models import Person


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    # The personal feed's URL is its secret: keep it and its content out of shared caches.
    response["Cache-Control"] = "private, max-age=0, must-revalidate"
    return response


@require_safe
def exchange_feed(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug)
    sessions = agenda.exchange_agenda_sessions(exchange)
    body = agenda_calendar(
        name=_("%(exchange)s: agenda") % {"exchange": exchange.title},
        sessions=sessions,
        time_zone=exchange.host_city.time_zone,
    )
    return _calendar_response(body, slugify(exchange.slug) or "agenda")


@require_safe
def personal_feed(request, token):
    person = Person.objects.filter(feed_token=token).first()
    if person is None:
        raise Http404
    with translation.override(person.language):
        body = agenda_calendar(
            name=_("My agenda: %(name)s") % {"name": person.name}, sessions=agenda.person_sessions(person)
        )
    return _calendar_response(body, "my-agenda")

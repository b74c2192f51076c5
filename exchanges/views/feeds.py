"""Calendar feeds: an exchange's agenda (same access as its page) and a person's own agenda (secret token)."""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.site import site_url
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
        request=request,
    )
    return _calendar_response(body, slugify(exchange.slug) or "agenda")


# Calendar apps poll the personal feed; a person in many exchanges has hundreds of events, which take
# icalendar a while to write. The body is kept this long, keyed by what a session edit changes.
PERSONAL_FEED_CACHE_SECONDS = 300


@require_safe
def personal_feed(request, token):
    person = Person.objects.filter(feed_token=token).first()
    if person is None:
        raise Http404
    sessions = agenda.person_sessions(person)
    latest = sessions.order_by().aggregate(changed=Max("updated_at"), count=Count("pk"))
    version = (
        f"{person.pk}|{person.feed_token}|{person.language}|{latest['changed']}|{latest['count']}|{site_url(request)}"
    )
    key = "personal-feed:" + hashlib.sha256(version.encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        with translation.override(person.language):
            body = agenda_calendar(
                name=_("My agenda: %(name)s") % {"name": person.name}, sessions=sessions, request=request
            )
        cache.set(key, body, PERSONAL_FEED_CACHE_SECONDS)
    return _calendar_response(body, "my-agenda")

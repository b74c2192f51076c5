"""Calendar feeds: an exchange's agenda (same access as its page) and a person's own agenda (secret token)."""

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from exchanges.access import get_exchange_for_user_or_404
from exchanges.confidentiality import audience_for, audience_key
from exchanges.feeds import exchange_feed_body, personal_feed_body
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
    audience = audience_for(request.user, exchange, feed=True)
    body = exchange_feed_body(exchange, audience, request, audience_key=audience_key(request.user, audience))
    return _calendar_response(body, slugify(exchange.slug) or "agenda")


@require_safe
def personal_feed(request, token):
    person = Person.objects.filter(feed_token=token).first()
    if person is None:
        raise Http404
    return _calendar_response(personal_feed_body(person, request), "my-agenda")

"""One session's page: its times in the host city's and the viewer's home time, its venue, presenters, attending
delegations and notes, as the viewer may see them (exchanges.confidentiality)."""

from urllib.parse import quote

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from exchanges import agenda
from exchanges.access import get_exchange_for_user_or_404
from exchanges.confidentiality import Shown, audience_for, may_read_notes, shown_sessions

OPENSTREETMAP_SEARCH = "https://www.openstreetmap.org/search?query="


@require_safe
def session_detail(request, slug, pk):
    exchange = get_exchange_for_user_or_404(request.user, slug)
    session = agenda.session_of_exchange(exchange, pk)
    audience = audience_for(request.user, exchange)
    # A session the viewer may not read (participants only, restricted) is not there for them, as on the agenda
    # where it is left out or shows as a busy block without a link.
    if session is None or audience.shown(session) not in (Shown.FULL, Shown.UNNAMED):
        raise Http404
    [session] = shown_sessions(audience, [session])
    home = agenda.viewer_home_zone(request)
    host = agenda.host_zone(exchange)
    venue = session.venue
    context = {
        "exchange": exchange,
        "session": session,
        "times": agenda.session_times(session.start, session.end, host, home),
        "host": host,
        "home": home,
        "day": session.local_start(),
        "map_url": OPENSTREETMAP_SEARCH + quote(venue.full_address) if venue else "",
        "show_notes": may_read_notes(audience, session),
        "agenda_url": reverse("exchanges:agenda", kwargs={"slug": exchange.slug}) + f"#session-{session.pk}",
        "ics_url": reverse("open_data:session_ics", kwargs={"slug": exchange.slug, "pk": session.pk}),
    }
    return render(request, "exchanges/agenda/session_detail.html", context)

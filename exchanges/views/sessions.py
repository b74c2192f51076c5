"""One session's page: its times in the host city's and the viewer's home time, its venue, presenters, attending
delegations and notes, as the viewer may see them (exchanges.confidentiality).

The page's body is cached under the exchange's content version, the language, the viewer's audience key (never
shared across audiences: ``confidentiality.audience_key``), their home time zone and the session
(``exchanges.versions.cache_key``): a warm request reads the exchange and the viewer, not the session. A copy is
only stored once the viewer's audience has been found to read the session, so a viewer who may not is never
served one (their key is another).
"""

from urllib.parse import quote

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from core.translated import translated_text
from exchanges import agenda, versions
from exchanges.access import get_exchange_for_user_or_404
from exchanges.confidentiality import Shown, audience_for, audience_key, may_read_notes, shown_sessions

OPENSTREETMAP_SEARCH = "https://www.openstreetmap.org/search?query="


@require_safe
def session_detail(request, slug, pk):
    exchange = get_exchange_for_user_or_404(request.user, slug)
    audience = audience_for(request.user, exchange)
    home = agenda.viewer_home_zone(request)
    zone = f"{home.name}|{home.label}" if home else ""
    key = versions.cache_key("session", exchange, audience_key(request.user, audience), zone, pk)
    entry = cache.get(key)
    if entry is None:
        entry = _session_page(request, exchange, pk, audience, home)
        cache.set(key, entry, versions.CACHE_SECONDS)
    title, html = entry
    context = {
        "exchange": exchange,
        "page_title": title,
        "page_html": mark_safe(html),  # noqa: S308 - rendered by our template, then cached
    }
    return render(request, "exchanges/agenda/session_detail.html", context)


def _session_page(request, exchange, pk, audience, home) -> tuple[str, str]:
    """The page's title and body, rendered; 404 when the viewer's audience may not read the session."""
    session = agenda.session_of_exchange(exchange, pk)
    # A session the viewer may not read (participants only, restricted) is not there for them, as on the agenda
    # where it is left out or shows as a busy block without a link.
    if session is None or audience.shown(session) not in (Shown.FULL, Shown.UNNAMED):
        raise Http404
    [session] = shown_sessions(audience, [session])
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
    title = f"{translated_text(session, 'title').with_marker()} · {translated_text(exchange, 'title').with_marker()}"
    return title, render_to_string("exchanges/agenda/_session_page.html", context, request=request)

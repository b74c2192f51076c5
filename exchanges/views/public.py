from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from exchanges import selectors, versions
from exchanges.access import can_edit_exchange, can_view_exchange_history, get_exchange_for_user_or_404, takes_part
from exchanges.confidentiality import audience_for, audience_key, shown_sessions
from exchanges.selectors.translations import translation_status
from exchanges.views.surveys import survey_panel


def home(request):
    return render(request, "exchanges/home.html", selectors.home_exchanges(request.user))


def _programme(request, exchange) -> str:
    """The exchange's programme (its days and sessions), rendered, from the cache when nothing it shows has changed:
    under the content version, the language and the viewer's audience key (``exchanges.versions.cache_key``). What
    depends on the viewer beyond what they may read (edit buttons, survey and notes links) stays outside."""
    audience = audience_for(request.user, exchange)

    def build():
        sessions = shown_sessions(audience, selectors.agenda_sessions(exchange))
        return render_to_string(
            "exchanges/_exchange_programme.html",
            {"exchange": exchange, "days": selectors.sessions_by_day(exchange, sessions)},
            request=request,
        )

    key = versions.cache_key("programme", exchange, audience_key(request.user, audience))
    return mark_safe(versions.cached(key, build))  # noqa: S308 - rendered by our template, then cached


def exchange_detail(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug)
    can_edit = can_edit_exchange(request.user, exchange)
    objectives = list(exchange.objectives.all())
    delegations = list(selectors.delegations_with_members(exchange))
    context = {
        "exchange": exchange,
        "visiting_cities": list(exchange.visiting_cities.all()),
        "objectives": objectives,
        "delegations": delegations,
        "programme_html": _programme(request, exchange),
        "can_edit": can_edit,
        "can_view_history": can_view_exchange_history(request.user, exchange),
        # A delegate, presenter or host contact keeps learning notes (exchanges.access: no query of its own).
        "takes_notes": takes_part(request.user, exchange),
        # For those who may edit the exchange: how much of its content each language still lacks.
        "translation_status": translation_status(exchange) if can_edit else None,
        "survey": survey_panel(request, exchange, objectives),
    }
    return render(request, "exchanges/exchange_detail.html", context)

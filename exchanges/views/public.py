from django.shortcuts import render

from exchanges import selectors
from exchanges.access import can_edit_exchange, can_view_exchange_history, get_exchange_for_user_or_404
from exchanges.confidentiality import audience_for, shown_sessions
from exchanges.selectors.translations import translation_status
from exchanges.views.surveys import survey_panel


def home(request):
    return render(request, "exchanges/home.html", selectors.home_exchanges(request.user))


def exchange_detail(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug)
    sessions = shown_sessions(audience_for(request.user, exchange), selectors.agenda_sessions(exchange))
    can_edit = can_edit_exchange(request.user, exchange)
    objectives = list(exchange.objectives.all())
    context = {
        "exchange": exchange,
        "visiting_cities": list(exchange.visiting_cities.all()),
        "objectives": objectives,
        "delegations": list(selectors.delegations_with_members(exchange)),
        "days": selectors.sessions_by_day(exchange, sessions),
        "can_edit": can_edit,
        "can_view_history": can_view_exchange_history(request.user, exchange),
        # For those who may edit the exchange: how much of its content each language still lacks.
        "translation_status": translation_status(exchange) if can_edit else None,
        "survey": survey_panel(request, exchange, objectives),
    }
    return render(request, "exchanges/exchange_detail.html", context)

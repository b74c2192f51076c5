from django.shortcuts import render

from exchanges import selectors
from exchanges.access import (
    can_edit_exchange,
    can_view_exchange_history,
    get_exchange_for_user_or_404,
    learning_note_author,
)
from exchanges.confidentiality import audience_for, shown_sessions
from exchanges.selectors.translations import translation_status


def home(request):
    return render(request, "exchanges/home.html", selectors.home_exchanges(request.user))


def exchange_detail(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug)
    sessions = shown_sessions(audience_for(request.user, exchange), selectors.agenda_sessions(exchange))
    can_edit = can_edit_exchange(request.user, exchange)
    context = {
        "exchange": exchange,
        "visiting_cities": list(exchange.visiting_cities.all()),
        "objectives": list(exchange.objectives.all()),
        "delegations": list(selectors.delegations_with_members(exchange)),
        "days": selectors.sessions_by_day(exchange, sessions),
        "can_edit": can_edit,
        "can_view_history": can_view_exchange_history(request.user, exchange),
        "takes_notes": request.user.is_authenticated and learning_note_author(request.user, exchange) is not None,
        # For those who may edit the exchange: how much of its content each language still lacks.
        "translation_status": translation_status(exchange) if can_edit else None,
    }
    return render(request, "exchanges/exchange_detail.html", context)

from django.shortcuts import render

from exchanges import selectors
from exchanges.access import (
    can_edit_exchange,
    can_view_exchange_history,
    get_exchange_for_user_or_404,
)
from exchanges.confidentiality import audience_for, shown_sessions
from exchanges.models import Session
from exchanges.selectors.translations import translation_status
from exchanges.views.surveys import survey_panel


def home(request):
    return render(request, "exchanges/home.html", selectors.home_exchanges(request.user))


def _takes_part(user, exchange, delegations, sessions) -> bool:
    """Whether the user takes part in the exchange (and so keeps learning notes), read from what the page loads
    anyway: a member of a delegation, the host contact, a presenter of a session they see (no query of its own)."""
    if not user.is_authenticated:
        return False
    people = [member.person for delegation in delegations for member in delegation.memberships.all()]
    shown = [session for session in sessions if isinstance(session, Session)]  # busy blocks name nobody
    people += [presenter for session in shown for presenter in session.presenters.all()]
    if exchange.host_contact_id:
        people.append(exchange.host_contact)  # the page names the host contact: loaded once, here or there
    return any(person.user_id == user.pk for person in people)


def exchange_detail(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug)
    sessions = shown_sessions(audience_for(request.user, exchange), selectors.agenda_sessions(exchange))
    can_edit = can_edit_exchange(request.user, exchange)
    objectives = list(exchange.objectives.all())
    delegations = list(selectors.delegations_with_members(exchange))
    context = {
        "exchange": exchange,
        "visiting_cities": list(exchange.visiting_cities.all()),
        "objectives": objectives,
        "delegations": delegations,
        "days": selectors.sessions_by_day(exchange, sessions),
        "can_edit": can_edit,
        "can_view_history": can_view_exchange_history(request.user, exchange),
        "takes_notes": _takes_part(request.user, exchange, delegations, sessions),
        # For those who may edit the exchange: how much of its content each language still lacks.
        "translation_status": translation_status(exchange) if can_edit else None,
        "survey": survey_panel(request, exchange, objectives),
    }
    return render(request, "exchanges/exchange_detail.html", context)

"""My agenda at any size: the person's exchanges first, then one window of their sessions.

A delegate may take part in dozens of exchanges with hundreds of sessions. The page reads the person's exchanges
(one query, a short list), then only the sessions of those exchanges (by id, so the index on (exchange, start)
does the work), and of those only one page: upcoming sessions first, soonest first; past ones on request, latest
first. A fixed number of queries, whatever the number of exchanges and sessions.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.utils import timezone

from exchanges import agenda
from exchanges.confidentiality import attended_by
from exchanges.models import Delegation, Exchange, Session
from participants.models import Person

SESSIONS_PER_PAGE = 20
UPCOMING, PAST = "upcoming", "past"


@dataclass
class MyAgendaWindow:
    """One page of a person's agenda: ``agendas`` (one ``agenda.ExchangeAgenda`` per exchange on the page, in
    reading order), the Django ``page`` of sessions, and ``exchanges``: every exchange of the person in this
    direction (upcoming or past), for the short list that names them all."""

    when: str
    page: Page
    agendas: list[agenda.ExchangeAgenda]
    exchanges: list[Exchange]
    any_exchange: bool  # the person takes part in some exchange, upcoming or past


def person_exchange_list(person: Person, *, now: datetime | None = None) -> list[Exchange]:
    """The person's exchanges (member or presenter, not drafts), upcoming first: ``agenda.person_exchanges``."""
    today = timezone.localdate(now) if now else None
    return list(agenda.person_exchanges(person, today=today))


def my_agenda_window(
    person: Person, *, when: str | None = None, page_number=None, home=None, now: datetime | None = None
) -> MyAgendaWindow:
    """The page ``page_number`` of the person's sessions in direction ``when`` (``UPCOMING``: not yet ended,
    soonest first; ``PAST``: ended, latest first; None: upcoming if the person has an exchange to come, else
    past), with times for ``home`` and the current and next sessions marked. Six queries whatever the sizes
    (exchanges, count, sessions and three prefetches); one when the person takes part in nothing."""
    now = now or timezone.now()
    everything = person_exchange_list(person, now=now)
    if when not in (UPCOMING, PAST):
        when = UPCOMING if any(not exchange.is_past for exchange in everything) or not everything else PAST
    exchanges = [exchange for exchange in everything if bool(exchange.is_past) == (when == PAST)]
    by_pk = {exchange.pk: exchange for exchange in everything}
    sessions = (
        Session.objects.filter(exchange_id__in=sorted(by_pk))
        .filter(attended_by(person))
        .select_related("venue__city", "venue__host_organisation")
        .prefetch_related(
            Prefetch("presenters", queryset=Person.objects.select_related("organisation").order_by("name")),
            "organisations",
            Prefetch("attending_delegations", queryset=Delegation.objects.select_related("city")),
        )
    )
    if when == PAST:
        sessions = sessions.filter(end__lte=now).order_by("-start", "-end", "-pk")
    else:
        sessions = sessions.filter(end__gt=now).order_by("start", "end", "pk")
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(page_number) if by_pk else Paginator([], 1).get_page(1)
    shown = list(page.object_list)
    for session in shown:
        session.exchange = by_pk[session.exchange_id]  # already read: no join, no query
    agenda.attach_times(shown, home)
    grouped: dict[int, list[Session]] = {}
    for session in shown:
        grouped.setdefault(session.exchange_id, []).append(session)
    # Only the first page of what is to come holds the session going on now and the next one.
    marking = when == UPCOMING and page.number == 1
    agendas = []
    for exchange_id, exchange_sessions in grouped.items():
        exchange_sessions.sort(key=lambda session: (session.start, session.end, session.pk))
        if marking:
            agenda.mark_current_and_next(by_pk[exchange_id], exchange_sessions, now=now)
        agendas.append(agenda.ExchangeAgenda(by_pk[exchange_id], exchange_sessions))
    return MyAgendaWindow(when=when, page=page, agendas=agendas, exchanges=exchanges, any_exchange=bool(everything))

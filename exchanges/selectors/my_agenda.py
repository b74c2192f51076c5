"""My agenda at any size: the person's exchanges first, then one window of their sessions.

A delegate may take part in dozens of exchanges with hundreds of sessions. The page reads the person's exchanges
(one query, a short list), then only the sessions of those exchanges (by id, so the index on (exchange, start)
does the work), and of those only one page: upcoming sessions first, soonest first; past ones on request, latest
first. A fixed number of queries, whatever the number of exchanges and sessions.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language

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


def direction(when: str | None, everything: list[Exchange]) -> str:
    """``when`` if it names one (``UPCOMING``, ``PAST``), else upcoming if the person has an exchange to come (or
    none at all), else past."""
    if when in (UPCOMING, PAST):
        return when
    return UPCOMING if any(not exchange.is_past for exchange in everything) or not everything else PAST


# Cached windows are keyed by the quarter hour: the session going on now and the next one are marked on the
# first page of what is to come, and a session that ended moves to the past, at most this late.
WINDOW_SECONDS = 15 * 60


def window_cache_key(person: Person, everything: list[Exchange], *, when: str, query: str, zone: str, now=None) -> str:
    """The cache key of one rendered window: the person, the content version of each of their exchanges (any change
    to what they show, their memberships and presentations included, grows it: ``exchanges.versions``), the
    language, the home time zone, the direction, the query string (page) and the quarter hour."""
    now = now or timezone.now()
    versions = ",".join(f"{exchange.pk}:{exchange.content_version}" for exchange in sorted(everything, key=id_of))
    text = "|".join(
        str(part)
        for part in (person.pk, versions, get_language(), zone, when, query, int(now.timestamp()) // WINDOW_SECONDS)
    )
    return f"my-agenda:{person.pk}:{hashlib.sha256(text.encode()).hexdigest()}"


def id_of(exchange: Exchange) -> int:
    return exchange.pk


def my_agenda_window(
    person: Person,
    *,
    when: str | None = None,
    page_number=None,
    home=None,
    now: datetime | None = None,
    everything: list[Exchange] | None = None,
) -> MyAgendaWindow:
    """The page ``page_number`` of the person's sessions in direction ``when`` (``UPCOMING``: not yet ended,
    soonest first; ``PAST``: ended, latest first; None: see ``direction``), with times for ``home`` and the
    current and next sessions marked. Six queries whatever the sizes (exchanges, count, sessions and three
    prefetches), one fewer when ``everything`` (``person_exchange_list``) is given."""
    now = now or timezone.now()
    if everything is None:
        everything = person_exchange_list(person, now=now)
    when = direction(when, everything)
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

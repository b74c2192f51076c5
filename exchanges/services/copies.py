"""Copies of an exchange as the start of a new one, and exchange templates of a programme."""

import uuid
from datetime import date

from django.db import transaction

from core.text import save_with_unique_slug
from core.translated import LANGUAGE_CODES
from exchanges.models import Delegation, Exchange, Objective, Session
from exchanges.services import RESERVED_SLUGS, _ensure_delegations
from exchanges.services.moves import shift_days
from exchanges.versions import exchange_touch


def _texts(obj, *names: str) -> dict:
    """The per-language columns of translated texts: both languages are copied."""
    return {f"{name}_{code}": getattr(obj, f"{name}_{code}") for name in names for code in LANGUAGE_CODES}


@transaction.atomic
def exchange_copy(
    *,
    source: Exchange,
    start_date: date,
    titles: dict[str, str],
    user=None,
    is_template: bool = False,
) -> Exchange:
    """A new draft exchange made from ``source``, starting on ``start_date``.

    Copied: the programme, host and visiting cities, themes, purpose and transfer buffer; the objectives; the
    delegations' shape (each city and its role, without members); the sessions (texts, kind, venue,
    confidentiality, organisations, initiatives and attending delegations), moved by as many days as the
    exchange, at the same wall-clock times in the host city, daily blocks kept as series. Not copied: members,
    presenters, notes and outcomes, the report, next steps, status (a draft) and being public. Every translated
    text is copied in every language. ``titles`` maps a language code to the new title (``{"en": …, "fr": …}``).

    Raises ValueError when no title is given in any language. Sessions are created directly: a draft records no
    agenda change.
    """
    titles = {code: (titles.get(code) or "").strip() for code in LANGUAGE_CODES}
    if not any(titles.values()):
        raise ValueError("a copy needs a title in at least one language")
    offset = (start_date - source.start_date).days
    exchange = Exchange(
        programme=source.programme,
        host_city=source.host_city,
        start_date=start_date,
        end_date=source.end_date + (start_date - source.start_date),
        host_contact=source.host_contact,
        transfer_buffer_minutes=source.transfer_buffer_minutes,
        is_template=is_template,
        **_texts(source, "description"),
        **{f"title_{code}": title for code, title in titles.items()},
    )
    save_with_unique_slug(
        exchange,
        text=next(title for title in titles.values() if title),
        fallback="exchange",
        reserved=RESERVED_SLUGS,
        save=lambda: exchange.save(),
    )
    exchange.visiting_cities.set(source.visiting_cities.all())
    exchange.themes.set(source.themes.all())
    Objective.objects.bulk_create(
        Objective(exchange=exchange, position=objective.position, **_texts(objective, "lead", "detail"))
        for objective in source.objectives.order_by("position", "pk")
    )
    delegations = {}
    for delegation in source.delegations.order_by("pk"):
        delegations[delegation.pk] = Delegation.objects.create(
            exchange=exchange, city_id=delegation.city_id, role=delegation.role
        )
    _ensure_delegations(exchange)
    _copy_sessions(source, exchange, offset, delegations)
    exchange_touch(exchange.pk)  # bulk_create above bypasses the receivers
    return exchange


def _copy_sessions(source: Exchange, exchange: Exchange, offset: int, delegations: dict) -> None:
    tz = source.tzinfo
    series = {}
    sessions = source.sessions.prefetch_related("organisations", "initiatives", "attending_delegations")
    for session in sessions.order_by("start", "pk"):
        copy = Session.objects.create(
            exchange=exchange,
            kind=session.kind,
            start=shift_days(session.start, tz, offset),
            end=shift_days(session.end, tz, offset),
            venue_id=session.venue_id,
            confidentiality=session.confidentiality,
            series=series.setdefault(session.series, uuid.uuid4()) if session.series else None,
            **_texts(session, "title", "description"),
        )
        copy.organisations.set(session.organisations.all())
        copy.initiatives.set(session.initiatives.all())
        copy.attending_delegations.set([delegations[d.pk] for d in session.attending_delegations.all()])

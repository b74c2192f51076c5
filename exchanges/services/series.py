"""Sessions over several days as daily blocks: one session per day with the same hours, linked as a series.

A two-day workshop is two blocks of 9:00–17:00, not one session of 32 hours: calendars get one event per day,
the agenda and the PDF show each day's block. The blocks are edited together or one day alone.
"""

import uuid
from datetime import date, timedelta

from django.db import transaction

from core.translated import LANGUAGE_CODES
from exchanges.models import AgendaChange, Exchange, Session
from exchanges.services import SESSION_M2M, session_create, session_update
from exchanges.services.moves import shift_days
from exchanges.versions import exchange_touch


def series_sessions(session: Session) -> list[Session]:
    """The blocks of ``session``'s series in order (the session alone when it has none)."""
    if session.series is None:
        return [session]
    return list(Session.objects.filter(series=session.series).select_related("exchange__host_city"))


@transaction.atomic
def session_series_create(*, exchange: Exchange, last_day: date, user=None, **values) -> list[Session]:
    """Add a session as daily blocks from the day of ``values["start"]`` to ``last_day`` (host city calendar),
    each with the same hours; each block is recorded as added once the exchange is scheduled.

    Raises ValidationError for hard errors (as ``session_create``); ValueError when ``last_day`` is before the
    first day.
    """
    tz = exchange.tzinfo
    first_day = values["start"].astimezone(tz).date()
    if last_day < first_day:
        raise ValueError("last_day is before the session's first day")
    series = uuid.uuid4()
    sessions = []
    for offset in range((last_day - first_day).days + 1):
        block = dict(values)
        block["start"] = shift_days(values["start"], tz, offset)
        block["end"] = shift_days(values["end"], tz, offset)
        session = session_create(exchange=exchange, user=user, **block)
        session.series = series
        Session.objects.filter(pk=session.pk).update(series=series)
        sessions.append(session)
    exchange_touch(exchange.pk)  # the updates above bypass the receivers
    return sessions


@transaction.atomic
def session_series_extend(*, session: Session, last_day: date, user=None) -> list[Session]:
    """Repeat ``session`` on every following day up to ``last_day`` with the same hours (copies of it, in one
    series with it). Days that already have a block of its series are skipped. Returns the new blocks.
    Raises ValidationError as ``session_create``."""
    tz = session.exchange.tzinfo
    blocks = series_sessions(session)
    taken = {block.start.astimezone(tz).date() for block in blocks}
    first_day = session.start.astimezone(tz).date()
    if session.series is None:
        session.series = uuid.uuid4()
        Session.objects.filter(pk=session.pk).update(series=session.series)
    values = _copied_values(session)
    added = []
    for offset in range(1, (last_day - first_day).days + 1):
        if first_day + timedelta(days=offset) in taken:
            continue
        block = session_create(
            exchange=session.exchange,
            user=user,
            **values,
            start=shift_days(session.start, tz, offset),
            end=shift_days(session.end, tz, offset),
        )
        Session.objects.filter(pk=block.pk).update(series=session.series)
        added.append(block)
    exchange_touch(session.exchange_id)  # the updates above bypass the receivers
    return added


def _copied_values(session: Session) -> dict:
    """What a new block takes from ``session``: texts in every language (its notes aside: each day has its own
    outcome), kind, venue, confidentiality and people."""
    values = {
        f"{name}_{code}": getattr(session, f"{name}_{code}")
        for name in ("title", "description")
        for code in LANGUAGE_CODES
    }
    values |= {"kind": session.kind, "venue": session.venue, "confidentiality": session.confidentiality}
    for name in SESSION_M2M:
        values[name] = list(getattr(session, name).all())
    return values


@transaction.atomic
def session_series_update(*, session: Session, user=None, **values) -> list[AgendaChange]:
    """Change every block of ``session``'s series as ``values`` change ``session``: the same texts, venue,
    people and confidentiality, the new hours on each block's own day, and a new day for ``session`` moves
    every block by as many days. Each block's change is recorded (``session_update``).

    Returns the recorded changes. Raises ValidationError for hard errors (nothing is saved then).
    """
    tz = session.exchange.tzinfo
    old_day = Session.objects.get(pk=session.pk).start.astimezone(tz).date()
    start, end = values.pop("start"), values.pop("end")
    changes = []
    for block in series_sessions(session):
        target = session if block.pk == session.pk else block
        # Each day keeps its own notes (its outcome); the rest is the series'.
        block_values = {
            name: (list(value) if name in SESSION_M2M else value)
            for name, value in values.items()
            if target is session or not name.startswith("notes")
        }
        # ``start`` lies on the edited block's new day; each block keeps its distance in days from it.
        shift = (block.start.astimezone(tz).date() - old_day).days
        block_values["start"] = shift_days(start, tz, shift)
        block_values["end"] = shift_days(end, tz, shift)
        change = session_update(session=target, user=user, **block_values)
        if change is not None:
            changes.append(change)
    return changes

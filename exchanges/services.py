"""Writes that other code reuses. Views parse and call these; they never write rows themselves."""

from django.db import transaction

from core.validators import validate_time_zone
from exchanges.models import AgendaChange, Exchange, Session
from exchanges.signals import agenda_changed
from participants.models import Person, new_feed_token

# Changes to exchanges in these states are recorded so that delegates can be told.
RECORDED_STATUSES = {Exchange.Status.SCHEDULED, Exchange.Status.UNDER_WAY}


def agenda_change_record(
    *, exchange: Exchange, session: Session | None, action: str, summary: str = "", user=None
) -> AgendaChange | None:
    """Record one change to an exchange's agenda, if the exchange is scheduled or under way.

    Returns the AgendaChange, or None for drafts, completed and cancelled
    exchanges. After commit, ``exchanges.signals.agenda_changed`` is sent so
    that notices (delegates' digests) can be scheduled.
    """
    if exchange.status not in RECORDED_STATUSES:
        return None
    change = AgendaChange.objects.create(
        exchange=exchange,
        session=session if session is not None and session.pk else None,
        session_title=session.title if session is not None else "",
        action=action,
        summary=summary,
        changed_by=user if user is not None and user.is_authenticated else None,
    )
    transaction.on_commit(
        lambda: agenda_changed.send(sender=AgendaChange, exchange_id=exchange.pk, change_ids=[change.pk])
    )
    return change


def person_feed_token_regenerate(*, person: Person) -> str:
    """Give the person a new secret calendar feed address; the old one stops working at once."""
    person.feed_token = new_feed_token()
    person.save(update_fields=["feed_token"])
    return person.feed_token


def agenda_preferences_update(
    *, user, time_zone: str, person: Person | None = None, notify_changes: bool = True, language: str = ""
) -> None:
    """Save a logged-in user's home time zone and, when they are a Person, their notice preferences.

    Raises ValidationError for a time zone that is not an IANA name.
    """
    if time_zone:
        validate_time_zone(time_zone)
    if user.time_zone != time_zone:
        user.time_zone = time_zone
        user.save(update_fields=["time_zone"])
    if person is not None:
        person.notify_changes = notify_changes
        person.language = language or person.language
        person.save(update_fields=["notify_changes", "language"])

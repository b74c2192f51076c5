"""Moving a session in the agenda builder (drag and drop, or the "Move to…" form) and undoing the last move."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from exchanges.models import AgendaChange, Exchange, Session, SessionMove
from exchanges.services import session_update


@transaction.atomic
def session_move(
    *, session: Session, user, start: datetime, end: datetime | None = None, remember: bool = True
) -> AgendaChange | None:
    """Move a session to ``start``, keeping its length unless ``end`` is given (a resize).

    The change is recorded like any other edit (``session_update``: an agenda change once the exchange is
    scheduled, so the delegates' digest tells them). With ``remember``, the session's former times are kept
    as ``user``'s last move in this exchange, which ``session_move_undo`` puts back.

    Returns the recorded change (None for drafts or when the times did not change).
    Raises ValidationError when the session would end before it starts.
    """
    end = end if end is not None else start + (session.end - session.start)
    if end <= start:
        raise ValidationError(_("The session must end after it starts."), code="ends_before_start")
    old_start, old_end = session.start, session.end
    if (old_start, old_end) == (start, end):
        return None
    change = session_update(session=session, user=user, start=start, end=end)
    if remember and user is not None and user.is_authenticated:
        SessionMove.objects.update_or_create(
            user=user,
            exchange_id=session.exchange_id,
            defaults={"session": session, "old_start": old_start, "old_end": old_end},
        )
    return change


def last_move(*, exchange: Exchange, user) -> SessionMove | None:
    """The move ``user`` may undo in this exchange, with its session, or None."""
    if user is None or not user.is_authenticated:
        return None
    return SessionMove.objects.select_related("session").filter(exchange=exchange, user=user).first()


@transaction.atomic
def session_move_undo(*, exchange: Exchange, user) -> Session | None:
    """Put the session of ``user``'s last move in this exchange back where it was, and forget that move.

    The way back is recorded as an agenda change too. Returns the session, or None when there is nothing
    to undo (no move, or the session was deleted since). Raises nothing.
    """
    move = SessionMove.objects.select_for_update().filter(exchange=exchange, user=user).first()
    if move is None:
        return None
    session = Session.objects.select_related("exchange__host_city", "venue__city").get(pk=move.session_id)
    start, end = move.old_start, move.old_end
    move.delete()
    session_move(session=session, user=user, start=start, end=end, remember=False)
    return session


def shift_days(moment: datetime, tz, days: int) -> datetime:
    """The same wall-clock time in the host city ``days`` later (earlier when negative), across DST changes."""
    local = moment.astimezone(tz)
    return datetime.combine(local.date() + timedelta(days=days), local.time(), tzinfo=tz)

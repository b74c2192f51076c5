"""Writes for learning notes. A note may reach the server more than once (typed offline, sent again when the
connection returns): its browser-made ``uid`` makes the second send find the first."""

import uuid

from django.db import IntegrityError, transaction

from exchanges.models import Delegation, LearningNote, Session
from participants.models import Person


class NoteConflict(Exception):
    """The ``uid`` is already the identifier of another person's note, or of a note on another session."""


def learning_note_save(
    *, author: Person, session: Session, uid: uuid.UUID, text: str, visibility: str
) -> tuple[LearningNote, bool]:
    """Save a learning note once per ``uid``; returns ``(note, created)``.

    A note already saved under ``uid`` by the same author on the same session is returned unchanged, however
    many times it is sent (a concurrent second send waits for the first, then finds it). The caller checks
    ``exchanges.access.learning_note_author`` and that the session is shown to the author.
    Raises NoteConflict for a ``uid`` of someone else's note or another session; ValueError for a note shared
    with a delegation by an author who is in none of the exchange's delegations.
    """
    existing = LearningNote.objects.filter(uid=uid).first()
    if existing is not None:
        return _same_note(existing, author, session), False
    delegation = None
    if visibility == LearningNote.Visibility.DELEGATION:
        delegation = (
            Delegation.objects.filter(exchange_id=session.exchange_id, memberships__person=author)
            .order_by("pk")
            .first()
        )
        if delegation is None:
            raise ValueError("The author is in no delegation of this exchange.")
    try:
        with transaction.atomic():
            note = LearningNote.objects.create(
                uid=uid, session=session, author=author, delegation=delegation, visibility=visibility, text=text
            )
    except IntegrityError:
        # Sent twice at once: the other request saved it first.
        return _same_note(LearningNote.objects.get(uid=uid), author, session), False
    return note, True


def _same_note(note: LearningNote, author: Person, session: Session) -> LearningNote:
    if note.author_id != author.pk or note.session_id != session.pk:
        raise NoteConflict(str(note.uid))
    return note


def learning_note_delete(*, note: LearningNote, author: Person) -> None:
    """Delete the author's own note. Raises LearningNote.DoesNotExist for someone else's."""
    if note.author_id != author.pk:
        raise LearningNote.DoesNotExist
    note.delete()

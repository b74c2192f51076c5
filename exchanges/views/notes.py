"""Learning notes: a participant's notes per session, kept for themselves or shared with their delegation.

The page works without JavaScript (a plain form). static/js/learning-notes.js keeps a note typed offline in the
browser's localStorage and sends it when the connection returns; the browser makes the note's ``uid``, so a
note sent twice is saved once (``exchanges.services.notes.learning_note_save``).
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from exchanges.access import get_exchange_for_user_or_404, learning_note_author, readable_learning_notes
from exchanges.confidentiality import Shown, audience_for
from exchanges.forms.notes import LearningNoteForm
from exchanges.models import Delegation, Session
from exchanges.services.notes import NoteConflict, learning_note_save


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _note_sessions(user, exchange):
    """The sessions of the exchange shown to the author in full or unnamed (not busy blocks, not hidden)."""
    audience = audience_for(user, exchange)
    sessions = list(Session.objects.filter(exchange=exchange).select_related("exchange__host_city").order_by("start"))
    ids = [s.pk for s in sessions if audience.shown(s) in (Shown.FULL, Shown.UNNAMED)]
    return Session.objects.filter(pk__in=ids).select_related("exchange__host_city").order_by("start", "pk")


@login_required
def learning_notes(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug)
    author = learning_note_author(request.user, exchange)
    if author is None:
        raise Http404
    sessions = _note_sessions(request.user, exchange)
    can_share = Delegation.objects.filter(exchange=exchange, memberships__person=author).exists()
    form = LearningNoteForm(request.POST or None, sessions=sessions, can_share=can_share)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                note, created = learning_note_save(
                    author=author,
                    session=data["session"],
                    uid=data["uid"] or uuid.uuid4(),
                    text=data["text"],
                    visibility=data["visibility"],
                )
            except NoteConflict:
                form.add_error(None, _("This note could not be saved: refresh the page and type it again."))
            else:
                if _wants_json(request):
                    return JsonResponse({"uid": str(note.uid), "created": created}, status=201 if created else 200)
                messages.success(request, _("Your note is saved."))
                return redirect(reverse("exchanges:learning_notes", kwargs={"slug": exchange.slug}))
        if _wants_json(request):
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    notes = list(
        readable_learning_notes(author, exchange)
        .filter(session__in=sessions)  # a colleague's note on a session this reader may not see stays unseen
        .select_related("session", "author", "delegation__city")
        .order_by("session__start", "created_at", "pk")
    )
    context = {
        "exchange": exchange,
        "form": form,
        "notes": notes,
        "author": author,
        "has_sessions": sessions.exists(),
    }
    return render(request, "exchanges/notes.html", context, status=400 if form.errors else 200)

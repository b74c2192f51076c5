"""Moving a session in the agenda builder: the "Move to…" form (keyboard, no JavaScript) that drag and drop
posts too, and the undo of the last move."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from exchanges.access import get_exchange_for_user_or_404
from exchanges.forms.builder import SessionMoveForm
from exchanges.services.moves import session_move as move_service
from exchanges.services.moves import session_move_undo
from exchanges.views.builder import _builder_url, _get_session, _saved_message


def _when(session) -> str:
    start, end = session.local_start(), session.local_end()
    day = formats.date_format(
        start, pgettext("PHP date format: weekday, day and short month, as in Wed 18 Oct", "D j M")
    )
    return f"{day} {formats.time_format(start, 'H:i')}–{formats.time_format(end, 'H:i')}"


@login_required
def session_move(request, slug, pk):
    exchange, session = _get_session(request, slug, pk)
    form = SessionMoveForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            move_service(
                session=session, user=request.user, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _saved_message(
                request, _("“%(title)s” moved to %(when)s.") % {"title": session.title, "when": _when(session)}
            )
            return redirect(_builder_url(exchange, session))
    return render(
        request, "exchanges/manage/session_move.html", {"exchange": exchange, "session": session, "form": form}
    )


@login_required
@require_POST
def move_undo(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    session = session_move_undo(exchange=exchange, user=request.user)
    if session is None:
        messages.info(request, _("There is no move to undo."))
        return redirect("exchanges:builder", slug=exchange.slug)
    _saved_message(
        request, _("Move undone: “%(title)s” is back at %(when)s.") % {"title": session.title, "when": _when(session)}
    )
    return redirect(_builder_url(exchange, session))

"""The agenda builder: an exchange's days and sessions with their warnings, and the session forms."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.created import offer_create, picked_initial
from core.translated import reader_language
from exchanges import conflicts, selectors, services
from exchanges.access import (
    can_change_status,
    get_exchange_for_user_or_404,
    is_staff,
    visible_exchanges,
    visible_people,
)
from exchanges.forms import ExchangeStatusForm, SessionForm
from exchanges.forms.builder import SessionMoveForm
from exchanges.services.moves import last_move
from exchanges.services.series import session_series_create, session_series_extend, session_series_update
from exchanges.views.manage import htmx_redirect, is_htmx


def _builder_url(exchange, session=None) -> str:
    """The builder, scrolled to a session just saved.

    The query string makes it a new address: htmx's HX-Redirect to the same
    page with only a new #fragment would scroll without reloading the agenda.
    """
    url = reverse("exchanges:builder", kwargs={"slug": exchange.slug})
    return f"{url}?saved={session.pk}#session-{session.pk}" if session is not None else url


def _checks_context(request, exchange):
    sessions = list(selectors.agenda_sessions(exchange))
    delegations = list(selectors.delegations_with_members(exchange))
    objective_count = exchange.objectives.count()
    # A clash with an exchange this user may not see is shown without naming that exchange or its session.
    visible = None if is_staff(request.user) else visible_exchanges(request.user)
    checks = conflicts.check_exchange(
        exchange,
        sessions=sessions,
        delegations=delegations,
        objective_count=objective_count,
        visible_exchanges=visible,
    )
    for session in sessions:
        session.warnings = checks.by_session.get(session.pk, [])
    return {
        "exchange": exchange,
        "sessions": sessions,
        "delegations": delegations,
        "objective_count": objective_count,
        "checks": checks,
    }


def _mark_series(sessions) -> None:
    """Each block of a session over several days learns its place in its series ("day 1 of 2")."""
    series = defaultdict(list)
    for session in sessions:
        if session.series is not None:
            series[session.series].append(session)
    for blocks in series.values():
        if len(blocks) < 2:
            continue  # the other days were deleted: a session like any other
        for position, session in enumerate(blocks, start=1):
            session.series_position, session.series_length = position, len(blocks)


@dataclass
class Block:
    """A session on one day of the drag-and-drop timeline, in minutes since the day's midnight (host city)."""

    session: object
    start: int
    end: int
    continued: bool  # a session stored over several days, on a day after its first: not dragged from there


def _timeline(exchange, days) -> dict:
    """The days, blocks and hours of the drag-and-drop timeline: 8:00 to 18:00, widened to every session."""
    tz = exchange.tzinfo
    first, last = 8 * 60, 18 * 60
    timeline_days = []
    for day, sessions in days:
        blocks = []
        for session in sessions:
            start, end = session.start.astimezone(tz), session.end.astimezone(tz)
            block = Block(
                session=session,
                start=start.hour * 60 + start.minute if start.date() == day else 0,
                end=end.hour * 60 + end.minute if end.date() == day else 24 * 60,
                continued=start.date() != day,
            )
            first, last = min(first, block.start), max(last, block.end)
            blocks.append(block)
        timeline_days.append((day, blocks))
    first, last = first // 60 * 60, min(-(-last // 60) * 60, 24 * 60)
    hours = [(minute - first, f"{minute // 60:02d}:00") for minute in range(first, last, 60)]
    return {"days": timeline_days, "first_minute": first, "last_minute": last, "hours": hours}


@login_required
def builder(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    context = _checks_context(request, exchange)
    context["days"] = selectors.sessions_by_day(exchange, context["sessions"])
    _mark_series(context["sessions"])
    for session in context["sessions"]:
        session.move_form = SessionMoveForm(session=session)
    context["timeline"] = _timeline(exchange, context["days"])
    context["undo"] = last_move(exchange=exchange, user=request.user)
    context["saved_id"] = request.GET.get("saved", "")
    _complete_saved_message(request, context["checks"], context["saved_id"])
    if can_change_status(request.user, exchange):
        context["status_form"] = ExchangeStatusForm(exchange=exchange)
    return render(request, "exchanges/manage/builder.html", context)


@login_required
def checks(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    return render(request, "exchanges/manage/checks.html", _checks_context(request, exchange))


def _get_session(request, slug, pk):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    return exchange, get_object_or_404(exchange.sessions.select_related("venue"), pk=pk)


# A session saved in the builder: the message is queued here and completed by the builder page it
# redirects to, with the session's warning count from the checks that page runs anyway (one check per save).
SAVED_TAG = "session-saved"


def _saved_message(request, text):
    messages.success(request, text, extra_tags=SAVED_TAG)


def _complete_saved_message(request, checks, saved_id) -> None:
    warnings = checks.by_session.get(int(saved_id), []) if saved_id.isdigit() else []
    for message in messages.get_messages(request):
        if SAVED_TAG not in message.extra_tags.split():
            continue
        message.extra_tags = ""
        if warnings:
            message.message += " " + ngettext(
                "It has %(count)d warning: see below.", "It has %(count)d warnings: see below.", len(warnings)
            ) % {"count": len(warnings)}
            message.level = messages.WARNING


PICKED = {"single": ("venue",), "multiple": ("presenters", "organisations")}


def _render_session_form(request, exchange, form, session=None, day=None):
    context = {"exchange": exchange, "form": form, "session": session, "day": day}
    new_venue = reverse("exchanges:venue_create")
    offer_create(request, form, "venue", new_venue, _("New venue or site"), city=exchange.host_city_id)
    new_person = reverse("participants:person_create")
    offer_create(request, form, "presenters", new_person, _("New person"), city=exchange.host_city_id)
    offer_create(request, form, "organisations", reverse("cities:organisation_create"), _("New organisation"))
    if is_htmx(request):
        # The form appears in place of a link: take keyboard focus to it (htmx honours autofocus).
        form.fields[f"title_{reader_language()}"].widget.attrs["autofocus"] = True
        return render(request, "exchanges/manage/includes/session_form.html", context)
    return render(request, "exchanges/manage/session_form.html", context)


def _create(request, exchange, form):
    """A session, or its daily blocks up to the form's last day; returns the (first) session."""
    last_day = form.cleaned_data.get("last_day")
    if last_day is not None:
        return session_series_create(exchange=exchange, user=request.user, last_day=last_day, **form.session_values())[
            0
        ]
    return services.session_create(exchange=exchange, user=request.user, **form.session_values())


def _update(request, session, form):
    """Change one session, every block of its series, or make it daily blocks up to the form's last day."""
    if form.whole_series:
        session_series_update(session=session, user=request.user, **form.session_values())
        return
    services.session_update(session=session, user=request.user, **form.session_values())
    last_day = form.cleaned_data.get("last_day")
    if last_day is not None:
        session_series_extend(session=session, user=request.user, last_day=last_day)


@login_required
def session_add(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    try:
        day = date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = None
    form = SessionForm(
        request.POST or None,
        initial=picked_initial(request, **PICKED),
        exchange=exchange,
        day=day,
        people=visible_people(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = _create(request, exchange, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _saved_message(request, _("Session “%(title)s” added.") % {"title": session.title})
            return htmx_redirect(request, _builder_url(exchange, session))
    return _render_session_form(request, exchange, form, day=day)


@login_required
def session_edit(request, slug, pk):
    exchange, session = _get_session(request, slug, pk)
    form = SessionForm(
        request.POST or None,
        instance=session,
        initial=picked_initial(request, **PICKED, instance=session),
        exchange=exchange,
        people=visible_people(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            _update(request, session, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _saved_message(request, _("Session “%(title)s” saved.") % {"title": session.title})
            return htmx_redirect(request, _builder_url(exchange, session))
    return _render_session_form(request, exchange, form, session=session)


@login_required
@require_POST
def session_duplicate(request, slug, pk):
    exchange, session = _get_session(request, slug, pk)
    copy = services.session_duplicate(session=session, user=request.user)
    messages.success(request, _("Session duplicated. Change its time or day here."))
    return redirect("exchanges:session_edit", slug=exchange.slug, pk=copy.pk)


@login_required
def session_delete(request, slug, pk):
    exchange, session = _get_session(request, slug, pk)
    if request.method == "POST":
        title = session.title
        services.session_delete(session=session, user=request.user)
        messages.success(request, _("Session “%(title)s” deleted.") % {"title": title})
        return redirect("exchanges:builder", slug=exchange.slug)
    return render(request, "exchanges/manage/session_confirm_delete.html", {"exchange": exchange, "session": session})

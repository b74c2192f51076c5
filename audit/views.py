"""History tabs: who changed what and when, for staff and the coordinators of the cities taking part."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from audit.selectors import history_page
from exchanges.access import can_view_person_history, get_exchange_history_or_404
from exchanges.confidentiality import Shown, audience_for
from exchanges.models import Delegation, Exchange, Membership, NextStep, Objective, Session
from participants.models import Person
from reports.models import Report


def exchange_sources(exchange, *, hidden_session_ids=()) -> list:
    """What an exchange's history shows: (tracked model, filter on its historical rows), without the sessions
    the viewer may not see in full (``exchanges.confidentiality``)."""
    delegation_ids = Delegation.history.filter(exchange_id=exchange.pk).values("id")
    return [
        (Exchange, Q(id=exchange.pk)),
        (Objective, Q(exchange_id=exchange.pk)),
        (Session, Q(exchange_id=exchange.pk) & ~Q(id__in=list(hidden_session_ids))),
        (NextStep, Q(exchange_id=exchange.pk)),
        (Delegation, Q(exchange_id=exchange.pk)),
        (Membership, Q(delegation_id__in=delegation_ids)),
        (Report, Q(exchange_id=exchange.pk)),
    ]


def _person_url(person) -> str:
    # The people directory belongs to the participants app, which may not name this page yet.
    try:
        return reverse("participants:person_detail", kwargs={"pk": person.pk})
    except NoReverseMatch:
        return ""


def _hidden_sessions(user, exchange) -> list[int]:
    """The exchange's sessions whose history this user may not read: those they may not see in full."""
    audience = audience_for(user, exchange)
    if audience.organiser:
        return []
    sessions = Session.objects.filter(exchange=exchange).exclude(confidentiality=Session.Confidentiality.PUBLIC)
    return [session.pk for session in sessions if audience.shown(session) is not Shown.FULL]


def _render(request, *, title, subject, back_url, sources):
    page = history_page(sources, request.GET.get("page"))
    context = {"title": title, "subject": subject, "back_url": back_url, "page": page}
    return render(request, "audit/history.html", context)


@login_required
def exchange_history(request, slug):
    exchange = get_exchange_history_or_404(request.user, slug)
    return _render(
        request,
        title=_("History of %(exchange)s") % {"exchange": exchange.title},
        subject=exchange,
        back_url=exchange.get_absolute_url(),
        sources=exchange_sources(exchange, hidden_session_ids=_hidden_sessions(request.user, exchange)),
    )


@login_required
def session_history(request, slug, pk):
    exchange = get_exchange_history_or_404(request.user, slug)
    session = get_object_or_404(Session, exchange=exchange, pk=pk)
    if audience_for(request.user, exchange).shown(session) is not Shown.FULL:
        raise Http404
    return _render(
        request,
        title=_("History of the session %(session)s") % {"session": session.title},
        subject=session,
        back_url=session.get_absolute_url(),
        sources=[(Session, Q(id=session.pk))],
    )


@login_required
def delegation_history(request, slug, pk):
    exchange = get_exchange_history_or_404(request.user, slug)
    delegation = get_object_or_404(Delegation.objects.select_related("city"), exchange=exchange, pk=pk)
    return _render(
        request,
        title=_("History of the %(delegation)s") % {"delegation": delegation},
        subject=delegation,
        back_url=exchange.get_absolute_url(),
        sources=[(Delegation, Q(id=delegation.pk)), (Membership, Q(delegation_id=delegation.pk))],
    )


@login_required
def person_history(request, pk):
    person = get_object_or_404(Person, pk=pk)
    if not can_view_person_history(request.user, person):
        raise Http404
    return _render(
        request,
        title=_("History of %(person)s") % {"person": person.name},
        subject=person,
        back_url=_person_url(person),
        sources=[(Person, Q(id=person.pk)), (Membership, Q(person_id=person.pk))],
    )

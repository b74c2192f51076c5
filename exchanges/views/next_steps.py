from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchanges.access import can_edit_exchange, can_post_next_step_update, get_exchange_for_user_or_404
from exchanges.confidentiality import audience_for, shown_sessions
from exchanges.forms.next_steps import NextStepForm, NextStepUpdateForm
from exchanges.models import NextStep
from exchanges.selectors import next_steps as selectors
from exchanges.services.next_steps import next_step_update_post


def _next_step_or_404(user, slug, pk, *, edit=False):
    exchange = get_exchange_for_user_or_404(user, slug)
    if edit and not can_edit_exchange(user, exchange):
        raise PermissionDenied
    queryset = NextStep.objects.select_related("owner_organisation", "owner_person", "objective")
    next_step = get_object_or_404(queryset, exchange=exchange, pk=pk)
    next_step.exchange = exchange
    return next_step


def next_steps(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug)
    today = timezone.localdate()
    steps = list(selectors.exchange_next_steps(exchange))
    for step in steps:
        step.overdue = step.is_overdue(today)
    context = {
        "exchange": exchange,
        "next_steps": steps,
        "overdue_count": sum(step.overdue for step in steps),
        "can_edit": can_edit_exchange(request.user, exchange),
    }
    return render(request, "exchanges/next_steps/list.html", context)


def _shown_sessions(user, next_step) -> list:
    """The sessions the action came from, as this user may see them (busy blocks and hidden ones left out)."""
    audience = audience_for(user, next_step.exchange)
    sessions = list(next_step.sessions.order_by("start", "pk"))
    for session in sessions:
        session.exchange = next_step.exchange
    return [session for session in shown_sessions(audience, sessions) if getattr(session, "pk", None)]


def _detail(request, next_step, form, status=200):
    next_step.overdue = next_step.is_overdue(timezone.localdate())
    context = {
        "exchange": next_step.exchange,
        "step": next_step,
        "updates": list(next_step.updates.select_related("author__person", "check_in").order_by("-created_at", "-pk")),
        "sessions": _shown_sessions(request.user, next_step),
        "check_ins": list(next_step.check_ins.order_by("months")),
        "form": form,
        "can_post": can_post_next_step_update(request.user, next_step),
        "can_edit": can_edit_exchange(request.user, next_step.exchange),
    }
    return render(request, "exchanges/next_steps/detail.html", context, status=status)


def next_step_detail(request, slug, pk):
    next_step = _next_step_or_404(request.user, slug, pk)
    return _detail(request, next_step, NextStepUpdateForm())


@login_required
@require_POST
def next_step_update(request, slug, pk):
    next_step = _next_step_or_404(request.user, slug, pk)
    if not can_post_next_step_update(request.user, next_step):
        raise PermissionDenied
    form = NextStepUpdateForm(request.POST)
    if not form.is_valid():
        return _detail(request, next_step, form, status=400)
    next_step_update_post(
        next_step=next_step,
        user=request.user,
        text=form.cleaned_data["text"],
        new_status=form.cleaned_data["new_status"],
    )
    messages.success(request, _("Your update is posted."))
    return redirect(next_step)


@login_required
def next_step_create(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug)
    if not can_edit_exchange(request.user, exchange):
        raise PermissionDenied
    form = NextStepForm(request.POST or None, exchange=exchange)
    if request.method == "POST" and form.is_valid():
        next_step = form.save()
        messages.success(request, _("The next step is added."))
        return redirect(next_step)
    return render(request, "exchanges/next_steps/form.html", {"exchange": exchange, "form": form, "step": None})


@login_required
def next_step_edit(request, slug, pk):
    next_step = _next_step_or_404(request.user, slug, pk, edit=True)
    form = NextStepForm(request.POST or None, instance=next_step, exchange=next_step.exchange)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The next step is saved."))
        return redirect(next_step)
    context = {"exchange": next_step.exchange, "form": form, "step": next_step}
    return render(request, "exchanges/next_steps/form.html", context)

"""An exchange's objectives: add, edit, reorder (move up/down, no JavaScript needed), remove."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchanges import services
from exchanges.access import get_exchange_for_user_or_404
from exchanges.forms import ObjectiveForm
from exchanges.views.manage import is_htmx

BUILDER_PREFIX = "objective"  # the builder's form: its field ids stay clear of the session form's


def exchange_objectives_url(exchange) -> str:
    return reverse("exchanges:objective_list", kwargs={"slug": exchange.slug})


def _get_objective(request, slug, pk):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    return exchange, get_object_or_404(exchange.objectives.all(), pk=pk)


@login_required
def objective_list(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    from_builder = request.POST.get("from") == "builder"  # the builder's own "Add an objective" form
    form = ObjectiveForm(request.POST or None, prefix=BUILDER_PREFIX if from_builder else None)
    if from_builder and is_htmx(request):  # answered in place: the builder stays where it is
        added = services.objective_create(exchange=exchange, **form.cleaned_data) if form.is_valid() else None
        context = {
            "exchange": exchange,
            "objective_count": exchange.objectives.count(),
            "objective_form": form if added is None else ObjectiveForm(prefix=BUILDER_PREFIX),
            "added_objective": added,
        }
        return render(request, "exchanges/manage/includes/builder_objectives.html", context)
    if request.method == "POST" and form.is_valid():
        services.objective_create(exchange=exchange, **form.cleaned_data)
        messages.success(request, _("Objective added."))
        if from_builder:
            return redirect("exchanges:builder", slug=exchange.slug)
        return redirect("exchanges:objective_list", slug=exchange.slug)
    context = {"exchange": exchange, "objectives": list(exchange.objectives.all()), "form": form}
    return render(request, "exchanges/manage/objective_list.html", context)


@login_required
def objective_edit(request, slug, pk):
    exchange, objective = _get_objective(request, slug, pk)
    form = ObjectiveForm(request.POST or None, instance=objective)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Objective saved."))
        return redirect("exchanges:objective_list", slug=exchange.slug)
    return render(
        request, "exchanges/manage/objective_form.html", {"exchange": exchange, "objective": objective, "form": form}
    )


@login_required
@require_POST
def objective_move(request, slug, pk):
    exchange, objective = _get_objective(request, slug, pk)
    offsets = {"up": -1, "down": 1}
    if request.POST.get("direction") not in offsets:
        raise Http404
    services.objective_move(objective=objective, offset=offsets[request.POST["direction"]])
    return redirect(f"{exchange_objectives_url(exchange)}#objective-{objective.pk}")


@login_required
def objective_delete(request, slug, pk):
    exchange, objective = _get_objective(request, slug, pk)
    if request.method == "POST":
        services.objective_delete(objective=objective)
        messages.success(request, _("Objective removed."))
        return redirect("exchanges:objective_list", slug=exchange.slug)
    return render(
        request,
        "exchanges/manage/confirm_delete.html",
        {
            "exchange": exchange,
            "title": _("Remove this objective?"),
            "object_text": objective.lead,
            "cancel_url": exchange_objectives_url(exchange),
        },
    )

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cities import selectors
from cities.forms import InitiativeForm

INITIATIVES_PER_PAGE = 20


def initiative_list(request):
    filters = {name: request.GET.get(name, "").strip() for name in ("theme", "city")}
    initiatives = selectors.initiative_list(request.user, **filters)
    page = Paginator(initiatives, INITIATIVES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "filtered": any(filters.values()),
        "can_create": selectors.editable_cities(request.user).exists(),
        **selectors.initiative_filter_choices(request.user),
    }
    return render(request, "cities/initiative_list.html", context)


@login_required
def initiative_create(request):
    if not selectors.editable_cities(request.user).exists():
        raise Http404
    form = InitiativeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        initiative = form.save()
        messages.success(request, _("The initiative “%(name)s” is saved.") % {"name": initiative.name})
        return redirect(initiative)
    return render(request, "cities/initiative_form.html", {"form": form, "initiative": None})


@login_required
def initiative_edit(request, slug):
    initiative = selectors.get_initiative_for_user_or_404(request.user, slug, edit=True)
    form = InitiativeForm(request.POST or None, instance=initiative, user=request.user)
    if request.method == "POST" and form.is_valid():
        initiative = form.save()
        messages.success(request, _("The initiative “%(name)s” is saved.") % {"name": initiative.name})
        return redirect(initiative)
    return render(request, "cities/initiative_form.html", {"form": form, "initiative": initiative})

"""The page of a partnership of cities over the years: it reads cities and exchanges (and, later, surveys)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchanges.access import get_partnership_for_user_or_404, partnership_choice_city_ids
from exchanges.services.partnerships import partnership_choose_publication
from overview.selectors.partnerships import partnership_list, partnership_page


def partnership_index(request):
    """The partnerships the viewer may open: public ones for everyone; staff, all; coordinators, their cities'."""
    return render(request, "overview/partnership_list.html", {"partnerships": partnership_list(request.user)})


def partnership_detail(request, slug):
    partnership = get_partnership_for_user_or_404(request.user, slug)
    choice_ids = partnership_choice_city_ids(request.user, partnership) if request.user.is_authenticated else set()
    context = {"partnership": partnership, "choice_city_ids": choice_ids, **partnership_page(request.user, partnership)}
    return render(request, "overview/partnership_detail.html", context)


@login_required
@require_POST
def partnership_publication(request, slug):
    partnership = get_partnership_for_user_or_404(request.user, slug)
    city_ids = partnership_choice_city_ids(request.user, partnership)
    if not city_ids:
        raise Http404
    publishes = request.POST.get("publishes") == "yes"
    partnership_choose_publication(partnership=partnership, city_ids=city_ids, publishes=publishes)
    if publishes:
        messages.success(request, _("Your city agrees to a public page."))
    else:
        messages.success(request, _("Your city keeps the page for the partnership's cities."))
    return redirect(partnership)

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cities import selectors
from cities.forms import CityProfileForm
from core.markdown import render_markdown

CITIES_PER_PAGE = 20


def city_list(request):
    filters = {name: request.GET.get(name, "").strip() for name in ("region", "country", "theme")}
    cities = selectors.city_list(request.user, **filters)
    page = Paginator(cities, CITIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "filtered": any(filters.values()),
        **selectors.city_filter_choices(request.user),
    }
    return render(request, "cities/city_list.html", context)


def city_detail(request, slug):
    city = selectors.get_city_for_user_or_404(request.user, slug)
    context = {
        "city": city,
        "can_edit": selectors.can_edit_city(request.user, city),
        "profile_html": render_markdown(city.profile),
        **selectors.city_profile(request.user, city),
    }
    return render(request, "cities/city_detail.html", context)


@login_required
def city_edit(request, slug):
    city = selectors.get_city_for_user_or_404(request.user, slug, edit=True)
    form = CityProfileForm(request.POST or None, instance=city, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The profile of %(city)s is saved.") % {"city": city.name})
        return redirect(city)
    return render(request, "cities/city_form.html", {"city": city, "form": form})

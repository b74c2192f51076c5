"""City and initiative pages that list exchanges: they read cities and exchanges, so they live above both.

Their URLs stay in the ``cities`` namespace (``cities:city_list``, ``cities:city_detail``,
``cities:initiative_detail``): ``exchange_portal/urls.py`` mounts them there.
"""

from django.core.paginator import Paginator
from django.shortcuts import render

from cities import selectors
from core.translated import translated_html
from overview.selectors import cities as city_pages
from overview.selectors.partnerships import city_public_partnerships, initiative_adoptions

CITIES_PER_PAGE = 20


def city_list(request):
    filters = {name: request.GET.get(name, "").strip() for name in ("region", "country", "theme")}
    cities = city_pages.city_list(request.user, **filters)
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
        "profile_html": translated_html(city, "profile", markdown=True),
        **city_pages.city_profile(request.user, city),
        "partnerships": city_public_partnerships(city),
    }
    return render(request, "cities/city_detail.html", context)


def initiative_detail(request, slug):
    initiative = selectors.get_initiative_for_user_or_404(request.user, slug)
    context = {
        "initiative": initiative,
        "themes": list(initiative.themes.all()),
        "description_html": translated_html(initiative, "description", markdown=True),
        "lead_url": selectors.organisation_url(initiative.lead_organisation) if initiative.lead_organisation else None,
        "presentations": city_pages.initiative_presentations(request.user, initiative),
        "adoptions": initiative_adoptions(request.user, initiative),
        "can_edit": selectors.can_edit_city(request.user, initiative.city),
    }
    return render(request, "cities/initiative_detail.html", context)

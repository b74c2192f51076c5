"""Reads behind the city and initiative pages, and who may see or edit them.

City profiles are public for member cities marked public; a city's
coordinators also see (and edit) their own city's profile and initiatives,
staff see and edit everything. The exchanges a profile lists are read above
this app, in ``overview.selectors.cities``: cities know no exchanges.
Every function here runs a fixed number of queries.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse

from cities.access import coordinated_city_ids, is_staff
from cities.models import City, Initiative, Organisation, Theme


def visible_cities(user) -> QuerySet[City]:
    if is_staff(user):
        return City.objects.all()
    allowed = Q(is_public=True, is_member=True)
    city_ids = coordinated_city_ids(user)
    if city_ids:
        allowed |= Q(pk__in=city_ids)
    return City.objects.filter(allowed)


def editable_cities(user) -> QuerySet[City]:
    if is_staff(user):
        return City.objects.all()
    return City.objects.filter(pk__in=coordinated_city_ids(user))


def can_edit_city(user, city: City) -> bool:
    return is_staff(user) or city.pk in coordinated_city_ids(user)


def get_city_for_user_or_404(user, slug: str, *, edit: bool = False) -> City:
    cities = editable_cities(user) if edit else visible_cities(user)
    return get_object_or_404(cities, slug=slug)


def visible_initiatives(user) -> QuerySet[Initiative]:
    if is_staff(user):
        return Initiative.objects.all()
    return Initiative.objects.filter(city__in=visible_cities(user))


def get_initiative_for_user_or_404(user, slug: str, *, edit: bool = False) -> Initiative:
    cities = editable_cities(user) if edit else visible_cities(user)
    initiatives = Initiative.objects.filter(city__in=cities).select_related("city", "lead_organisation")
    return get_object_or_404(initiatives, slug=slug)


def visible_organisations(user) -> QuerySet[Organisation]:
    """Organisations of visible cities, and those that belong to no city (networks, NGOs)."""
    if is_staff(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(Q(city__isnull=True) | Q(city__in=visible_cities(user)))


def organisation_url(organisation: Organisation) -> str | None:
    """The organisation's page once the organisations pages exist, else None."""
    try:
        return reverse("cities:organisation_detail", kwargs={"slug": organisation.slug})
    except NoReverseMatch:
        return None


# Lists


def city_filter_choices(user) -> dict[str, list]:
    cities = visible_cities(user).order_by()
    return {
        "regions": [r for r in cities.values_list("region", flat=True).distinct().order_by("region") if r],
        "countries": list(cities.values_list("country", flat=True).distinct().order_by("country")),
        "themes": list(Theme.objects.order_by("name")),
    }


def initiative_list(user, *, theme: str = "", city: str = "") -> QuerySet[Initiative]:
    initiatives = visible_initiatives(user)
    if theme:
        initiatives = initiatives.filter(themes__slug=theme)
    if city:
        initiatives = initiatives.filter(city__slug=city)
    return (
        initiatives.select_related("city", "lead_organisation")
        .prefetch_related("themes")
        .order_by("name", "pk")
        .distinct()
    )


def initiative_filter_choices(user) -> dict[str, list]:
    return {
        "cities": list(visible_cities(user).filter(initiatives__isnull=False).distinct().order_by("name")),
        "themes": list(Theme.objects.order_by("name")),
    }

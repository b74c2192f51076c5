"""Reads behind the city and initiative pages, and who may see or edit them.

City profiles are public for member cities marked public; a city's
coordinators also see (and edit) their own city's profile and initiatives,
staff see and edit everything. Exchanges appear on profiles by title, dates
and cities once they are no longer drafts (cancelled ones are left out);
details stay behind ``exchanges.access``: a page links an exchange only when
the viewer may open it. Every function here runs a fixed number of queries.
"""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse

from cities.models import City, Initiative, Organisation, Theme
from exchanges.access import coordinated_city_ids, is_staff, visible_exchanges
from exchanges.models import Exchange, Session

# Exchanges that may be named (title, dates, cities) to anyone on a city or initiative page.
LISTED_EXCHANGE_STATUSES = (Exchange.Status.SCHEDULED, Exchange.Status.UNDER_WAY, Exchange.Status.COMPLETED)


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


def listed_exchanges(user) -> QuerySet[Exchange]:
    """Exchanges whose title, dates and cities this user may read on a profile."""
    return Exchange.objects.filter(Q(status__in=LISTED_EXCHANGE_STATUSES) | Q(pk__in=visible_exchanges(user)))


def organisation_url(organisation: Organisation) -> str | None:
    """The organisation's page once the organisations pages exist, else None."""
    try:
        return reverse("cities:organisation_detail", kwargs={"slug": organisation.slug})
    except NoReverseMatch:
        return None


# Lists


def city_list(user, *, region: str = "", country: str = "", theme: str = "") -> QuerySet[City]:
    cities = visible_cities(user)
    if region:
        cities = cities.filter(region=region)
    if country:
        cities = cities.filter(country=country)
    if theme:
        themed_exchanges = listed_exchanges(user).filter(themes__slug=theme)
        cities = cities.filter(
            Q(pk__in=Initiative.objects.filter(themes__slug=theme).values("city_id"))
            | Q(pk__in=themed_exchanges.values("host_city_id"))
            | Q(pk__in=Exchange.visiting_cities.through.objects.filter(exchange__in=themed_exchanges).values("city_id"))
        )
    initiative_count = (
        Initiative.objects.filter(city=OuterRef("pk")).order_by().values("city").annotate(n=Count("pk")).values("n")
    )
    return (
        cities.annotate(initiative_count=Coalesce(Subquery(initiative_count), 0))
        .prefetch_related(Prefetch("initiatives", queryset=Initiative.objects.only("pk", "name", "slug", "city_id")))
        .order_by("name", "pk")
    )


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


# Profile and initiative pages


@dataclass(frozen=True)
class ExchangeEntry:
    """An exchange named on a profile; ``can_open`` says whether to link it."""

    exchange: Exchange
    can_open: bool


def _entries(user, exchanges: QuerySet[Exchange]) -> list[ExchangeEntry]:
    rows = list(
        exchanges.filter(pk__in=listed_exchanges(user).values("pk"))
        .select_related("host_city")
        .prefetch_related(Prefetch("visiting_cities", queryset=City.objects.only("pk", "name", "slug")))
        .order_by("-start_date", "title")
        .distinct()
    )
    openable = set(visible_exchanges(user).filter(pk__in=[row.pk for row in rows]).values_list("pk", flat=True))
    return [ExchangeEntry(exchange=row, can_open=row.pk in openable) for row in rows]


def city_profile(user, city: City) -> dict:
    """Everything the profile page shows besides the city itself."""
    exchanges = _entries(
        user,
        Exchange.objects.filter(
            Q(host_city=city)
            | Q(pk__in=Exchange.visiting_cities.through.objects.filter(city=city).values("exchange_id"))
        ),
    )
    organisations = list(city.organisations.select_related("parent").order_by("name", "pk"))
    for organisation in organisations:
        organisation.page_url = organisation_url(organisation)
    return {
        "initiatives": list(
            city.initiatives.select_related("lead_organisation").prefetch_related("themes").order_by("name", "pk")
        ),
        "organisations": organisations,
        "hosted": [entry for entry in exchanges if entry.exchange.host_city_id == city.pk],
        "visited": [entry for entry in exchanges if entry.exchange.host_city_id != city.pk],
    }


def initiative_presentations(user, initiative: Initiative) -> list[tuple[ExchangeEntry, list[Session]]]:
    """Exchanges where the initiative was presented, with the sessions the viewer may see."""
    entries = _entries(user, Exchange.objects.filter(sessions__initiatives=initiative))
    openable = {entry.exchange.pk: entry.exchange for entry in entries if entry.can_open}
    sessions: dict[int, list[Session]] = {pk: [] for pk in openable}
    if openable:
        for session in (
            Session.objects.filter(initiatives=initiative, exchange__in=list(openable))
            .select_related("venue")
            .order_by("start", "pk")
        ):
            session.exchange = openable[session.exchange_id]  # shown in the host city's time zone
            sessions[session.exchange_id].append(session)
    return [(entry, sessions.get(entry.exchange.pk, [])) for entry in entries]

"""Reads of the pages that show a city or an initiative together with its exchanges.

Public exchanges appear on profiles by title, dates and cities once they are no
longer drafts (cancelled ones are left out), and so do the exchanges the viewer
may open (``exchanges.access``); an exchange that is not public is named to
nobody else. Sessions are listed as the public may see them
(``exchanges.confidentiality``). Every function here runs a fixed number of queries.
"""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from cities.models import City, Initiative
from cities.selectors import organisation_url, visible_cities
from exchanges.access import visible_exchanges
from exchanges.confidentiality import publishable_sessions
from exchanges.models import Exchange, Session

# Public exchanges in these states may be named (title, dates, cities) to anyone on a city or initiative page.
LISTED_EXCHANGE_STATUSES = (Exchange.Status.SCHEDULED, Exchange.Status.UNDER_WAY, Exchange.Status.COMPLETED)


def listed_exchanges(user) -> QuerySet[Exchange]:
    """Exchanges whose title, dates and cities this user may read on a profile."""
    return Exchange.objects.filter(
        Q(status__in=LISTED_EXCHANGE_STATUSES, is_public=True) | Q(pk__in=visible_exchanges(user))
    )


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
            Session.objects.filter(publishable_sessions(), initiatives=initiative, exchange__in=list(openable))
            .select_related("venue")
            .order_by("start", "pk")
        ):
            session.exchange = openable[session.exchange_id]  # shown in the host city's time zone
            sessions[session.exchange_id].append(session)
    return [(entry, sessions.get(entry.exchange.pk, [])) for entry in entries]

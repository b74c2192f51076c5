"""What the search box searches: one provider per kind of result.

A provider says which rows a user may see (``visible``), which of their own
columns are searched (``fields``: on PostgreSQL each provider's table has a GIN
index on exactly these, see the migrations), and how a row reads in the results
(``hit``). To search something new, write a provider and add it to
``PROVIDERS`` with a migration that indexes its fields; search reads the other
apps, and no app imports search.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cities.models import City, Initiative, Organisation
from cities.selectors import organisation_url, visible_cities, visible_initiatives, visible_organisations
from exchanges.access import is_staff, visible_exchanges
from exchanges.models import Exchange
from participants.models import Person
from reports.access import published_releases
from reports.models import ReportRelease
from search.text import matching


@dataclass(frozen=True)
class Hit:
    title: str
    url: str | None
    meta: str = ""
    summary: str = ""


class Provider:
    kind: str
    label: Promise
    fields: tuple[str, ...]
    title: str = "name"
    ordering: tuple[str, ...] = ("name",)

    def available(self, user) -> bool:
        """Whether this kind of result is offered to the user at all."""
        return True

    def visible(self, user) -> QuerySet:
        """The rows this user may see; results never go beyond them."""
        raise NotImplementedError

    def hit(self, obj) -> Hit:
        raise NotImplementedError

    def search(self, user, text: str) -> QuerySet:
        return matching(self.visible(user), self.fields, text, title=self.title, ordering=self.ordering)


def _first_url(*candidates) -> str | None:
    for name, kwargs in candidates:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def _dates(start: date, end: date) -> str:
    return f"{date_format(start)} – {date_format(end)}"


class CityProvider(Provider):
    kind = "cities"
    label = _("Cities")
    fields = ("name", "country", "region", "languages", "profile")

    def visible(self, user):
        return visible_cities(user)

    def hit(self, city: City) -> Hit:
        return Hit(city.name, city.get_absolute_url(), " · ".join(p for p in (city.country, city.region) if p))


class InitiativeProvider(Provider):
    kind = "initiatives"
    label = _("Initiatives")
    fields = ("name", "acronym", "summary", "description")

    def visible(self, user):
        return visible_initiatives(user).select_related("city")

    def hit(self, initiative: Initiative) -> Hit:
        return Hit(initiative.name, initiative.get_absolute_url(), initiative.city.name, initiative.summary)


class OrganisationProvider(Provider):
    kind = "organisations"
    label = _("Organisations")
    fields = ("name", "acronym", "description")

    def visible(self, user):
        return visible_organisations(user).select_related("city")

    def hit(self, organisation: Organisation) -> Hit:
        url = organisation_url(organisation) or organisation.website or None
        if url is None and organisation.city_id:
            url = organisation.city.get_absolute_url()
        meta = " · ".join(str(p) for p in (organisation.get_kind_display(), organisation.city) if p)
        return Hit(str(organisation), url, meta)


class PersonProvider(Provider):
    """People are staff business: their names and e-mail addresses are not public."""

    kind = "people"
    label = _("People")
    fields = ("name", "job_title", "email")

    def available(self, user):
        return is_staff(user)

    def visible(self, user):
        if not is_staff(user):
            return Person.objects.none()
        return Person.objects.select_related("organisation")

    def hit(self, person: Person) -> Hit:
        url = _first_url(
            ("participants:person_detail", {"pk": person.pk}),
            ("admin:participants_person_change", {"object_id": person.pk}),
        )
        meta = ", ".join(p for p in (person.job_title, person.organisation.name if person.organisation else "") if p)
        return Hit(person.display_name, url, meta, person.email)


class ExchangeProvider(Provider):
    kind = "exchanges"
    label = _("Exchanges")
    fields = ("title", "description")
    title = "title"
    ordering = ("-start_date", "title")

    def visible(self, user):
        return visible_exchanges(user).select_related("host_city")

    def hit(self, exchange: Exchange) -> Hit:
        meta = f"{_dates(exchange.start_date, exchange.end_date)} · {exchange.host_city.name}"
        return Hit(exchange.title, exchange.get_absolute_url(), meta, exchange.description)


class ReportProvider(Provider):
    """Published reports: the text of each report's current release, never a draft (editors included)."""

    kind = "reports"
    label = _("Published reports")
    fields = ("introduction", "aims", "summary", "next_steps")
    title = "report__exchange__title"
    ordering = ("-report__exchange__start_date", "language")

    def visible(self, user):
        return published_releases(user).select_related("report__exchange__host_city")

    def hit(self, release: ReportRelease) -> Hit:
        exchange = release.report.exchange
        where = f"{_dates(exchange.start_date, exchange.end_date)} · {exchange.host_city.name}"
        meta = f"{where} · {release.get_language_display()}"
        url = reverse("reports:report", kwargs={"slug": exchange.slug, "lang": release.language})
        return Hit(str(_("Summary report: %(exchange)s") % {"exchange": exchange.title}), url, meta)


PROVIDERS: list[Provider] = [
    CityProvider(),
    InitiativeProvider(),
    OrganisationProvider(),
    PersonProvider(),
    ExchangeProvider(),
    ReportProvider(),
]


def provider_for(kind: str) -> Provider | None:
    return next((provider for provider in PROVIDERS if provider.kind == kind), None)

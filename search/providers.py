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

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cities.models import City, Initiative, Organisation
from cities.selectors import organisation_url, visible_cities, visible_initiatives, visible_organisations
from exchanges.access import is_staff, visible_exchanges
from exchanges.confidentiality import publishable_sessions
from exchanges.models import Exchange, Session
from participants.models import Person
from reports.access import published_releases
from reports.models import ReportRelease
from search.text import LANGUAGE_CONFIGS, both_languages, filter_matching, in_order, matching


@dataclass(frozen=True)
class Hit:
    title: str
    url: str | None
    meta: str = ""
    summary: str = ""


class Provider:
    """``fields`` name the columns searched: a translated text by both its columns (``both_languages``). Hits read
    the model's attributes, which give the reader's language and fall back to the other one."""

    kind: str
    label: Promise
    fields: tuple[str, ...]
    title: str = "name"
    title_translated: bool = False  # ``title`` is a translated text: "titles first" looks in the reader's language
    ordering: tuple[str, ...] = ("name",)

    def available(self, user) -> bool:
        """Whether this kind of result is offered to the user at all."""
        return True

    def visible(self, user) -> QuerySet:
        """The rows this user may see; results never go beyond them."""
        raise NotImplementedError

    def hit(self, obj) -> Hit:
        raise NotImplementedError

    def title_field(self) -> str:
        if not self.title_translated:
            return self.title
        language = get_language() or "en"
        return f"{self.title}_{language if language in LANGUAGE_CONFIGS else 'en'}"

    def search(self, user, text: str) -> QuerySet:
        return matching(self.visible(user), self.fields, text, title=self.title_field(), ordering=self.ordering)


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
    fields = ("name", *both_languages("country", "region", "languages", "profile"))

    def visible(self, user):
        return visible_cities(user)

    def hit(self, city: City) -> Hit:
        return Hit(city.name, city.get_absolute_url(), " · ".join(p for p in (city.country, city.region) if p))


class InitiativeProvider(Provider):
    kind = "initiatives"
    label = _("Initiatives")
    fields = both_languages("name", "acronym", "summary", "description")
    title_translated = True

    def visible(self, user):
        return visible_initiatives(user).select_related("city")

    def hit(self, initiative: Initiative) -> Hit:
        return Hit(initiative.name, initiative.get_absolute_url(), initiative.city.name, initiative.summary)


class OrganisationProvider(Provider):
    kind = "organisations"
    label = _("Organisations")
    fields = both_languages("name", "acronym", "description")
    title_translated = True

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
    fields = ("name", *both_languages("job_title"), "email")

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
    """Exchanges by their own texts, and by the texts of their sessions that may be published (titles,
    descriptions, notes of public and Chatham House sessions: ``exchanges.confidentiality.publishable_sessions``),
    so that a word of a session's notes finds its exchange, for those who see the exchange."""

    kind = "exchanges"
    label = _("Exchanges")
    fields = both_languages("title", "description")
    session_fields = both_languages("title", "description", "notes")
    title = "title"
    title_translated = True
    ordering = ("-start_date", "title")

    def visible(self, user):
        return visible_exchanges(user).select_related("host_city")

    def search(self, user, text: str) -> QuerySet:
        visible = self.visible(user)
        own = filter_matching(visible, self.fields, text).values("pk")
        sessions = filter_matching(Session.objects.filter(publishable_sessions()), self.session_fields, text)
        found = visible.filter(Q(pk__in=own) | Q(pk__in=sessions.values("exchange_id")))
        return in_order(found, text, title=self.title_field(), ordering=self.ordering)

    def hit(self, exchange: Exchange) -> Hit:
        meta = f"{_dates(exchange.start_date, exchange.end_date)} · {exchange.host_city.name}"
        return Hit(exchange.title, exchange.get_absolute_url(), meta, exchange.description)


class SessionProvider(Provider):
    """Sessions that may be published (public and Chatham House: ``exchanges.confidentiality.publishable_sessions``)
    of the exchanges the user sees, by their texts; a hit names no presenter and leads to the session's page."""

    kind = "sessions"
    label = _("Sessions")
    fields = both_languages("title", "description", "notes")
    title = "title"
    title_translated = True
    ordering = ("-start", "pk")

    def visible(self, user):
        return Session.objects.filter(
            publishable_sessions(), exchange__in=visible_exchanges(user).values("pk")
        ).select_related("exchange__host_city")

    def hit(self, session: Session) -> Hit:
        meta = f"{date_format(session.local_start())} · {session.exchange.title}"
        return Hit(session.title, session.get_absolute_url(), meta, session.description)


class ReportProvider(Provider):
    """Published reports: the text of each report's current release, never a draft (editors included)."""

    kind = "reports"
    label = _("Published reports")
    fields = ("introduction", "aims", "summary", "next_steps")
    title = "report__exchange__title"
    ordering = ("-report__exchange__start_date", "language")
    title_translated = True

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
    SessionProvider(),
    ReportProvider(),
]


def provider_for(kind: str) -> Provider | None:
    return next((provider for provider in PROVIDERS if provider.kind == kind), None)

"""Sessions of one exchange from a file: each row checked by the builder's own ``SessionForm`` (times in the host
city's time zone), then created through ``services.session_create``, so a scheduled exchange records each new
session as an agenda change and its history as for a session added by hand."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities.models import Initiative, Organisation
from exchanges import services
from exchanges.access import exchange_city_ids, visible_people
from exchanges.forms import SessionForm
from exchanges.imports.base import Column, Importer, Lookup, choice_values, normal
from exchanges.models import Delegation, Session, Venue
from exchanges.services.series import session_series_create


def organisation_names(organisation) -> list[str]:
    return [organisation.name_en, organisation.name_fr, organisation.acronym_en, organisation.acronym_fr]


def person_names(person) -> list[str]:
    return [person.email, person.name, person.display_name]


class SessionImport(Importer):
    kind = "sessions"
    title = gettext_lazy("Import sessions")
    columns = (
        Column("kind", gettext_lazy("Roundtable, briefing, presentation, workshop, site_visit, meal, travel or other."
                                    " Empty: presentation.")),
        Column("title_en", gettext_lazy("The title in English."), required=True),
        Column("title_fr", gettext_lazy("The title in French. At least one of the two titles."), required=True),
        Column("day", gettext_lazy("The day, as 2017-10-16, within the exchange's dates."), required=True),
        Column("start_time", gettext_lazy("Start, as 09:00, in the host city's time."), required=True),
        Column("end_time", gettext_lazy("End, as 10:30, in the host city's time."), required=True),
        Column("end_day", gettext_lazy("Only for a session over several days: its last day. Empty: the same day.")),
        Column("venue", gettext_lazy("The name of a venue or site in one of the exchange's cities. Required for a"
                                     " site visit.")),
        Column("presenters", gettext_lazy("E-mail addresses or names of people in the directory, separated by"
                                          " semicolons.")),
        Column("organisations", gettext_lazy("Names or acronyms of organisations, separated by semicolons.")),
        Column("initiatives", gettext_lazy("Names or acronyms of initiatives, separated by semicolons.")),
        Column("attending_delegations", gettext_lazy("Cities of the delegations that attend, separated by"
                                                     " semicolons. Empty: every delegation.")),
        Column("confidentiality", gettext_lazy("Public, participants, chatham_house or restricted. Empty: public.")),
        Column("description_en", gettext_lazy("The description in English.")),
        Column("description_fr", gettext_lazy("The description in French.")),
        Column("notes_en", gettext_lazy("Notes and outcome in English (Markdown).")),
        Column("notes_fr", gettext_lazy("Notes and outcome in French (Markdown).")),
    )  # fmt: skip
    required_groups = (("title_en", "title_fr"), ("day",), ("start_time",), ("end_time",))

    def load(self):
        exchange = self.exchange
        self.city_ids = exchange_city_ids(exchange)
        self.venues = Lookup(
            Venue.objects.filter(city__in=self.city_ids).select_related("city"),
            lambda venue: [venue.name, f"{venue.name} ({venue.city.name})"],
        )
        # Read once and handed to every row's form with the exchange's cities.
        self.choosable_people = visible_people(self.user)
        self.people = Lookup(self.choosable_people, person_names)
        self.organisations = Lookup(Organisation.objects.all(), organisation_names)
        self.initiatives = Lookup(
            Initiative.objects.all(),
            lambda initiative: [initiative.name_en, initiative.name_fr, initiative.acronym_en, initiative.acronym_fr],
        )
        self.delegations = Lookup(
            Delegation.objects.filter(exchange=exchange).select_related("city"), lambda d: [d.city.name]
        )
        self.kinds = choice_values(Session.Kind.choices)
        self.levels = choice_values(Session.Confidentiality.choices)

    def form_data(self, values, result):
        data = {name: values.get(name, "") for name in ("title_en", "title_fr", "day", "start_time", "end_time")}
        data.update({name: values.get(name, "") for name in ("end_day", "description_en", "description_fr")})
        data.update({name: values.get(name, "") for name in ("notes_en", "notes_fr")})
        kind = values.get("kind", "")
        data["kind"] = self.kinds.get(normal(kind), kind) if kind else Session.Kind.PRESENTATION
        level = values.get("confidentiality", "")
        data["confidentiality"] = self.levels.get(normal(level), level)
        data["venue"] = self.lookup_one(
            self.venues,
            values.get("venue", ""),
            "venue",
            result,
            missing=_("No venue or site named “%(name)s” in the cities of this exchange."),
            ambiguous=_("Several venues are named “%(name)s”: add the city, as “%(name)s (City)”."),
        )
        data["presenters"] = self.lookup_many(
            self.people,
            values.get("presenters", ""),
            "presenters",
            result,
            missing=_("Nobody named “%(name)s” in the people you may choose."),
            ambiguous=_("Several people are named “%(name)s”: give their e-mail address instead."),
        )
        data["organisations"] = self.lookup_many(
            self.organisations,
            values.get("organisations", ""),
            "organisations",
            result,
            missing=_("No organisation named “%(name)s”."),
            ambiguous=_("Several organisations are named “%(name)s”: give their full name."),
        )
        data["initiatives"] = self.lookup_many(
            self.initiatives,
            values.get("initiatives", ""),
            "initiatives",
            result,
            missing=_("No initiative named “%(name)s”."),
            ambiguous=_("Several initiatives are named “%(name)s”: give their full name."),
        )
        data["attending_delegations"] = self.lookup_many(
            self.delegations,
            values.get("attending_delegations", ""),
            "attending_delegations",
            result,
            missing=_("No delegation of “%(name)s” in this exchange."),
            ambiguous=_("Several delegations of “%(name)s”."),
        )
        return data

    def make_form(self, data):
        return SessionForm(data=data, exchange=self.exchange, people=self.choosable_people, city_ids=self.city_ids)

    def check_row(self, form, result):
        exchange = self.exchange
        day = form.cleaned_data["day"]
        last = form.cleaned_data.get("end_day") or day
        if day < exchange.start_date or last > exchange.end_date:
            column = "day" if day < exchange.start_date or not form.cleaned_data.get("end_day") else "end_day"
            result.add_error(
                column,
                _("The exchange runs from %(first)s to %(last)s: choose a day within its dates.")
                % {
                    "first": date_format(exchange.start_date, "DATE_FORMAT"),
                    "last": date_format(exchange.end_date, "DATE_FORMAT"),
                },
            )

    def save_row(self, form):
        # A row with a later last day is daily blocks with the row's hours, as in the builder's form.
        last_day = form.cleaned_data.get("last_day")
        if last_day is not None:
            return session_series_create(
                exchange=self.exchange, user=self.user, last_day=last_day, **form.session_values()
            )[0]
        return services.session_create(exchange=self.exchange, user=self.user, **form.session_values())

    def example_rows(self):
        exchange = self.exchange
        venues = Venue.objects.filter(city__in=exchange_city_ids(exchange)).order_by("name")
        venue = venues.filter(kind=Venue.Kind.VENUE).first() or venues.first()
        site = venues.filter(kind=Venue.Kind.SITE).first()
        presenter = (
            visible_people(self.user)
            .filter(presented_sessions__exchange=exchange)
            .exclude(email="")
            .order_by("name")
            .first()
        )
        delegations = sorted(d.city.name for d in exchange.delegations.select_related("city"))
        day = exchange.start_date.isoformat()
        rows = [
            {
                "kind": "roundtable",
                "title_en": "Opening roundtable",
                "title_fr": "Table ronde d'ouverture",
                "day": day,
                "start_time": "09:00",
                "end_time": "10:30",
                "venue": venue.name if venue else "",
                "presenters": presenter.email if presenter else "",
                "confidentiality": "public",
                "description_en": "Welcome and aims of the exchange.",
                "description_fr": "Accueil et objectifs de l'échange.",
            },
            {
                "kind": "meal",
                "title_en": "Lunch",
                "title_fr": "Déjeuner",
                "day": day,
                "start_time": "12:30",
                "end_time": "13:30",
                "attending_delegations": "; ".join(delegations),
                "confidentiality": "participants",
            },
        ]
        if site is not None:
            rows.append(
                {
                    "kind": "site_visit",
                    "title_en": f"Site visit: {site.name}",
                    "title_fr": f"Visite de terrain : {site.name}",
                    "day": exchange.end_date.isoformat(),
                    "start_time": "14:00",
                    "end_time": "16:00",
                    "venue": site.name,
                }
            )
        return rows

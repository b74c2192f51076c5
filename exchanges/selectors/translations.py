"""How much of an exchange's own content exists in each language (issue 13: translation status).

The exchange's texts are those of: the exchange itself, its objectives, its sessions, the venues its sessions
use, the people taking part (members of its delegations, presenters, the host contact: their job titles and
honorifics), the organisations involved (of its sessions, of those people, hosting its venues, owning its next
steps) and its next steps. A text counts once it exists in at least one language; empty in both, it is not a
text yet. ``translation_status`` runs six queries whatever the exchange's size.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cities.models import Organisation
from core.translated import LANGUAGE_CODES
from exchanges.models import Exchange, NextStep, Objective, Session, Venue
from exchanges.translation import (
    ExchangeTranslation,
    NextStepTranslation,
    ObjectiveTranslation,
    SessionTranslation,
    VenueTranslation,
)
from participants.models import Person

# What is counted of each kind of record: the translated fields of its translation options.
TEXTS = {
    Exchange: ExchangeTranslation.fields,
    Objective: ObjectiveTranslation.fields,
    Session: SessionTranslation.fields,
    Venue: VenueTranslation.fields,
    Person: ("honorific", "job_title"),
    Organisation: ("name", "acronym", "description"),
    NextStep: NextStepTranslation.fields,
}


@dataclass(frozen=True)
class MissingText:
    """One text that lacks a language: what it belongs to, which text, its words in the other language."""

    record: str
    text_label: str
    other: str
    edit_url: str


@dataclass
class LanguageCount:
    language: str
    present: int
    total: int
    missing: list[MissingText] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return self.present == self.total


@dataclass
class TranslationStatus:
    total: int
    languages: dict[str, LanguageCount]

    def shown(self) -> list[LanguageCount]:
        """French always (the network's second language), English when something lacks it."""
        return [count for code, count in self.languages.items() if code != "en" or not count.is_complete]


def _columns(model) -> list[str]:
    return ["pk", *(f"{name}_{code}" for name in TEXTS[model] for code in LANGUAGE_CODES)]


def _record_label(model, obj) -> str:
    names = {
        Exchange: lambda o: _("The exchange"),
        Objective: lambda o: _("Objective %(position)s") % {"position": o.position},
        Session: lambda o: _("Session “%(title)s”") % {"title": o.title_en or o.title_fr},
        Venue: lambda o: _("Venue %(name)s") % {"name": o.name},
        Person: lambda o: o.name,
        Organisation: lambda o: o.name_en or o.name_fr,
        NextStep: lambda o: _("Next step %(position)s") % {"position": o.position},
    }
    return str(names[model](obj))


def _edit_url(model, obj, exchange) -> str:
    slug = exchange.slug
    urls = {
        Exchange: lambda: reverse("exchanges:exchange_edit", kwargs={"slug": slug}),
        Objective: lambda: reverse("exchanges:objective_edit", kwargs={"slug": slug, "pk": obj.pk}),
        Session: lambda: reverse("exchanges:session_edit", kwargs={"slug": slug, "pk": obj.pk}),
        Venue: lambda: reverse("exchanges:venue_edit", kwargs={"pk": obj.pk}),
        Person: lambda: reverse("participants:person_edit", kwargs={"pk": obj.pk}),
        Organisation: lambda: reverse("cities:organisation_edit", kwargs={"pk": obj.pk}),
        NextStep: lambda: reverse("exchanges:next_step_edit", kwargs={"slug": slug, "pk": obj.pk}),
    }
    return urls[model]()


def _records(exchange: Exchange) -> list[tuple[type, list]]:
    """Every record whose texts count, by kind, in a fixed number of queries (six)."""
    objectives = list(Objective.objects.filter(exchange=exchange).only(*_columns(Objective), "position"))
    sessions = list(Session.objects.filter(exchange=exchange).only(*_columns(Session)))
    venues = list(Venue.objects.filter(sessions__exchange=exchange).distinct().only(*_columns(Venue), "name"))
    people = list(
        Person.objects.filter(
            Q(memberships__delegation__exchange=exchange)
            | Q(presented_sessions__exchange=exchange)
            | Q(hosted_exchanges=exchange)
        )
        .distinct()
        .only(*_columns(Person), "name")
    )
    person_ids = [person.pk for person in people]
    organisations = list(
        Organisation.objects.filter(
            Q(sessions__exchange=exchange)
            | Q(people__pk__in=person_ids)
            | Q(venues__sessions__exchange=exchange)
            | Q(next_steps__exchange=exchange)
        )
        .distinct()
        .only(*_columns(Organisation))
    )
    next_steps = list(NextStep.objects.filter(exchange=exchange).only(*_columns(NextStep), "position"))
    return [
        (Exchange, [exchange]),
        (Objective, objectives),
        (Session, sessions),
        (Venue, venues),
        (Person, people),
        (Organisation, organisations),
        (NextStep, next_steps),
    ]


def translation_status(exchange: Exchange) -> TranslationStatus:
    """How many of the exchange's texts exist in each language, and which lack one (six queries)."""
    total = 0
    counts = {code: LanguageCount(code, 0, 0) for code in LANGUAGE_CODES}
    for model, objects in _records(exchange):
        for obj in sorted(objects, key=lambda o: o.pk):
            for name in TEXTS[model]:
                values = {code: (getattr(obj, f"{name}_{code}") or "").strip() for code in LANGUAGE_CODES}
                if not any(values.values()):
                    continue
                total += 1
                for code, value in values.items():
                    count = counts[code]
                    count.total += 1
                    if value:
                        count.present += 1
                        continue
                    other = next(text for text in values.values() if text)
                    count.missing.append(
                        MissingText(
                            record=_record_label(model, obj),
                            text_label=capfirst(model._meta.get_field(name).verbose_name),
                            other=other,
                            edit_url=_edit_url(model, obj, exchange),
                        )
                    )
    return TranslationStatus(total=total, languages=counts)

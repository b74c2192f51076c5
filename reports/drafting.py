"""Drafting a summary report from the exchange's own data, as the Dakar–Montréal report was written.

Each function returns the Markdown of one section in the report's language:
the sentence templates are gettext strings, dates are formatted for the
language, and the organisations named in the text are linked to their
websites. Data (names, titles) is escaped; session notes and the exchange's
outcome are Markdown already and go in as written.

Every text people wrote is read in the report's language itself (``title_fr``), never through the
reader's fallback: where a text exists only in the other language, the draft says so in a visible
placeholder ("[Texte manquant en français : objectif 3 (titre)]") instead of mixing two languages in
one sentence, and ``Draft.missing`` lists it for the report page.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from cities.models import Organisation
from exchanges.confidentiality import publishable_sessions
from exchanges.models import Delegation, LearningNote, Membership, Session
from participants.models import Person
from reports.selectors import DraftData, link_targets
from reports.text import escape_markdown, human_join, link_names
from reports.wording import and_word, date_range, network_acronym, ordinal, sentence_start, serial_and, strip_period

# Logistics are on the agenda but not in the narrative unless someone wrote notes about them.
LOGISTICS = {Session.Kind.MEAL, Session.Kind.TRAVEL}
# "[Text missing in French: …]": spelled out per language, as a language's name reads differently in a sentence.
IN_LANGUAGE = {
    "en": pgettext_lazy("missing text", "in English"),
    "fr": pgettext_lazy("missing text", "in French"),
}


@dataclass(frozen=True)
class MissingText:
    """A text the draft needed in its language and found only in another: ``obj.<field>_<language>`` is empty."""

    obj: object
    field: str
    label: str  # what the placeholder names, in the report's language: "objectif 3 (titre)"


@dataclass
class Draft:
    sections: dict[str, str]
    missing: list[MissingText] = field(default_factory=list)


class _Texts:
    """Reads each text in one language; where only another language has it, notes it and returns a placeholder."""

    def __init__(self, language: str):
        self.language = language
        self.missing: list[MissingText] = []

    def __call__(self, obj, name: str, thing: str) -> str:
        """The text of ``obj.<name>`` in the report's language (raw), "" where no language has it, else the
        placeholder (raw: callers escape it as they escape the text)."""
        if obj is None:
            return ""
        text = getattr(obj, f"{name}_{self.language}", None) or ""
        if text.strip() or not any(
            (getattr(obj, f"{name}_{code}", None) or "").strip() for code, _name in settings.LANGUAGES
        ):
            return text
        label = _("%(thing)s (%(field)s)") % {"thing": thing, "field": obj._meta.get_field(name).verbose_name}
        if not any(item.obj == obj and item.field == name for item in self.missing):
            self.missing.append(MissingText(obj=obj, field=name, label=label))
        return _("[Text missing %(in_language)s: %(text)s]") % {
            "in_language": IN_LANGUAGE.get(self.language, self.language),
            "text": label,
        }

    def markdown(self, obj, name: str, thing: str) -> str:
        """A Markdown text (notes, the outcome) as written; a placeholder escaped so that it stays plain text."""
        text = getattr(obj, f"{name}_{self.language}", None) or ""
        found = self(obj, name, thing)
        return found if found == text else escape_markdown(found)


def draft(data: DraftData, language: str) -> Draft:
    """The four sections drafted in ``language`` from the texts in ``language``, and the texts it lacked."""
    texts = _Texts(language)
    with translation.override(language):
        sections = {
            "introduction": introduction(data, texts),
            "aims": aims(data, texts),
            "summary": summary(data, texts),
            "next_steps": next_steps(data, texts),
        }
    links = link_targets(data, language)
    return Draft(sections={name: link_names(text, links) for name, text in sections.items()}, missing=texts.missing)


def draft_sections(data: DraftData, language: str) -> dict[str, str]:
    """The four sections, drafted in ``language``."""
    return draft(data, language).sections


def report_title(data_or_exchange, language: str) -> str:
    """'Dakar-Montréal city exchange: summary report' (visiting cities first, as the reference)."""
    if isinstance(data_or_exchange, DraftData):
        exchange, visiting = data_or_exchange.exchange, data_or_exchange.visiting_cities
    else:
        exchange, visiting = data_or_exchange, list(data_or_exchange.visiting_cities.all())
    names = [city.name for city in visiting if city.pk != exchange.host_city_id] + [exchange.host_city.name]
    with translation.override(language):
        return _("%(cities)s city exchange: summary report") % {"cities": "-".join(names)}


def _city_with_country(city, texts: _Texts) -> str:
    country = texts(city, "country", city.name)
    return f"{escape_markdown(city.name)}, {escape_markdown(country)}" if country else escape_markdown(city.name)


def _organisation_name(org: Organisation, texts: _Texts) -> str:
    acronym = texts(org, "acronym", _org_thing(org))
    return escape_markdown(acronym or texts(org, "name", _org_thing(org)))


def _org_thing(org: Organisation) -> str:
    """How a placeholder names an organisation: by the name it has in some language."""
    return org.acronym_en or org.acronym_fr or org.name_en or org.name_fr or str(org.pk)


def _display_name(person: Person, texts: _Texts) -> str:
    honorific = texts(person, "honorific", person.name)
    return f"{honorific} {person.name}" if honorific else person.name


def _job_title(person: Person, texts: _Texts) -> str:
    """The job title in the report's language, unless it only repeats the honorific ("Commander")."""
    title = texts(person, "job_title", person.name)
    return title if title and title != texts(person, "honorific", person.name) else ""


def _person_with_title(person: Person, texts: _Texts, host_city_id: int | None = None) -> str:
    """'Maye Seck, urban security adviser to the Mayor' or 'Esteban Benavides, the city's International
    Relations adviser' when the person works for the host city's administration."""
    name = escape_markdown(_display_name(person, texts))
    title = _job_title(person, texts)
    org = person.organisation
    if title and org and org.kind == Organisation.Kind.MUNICIPAL and host_city_id and org.city_id == host_city_id:
        return _("%(name)s, the city's %(job_title)s") % {
            "name": name,
            "job_title": escape_markdown(sentence_start(title)),
        }
    if title:
        return f"{name}, {escape_markdown(sentence_start(title))}"
    return name


def _presenter(person: Person, texts: _Texts) -> str:
    parts = [escape_markdown(_display_name(person, texts))]
    title = _job_title(person, texts)
    if title:
        parts.append(escape_markdown(title))
    if person.organisation:
        parts.append(escape_markdown(texts(person.organisation, "name", _org_thing(person.organisation))))
    return ", ".join(parts)


def introduction(data: DraftData, texts: _Texts) -> str:
    visiting = _visiting_cities(data)
    paragraphs = [_opening(data, visiting, texts)]
    second = [
        sentence for sentence in (_hosted_by(data.exchange, texts), _travelled(data, visiting, texts)) if sentence
    ]
    if second:
        paragraphs.append(" ".join(second))
    return "\n\n".join(paragraphs)


def _visiting_cities(data: DraftData) -> list:
    return [city for city in data.visiting_cities if city.pk != data.exchange.host_city_id]


def _opening(data: DraftData, visiting: list, texts: _Texts) -> str:
    """'ISD held the first Strong Cities Network (SCN) bilateral exchange on 16–18 October 2017, …'"""
    exchange = data.exchange
    values = {
        "organiser": _organisation_name(exchange.programme.organiser, texts),
        "ordinal": ordinal(data.ordinal),
        "network": escape_markdown(settings.NETWORK_NAME),
        "acronym": escape_markdown(network_acronym()),
        "kind": _("bilateral exchange") if len(visiting) == 1 else _("city exchange"),
        "dates": date_range(exchange.start_date, exchange.end_date),
        "cities": human_join([_city_with_country(city, texts) for city in [*visiting, exchange.host_city]], and_word()),
    }
    description = texts(exchange, "description", _("the exchange"))
    if description.strip():
        values["purpose"] = escape_markdown(sentence_start(strip_period(description)))
        first = _("%(organiser)s held the %(ordinal)s %(network)s (%(acronym)s) %(kind)s on %(dates)s, %(purpose)s.")
    else:
        first = _(
            "%(organiser)s held the %(ordinal)s %(network)s (%(acronym)s) %(kind)s on %(dates)s between the cities "
            "of %(cities)s."
        )
    return first % values


def _hosted_by(exchange, texts: _Texts) -> str:
    if not exchange.host_contact:
        return ""
    return _("The exchange was hosted in %(city)s by %(host)s.") % {
        "city": escape_markdown(exchange.host_city.name),
        "host": _person_with_title(exchange.host_contact, texts, exchange.host_city_id),
    }


def _people_list(visitors: list[Person], texts: _Texts) -> str:
    """Names with job titles joined with a serial comma when there are more than two, or when titles (which
    hold commas themselves) would otherwise run together."""
    people = [_person_with_title(person, texts) for person in visitors]
    titled = any(_job_title(person, texts) for person in visitors) and len(people) > 1
    return human_join(people, serial_and() if len(people) > 2 or titled else and_word())


def _travelled(data: DraftData, visiting: list, texts: _Texts) -> str:
    visitors = _visiting_officials(data.delegations)
    if not (visiting and visitors):
        return ""
    return _("Officials from %(cities)s travelled to %(host_city)s to attend the sessions, including %(people)s.") % {
        "cities": human_join([escape_markdown(city.name) for city in visiting], and_word()),
        "host_city": escape_markdown(data.exchange.host_city.name),
        "people": _people_list(visitors, texts),
    }


def _visiting_officials(delegations: list[Delegation]) -> list[Person]:
    """Heads of the visiting delegations first, then their members (interpreters and facilitators left out)."""
    shown = {Membership.Role.HEAD, Membership.Role.MEMBER}
    memberships = [
        membership
        for delegation in delegations
        if delegation.role == Delegation.Role.VISITING
        for membership in delegation.memberships.all()
        if membership.role in shown
    ]
    memberships.sort(key=lambda membership: membership.role != Membership.Role.HEAD)
    return [membership.person for membership in memberships]


def aims(data: DraftData, texts: _Texts) -> str:
    exchange = data.exchange
    programme = exchange.programme
    values = {
        "exchange": escape_markdown(texts(exchange, "title", _("the exchange"))),
        "ordinal": ordinal(data.ordinal),
        "programme": escape_markdown(texts(programme, "name", _("the programme"))),
        "count": programme.planned_exchanges,
        "start": programme.start_date.year,
        "end": programme.end_date.year,
    }
    description = texts(programme, "description", _("the programme"))
    if description.strip():
        values["description"] = escape_markdown(strip_period(description))
        opening = _("%(description)s, of which the %(exchange)s is the %(ordinal)s.") % values
    else:
        opening = (
            _(
                "The %(programme)s runs %(count)s exchanges from %(start)s to %(end)s, of which the %(exchange)s is "
                "the %(ordinal)s."
            )
            % values
        )
    parts = [opening]
    if data.objectives:
        parts[0] += " " + _("The objectives of this exchange include:")
        parts.append(
            "\n".join(_objective(objective, number, texts) for number, objective in enumerate(data.objectives, 1))
        )
    return "\n\n".join(parts)


def _objective(objective, number: int, texts: _Texts) -> str:
    thing = _("objective %(number)s") % {"number": number}
    lead, detail = texts(objective, "lead", thing), texts(objective, "detail", thing)
    separator = "" if detail[:1] in {",", ";", ":", "."} else " "
    return (
        f"- **{escape_markdown(lead)}**{separator}{escape_markdown(detail)}"
        if detail
        else f"- **{escape_markdown(lead)}**"
    )


def summary(data: DraftData, texts: _Texts) -> str:
    paragraphs = []
    for number, session in enumerate(data.sessions, start=1):
        thing = _("session %(number)s") % {"number": number}
        notes = texts.markdown(session, "notes", thing).strip()
        if not notes and session.kind in LOGISTICS:
            continue
        presenters = list(session.presenters.all())
        if notes:
            paragraph = notes
            unnamed = [person for person in presenters if person.name not in notes]
        else:
            paragraph = _session_sentence(session, texts, thing)
            unnamed = presenters
        if unnamed:
            people = human_join([_presenter(person, texts) for person in unnamed], "; ")
            paragraph += " " + _("Presenters: %(people)s.") % {"people": people}
        paragraphs.append(paragraph)
    outcome = texts.markdown(data.exchange, "outcome", _("the exchange")).strip()
    if outcome:
        paragraphs.append(outcome)
    if not paragraphs:
        return _("_No sessions with notes yet: add notes to the sessions, then draft again._")
    return "\n\n".join(paragraphs)


def _session_sentence(session: Session, texts: _Texts, thing: str) -> str:
    values = {
        "kind": session.get_kind_display(),
        "title": escape_markdown(texts(session, "title", thing)),
        "date": date_format(session.local_start().date(), "j F Y"),
    }
    if session.venue:
        values["venue"] = escape_markdown(session.venue.name)
        sentence = _("%(kind)s on %(date)s at %(venue)s: %(title)s.") % values
    else:
        sentence = _("%(kind)s on %(date)s: %(title)s.") % values
    description = texts(session, "description", thing).strip()
    if description:
        sentence += " " + escape_markdown(description)
    return sentence


def next_steps(data: DraftData, texts: _Texts) -> str:
    if not data.next_steps:
        return _("_No next steps recorded yet: add the commitments made at the exchange, then draft again._")
    items = []
    for number, step in enumerate(data.next_steps, start=1):
        raw = texts(step, "text", _("next step %(number)s") % {"number": number}).strip()
        text = escape_markdown(raw)
        owner = step.owner_organisation
        if owner:
            name, acronym = texts(owner, "name", _org_thing(owner)), texts(owner, "acronym", _org_thing(owner))
            if name not in raw and not (acronym and acronym in raw):
                lead = _("lead: %(owner)s") % {"owner": _organisation_name(owner, texts)}
                text = f"{text[:-1]} ({lead})." if text.endswith(".") else f"{text} ({lead})"
        items.append(f"- {text}")
    return _("The participants committed to the following next steps:") + "\n\n" + "\n".join(items)


def shared_learning_notes(exchange) -> list[LearningNote]:
    """Learning notes shared with a delegation on the exchange's publishable sessions: material shown to the
    report's editors beside a section they edit. Never put into a draft or a release: an editor who uses a note
    writes it into the section in their own words. Notes kept private, and notes on sessions for participants
    only or restricted, are left out (the report may not tell of those sessions)."""
    sessions = Session.objects.filter(publishable_sessions(), exchange=exchange).values("pk")
    return list(
        LearningNote.objects.filter(visibility=LearningNote.Visibility.DELEGATION, session__in=sessions)
        .select_related("session", "author", "delegation__city")
        .order_by("session__start", "created_at", "pk")
    )

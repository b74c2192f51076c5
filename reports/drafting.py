"""Drafting a summary report from the exchange's own data, as the Dakar–Montréal report was written.

Each function returns the Markdown of one section in the report's language:
the sentence templates are gettext strings, dates are formatted for the
language, and the organisations named in the text are linked to their
websites. Data (names, titles) is escaped; session notes and the exchange's
outcome are Markdown already and go in as written.
"""

from datetime import date

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cities.models import Organisation
from exchanges.models import Delegation, Membership, Session
from participants.models import Person
from reports.selectors import DraftData
from reports.text import escape_markdown, human_join, link_names

# Logistics are on the agenda but not in the narrative unless someone wrote notes about them.
LOGISTICS = {Session.Kind.MEAL, Session.Kind.TRAVEL}


def draft_sections(data: DraftData, language: str) -> dict[str, str]:
    """The four sections, drafted in ``language``."""
    with translation.override(language):
        sections = {
            "introduction": introduction(data),
            "aims": aims(data),
            "summary": summary(data),
            "next_steps": next_steps(data),
        }
    return {name: link_names(text, data.links) for name, text in sections.items()}


def report_title(data_or_exchange, language: str) -> str:
    """'Dakar-Montréal city exchange: summary report' (visiting cities first, as the reference)."""
    if isinstance(data_or_exchange, DraftData):
        exchange, visiting = data_or_exchange.exchange, data_or_exchange.visiting_cities
    else:
        exchange, visiting = data_or_exchange, list(data_or_exchange.visiting_cities.all())
    names = [city.name for city in visiting if city.pk != exchange.host_city_id] + [exchange.host_city.name]
    with translation.override(language):
        return _("%(cities)s city exchange: summary report") % {"cities": "-".join(names)}


def network_acronym() -> str:
    """'Strong Cities Network' → 'SCN'."""
    return "".join(word[0] for word in settings.NETWORK_NAME.split() if word[:1].isupper())


def ordinal(number: int) -> str:
    words = {
        1: pgettext("exchange", "first"),
        2: pgettext("exchange", "second"),
        3: pgettext("exchange", "third"),
        4: pgettext("exchange", "fourth"),
        5: pgettext("exchange", "fifth"),
        6: pgettext("exchange", "sixth"),
        7: pgettext("exchange", "seventh"),
        8: pgettext("exchange", "eighth"),
        9: pgettext("exchange", "ninth"),
        10: pgettext("exchange", "tenth"),
    }
    return words.get(number, pgettext("exchange", "next"))


def date_range(start: date, end: date) -> str:
    """'16–18 October 2017', '30 September – 2 October 2017', '16 October 2017'."""
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def sentence_start(text: str) -> str:
    """Lower-case a leading capital when it only starts a sentence: 'Urban security adviser' → 'urban security
    adviser', but not 'International Relations adviser', 'ISD' or 'Montréal'."""
    words = text.split()
    if not words or not words[0][:1].isupper() or words[0].isupper() and len(words[0]) > 1:
        return text
    if len(words) > 1 and not words[1][:1].islower():
        return text
    return text[0].lower() + text[1:]


def _and() -> str:
    return _(" and ")


def _serial_and() -> str:
    return _(", and ")


def _strip_period(text: str) -> str:
    return text.strip().rstrip(".").rstrip()


def _city_with_country(city) -> str:
    return f"{escape_markdown(city.name)}, {escape_markdown(city.country)}" if city.country else city.name


def _organisation_name(org: Organisation) -> str:
    return escape_markdown(org.acronym or org.name)


def _person_with_title(person: Person, host_city_id: int | None = None) -> str:
    """'Maye Seck, urban security adviser to the Mayor' or 'Esteban Benavides, the city's International
    Relations adviser' when the person works for the host city's administration."""
    name = escape_markdown(person.display_name)
    title = person.job_title if person.job_title and person.job_title != person.honorific else ""
    org = person.organisation
    if title and org and org.kind == Organisation.Kind.MUNICIPAL and host_city_id and org.city_id == host_city_id:
        return _("%(name)s, the city's %(job_title)s") % {"name": name, "job_title": escape_markdown(title)}
    if title:
        return f"{name}, {escape_markdown(sentence_start(title))}"
    return name


def _presenter(person: Person) -> str:
    name = escape_markdown(person.display_name)
    title = person.job_title if person.job_title and person.job_title != person.honorific else ""
    parts = [name]
    if title:
        parts.append(escape_markdown(title))
    if person.organisation:
        parts.append(escape_markdown(person.organisation.name))
    return ", ".join(parts)


def introduction(data: DraftData) -> str:
    visiting = _visiting_cities(data)
    paragraphs = [_opening(data, visiting)]
    second = [sentence for sentence in (_hosted_by(data.exchange), _travelled(data, visiting)) if sentence]
    if second:
        paragraphs.append(" ".join(second))
    return "\n\n".join(paragraphs)


def _visiting_cities(data: DraftData) -> list:
    return [city for city in data.visiting_cities if city.pk != data.exchange.host_city_id]


def _opening(data: DraftData, visiting: list) -> str:
    """'ISD held the first Strong Cities Network (SCN) bilateral exchange on 16–18 October 2017, …'"""
    exchange = data.exchange
    values = {
        "organiser": _organisation_name(exchange.programme.organiser),
        "ordinal": ordinal(data.ordinal),
        "network": escape_markdown(settings.NETWORK_NAME),
        "acronym": escape_markdown(network_acronym()),
        "kind": _("bilateral exchange") if len(visiting) == 1 else _("city exchange"),
        "dates": date_range(exchange.start_date, exchange.end_date),
        "cities": human_join([_city_with_country(city) for city in [*visiting, exchange.host_city]], _and()),
    }
    if exchange.description.strip():
        values["purpose"] = escape_markdown(sentence_start(_strip_period(exchange.description)))
        first = _("%(organiser)s held the %(ordinal)s %(network)s (%(acronym)s) %(kind)s on %(dates)s, %(purpose)s.")
    else:
        first = _(
            "%(organiser)s held the %(ordinal)s %(network)s (%(acronym)s) %(kind)s on %(dates)s between the cities "
            "of %(cities)s."
        )
    return first % values


def _hosted_by(exchange) -> str:
    if not exchange.host_contact:
        return ""
    return _("The exchange was hosted in %(city)s by %(host)s.") % {
        "city": escape_markdown(exchange.host_city.name),
        "host": _person_with_title(exchange.host_contact, exchange.host_city_id),
    }


def _people_list(visitors: list[Person]) -> str:
    """Names with job titles joined with a serial comma when there are more than two, or when titles (which
    hold commas themselves) would otherwise run together."""
    people = [_person_with_title(person) for person in visitors]
    titled = any(person.job_title for person in visitors) and len(people) > 1
    return human_join(people, _serial_and() if len(people) > 2 or titled else _and())


def _travelled(data: DraftData, visiting: list) -> str:
    visitors = _visiting_officials(data.delegations)
    if not (visiting and visitors):
        return ""
    return _("Officials from %(cities)s travelled to %(host_city)s to attend the sessions, including %(people)s.") % {
        "cities": human_join([escape_markdown(city.name) for city in visiting], _and()),
        "host_city": escape_markdown(data.exchange.host_city.name),
        "people": _people_list(visitors),
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


def aims(data: DraftData) -> str:
    exchange = data.exchange
    programme = exchange.programme
    values = {
        "exchange": escape_markdown(exchange.title),
        "ordinal": ordinal(data.ordinal),
        "programme": escape_markdown(programme.name),
        "count": programme.planned_exchanges,
        "start": programme.start_date.year,
        "end": programme.end_date.year,
    }
    if programme.description.strip():
        values["description"] = escape_markdown(_strip_period(programme.description))
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
        items = [
            f"- **{escape_markdown(objective.lead)}**{objective.detail_separator}{escape_markdown(objective.detail)}"
            for objective in data.objectives
        ]
        parts.append("\n".join(items))
    return "\n\n".join(parts)


def summary(data: DraftData) -> str:
    paragraphs = []
    for session in data.sessions:
        notes = session.notes.strip()
        if not notes and session.kind in LOGISTICS:
            continue
        presenters = list(session.presenters.all())
        if notes:
            paragraph = notes
            unnamed = [person for person in presenters if person.name not in notes]
        else:
            paragraph = _session_sentence(session)
            unnamed = presenters
        if unnamed:
            people = human_join([_presenter(person) for person in unnamed], "; ")
            paragraph += " " + _("Presenters: %(people)s.") % {"people": people}
        paragraphs.append(paragraph)
    if data.exchange.outcome.strip():
        paragraphs.append(data.exchange.outcome.strip())
    if not paragraphs:
        return _("_No sessions with notes yet: add notes to the sessions, then draft again._")
    return "\n\n".join(paragraphs)


def _session_sentence(session: Session) -> str:
    values = {
        "kind": session.get_kind_display(),
        "title": escape_markdown(session.title),
        "date": date_format(session.local_start().date(), "j F Y"),
    }
    if session.venue:
        values["venue"] = escape_markdown(session.venue.name)
        sentence = _("%(kind)s on %(date)s at %(venue)s: %(title)s.") % values
    else:
        sentence = _("%(kind)s on %(date)s: %(title)s.") % values
    if session.description.strip():
        sentence += " " + escape_markdown(session.description.strip())
    return sentence


def next_steps(data: DraftData) -> str:
    if not data.next_steps:
        return _("_No next steps recorded yet: add the commitments made at the exchange, then draft again._")
    items = []
    for step in data.next_steps:
        text = escape_markdown(step.text.strip())
        owner = step.owner_organisation
        if owner and owner.name not in step.text and not (owner.acronym and owner.acronym in step.text):
            lead = _("lead: %(owner)s") % {"owner": _organisation_name(owner)}
            text = f"{text[:-1]} ({lead})." if text.endswith(".") else f"{text} ({lead})"
        items.append(f"- {text}")
    return _("The participants committed to the following next steps:") + "\n\n" + "\n".join(items)

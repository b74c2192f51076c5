"""iCalendar (RFC 5545) feeds of agendas, built with the ``icalendar`` library.

Times are written in UTC, which every calendar client converts to its own
zone; X-WR-TIMEZONE names the host city's zone for clients that show a
single-exchange calendar in it. Each event keeps the session's UID (stable
across edits) and its SEQUENCE (grows on every save), so subscribed calendars
update events in place instead of duplicating them.
"""

import hashlib
from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.db.models import QuerySet
from django.utils import formats, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from core.site import site_url
from core.text import one_line
from core.translated import translated_text
from exchanges import agenda, versions
from exchanges.confidentiality import Audience, BusyBlock, shown_sessions
from exchanges.models import Exchange, Session
from participants.models import Person

PRODID = "-//Exchange Portal//Agenda//EN"
REFRESH = timedelta(hours=1)


def site_host() -> str:
    # Not from the request: event UIDs must not change with the Host a feed is fetched under.
    return urlsplit(site_url()).hostname or "localhost"


def absolute_url(path: str, request=None) -> str:
    return site_url(request) + path


def webcal_url(path: str, request=None) -> str:
    """The same feed address with the webcal:// scheme that calendar apps open as a subscription."""
    return "webcal://" + urlsplit(site_url(request))._replace(scheme="").geturl().lstrip("/") + path


def _presenter_line(person) -> str:
    organisation = _marked(person.organisation, "name") if person.organisation else ""
    parts = [person.display_name, _marked(person, "job_title"), organisation]
    return ", ".join(one_line(part) for part in parts if part)


def _marked(obj, field: str) -> str:
    """A text in the reader's language, or the other one followed by "(in English)": plain text has no lang."""
    return translated_text(obj, field).with_marker()


def session_description(session: Session) -> str:
    """The plain-text DESCRIPTION: kind, what it is, presenters with job titles and organisations."""
    start, end = session.local_start(), session.local_end()

    def day_and_time(value):
        return f"{formats.date_format(value, 'l j F Y')}, {formats.time_format(value)}"

    host_time = _("%(start)s – %(end)s, %(city)s time") % {
        "start": day_and_time(start),
        "end": day_and_time(end) if start.date() != end.date() else formats.time_format(end),
        "city": one_line(session.exchange.host_city.name),
    }
    lines = [f"{session.get_kind_display()} · {host_time}"]
    if session.confidentiality != Session.Confidentiality.PUBLIC:
        lines.append(_("Confidentiality: %(level)s") % {"level": session.get_confidentiality_display()})
    if session.description:
        lines += ["", _marked(session, "description")]
    presenters = list(session.presenters.all())
    if presenters:
        lines += ["", _("Presenters:")] + [f"- {_presenter_line(person)}" for person in presenters]
    organisations = list(session.organisations.all())
    if organisations:
        lines += [
            "",
            _("Organisations involved:") + " " + "; ".join(one_line(_marked(org, "name")) for org in organisations),
        ]
    delegations = [one_line(delegation.city.name) for delegation in session.attending_delegations.all()]
    attending = ", ".join(delegations) if delegations else _("all delegations")
    lines += ["", _("Attending:") + " " + attending]
    if session.venue and session.venue.kind == session.venue.Kind.SITE and session.venue.host_organisation:
        lines.append(_("Hosted by:") + " " + one_line(_marked(session.venue.host_organisation, "name")))
    return "\n".join(lines)


def session_event(session: Session, request=None) -> Event:
    event = Event()
    event.add("uid", f"{session.uid}@{site_host()}")
    event.add("sequence", session.sequence)
    event.add("dtstamp", session.updated_at.astimezone(UTC))
    event.add("created", session.created_at.astimezone(UTC))
    event.add("last-modified", session.updated_at.astimezone(UTC))
    event.add("dtstart", session.start.astimezone(UTC))
    event.add("dtend", session.end.astimezone(UTC))
    # The title in the reader's language; where it lacks that language, the other one, labelled with
    # its LANGUAGE (RFC 5545, 3.2.10) so that the calendar does not present it as the reader's. Folded onto
    # one line: a stored line break would make icalendar refuse the whole calendar.
    title = translated_text(session, "title")
    event.add("summary", one_line(title.text), parameters={"LANGUAGE": title.language} if title.is_fallback else None)
    if session.venue:
        event.add("location", one_line(session.venue.full_address))
    event.add("description", session_description(session))
    event.add("categories", [session.get_kind_display()])
    event.add("url", absolute_url(session.get_absolute_url(), request))
    cancelled = session.exchange.status == Exchange.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if session.confidentiality != Session.Confidentiality.PUBLIC:
        event.add("class", "PRIVATE")
    return event


def busy_event(block: BusyBlock) -> Event:
    """A restricted session for someone who does not attend it: its time, "Busy", CLASS:CONFIDENTIAL."""
    session = block.session
    event = Event()
    event.add("uid", f"{block.uid}@{site_host()}")
    event.add("sequence", session.sequence)
    event.add("dtstamp", session.updated_at.astimezone(UTC))
    event.add("dtstart", session.start.astimezone(UTC))
    event.add("dtend", session.end.astimezone(UTC))
    event.add("summary", _("Busy"))
    event.add("class", "CONFIDENTIAL")
    event.add("transp", "OPAQUE")
    return event


def _event(item, request=None) -> Event:
    return busy_event(item) if isinstance(item, BusyBlock) else session_event(item, request)


def agenda_calendar(*, name: str, sessions, time_zone: str | None = None, request=None) -> bytes:
    """A calendar named ``name`` with one event per session.

    ``sessions`` (sessions, or busy blocks of ``exchanges.confidentiality``) should come with their exchange,
    venue, presenters (with organisation), organisations and attending delegations loaded.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = one_line(name)
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    if time_zone:
        calendar.add("x-wr-timezone", time_zone)
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    if isinstance(sessions, QuerySet):
        texts = _queryset_event_texts(sessions, request)
    else:
        texts = _event_texts(sessions, request)
    return b"".join([head, *texts, b"END:VCALENDAR", end])


# Each session's VEVENT is cached as iCalendar text under its exchange's content version, the language and the
# site address (``exchanges.versions``: any change to what the event shows grows the version). Writing the events
# is most of a feed's cost: a personal feed made after a change to one of its thirty exchanges rebuilds that
# exchange's events only and reuses the ones other feeds wrote. A busy block (a restricted session its reader
# does not attend) is made for its reader and never cached.


def _event_key(session_id: int, content_version: int, request) -> str:
    return f"vevent:{session_id}:{content_version}:{translation.get_language()}:{site_url(request)}"


def _through_cache(keys: list, build) -> list[bytes]:
    """The texts cached under ``keys``; ``build(indexes)`` answers ``{index: text}`` for the others, which are
    cached in turn (but where the key is ``None``)."""
    found = versions.cache.get_many([key for key in keys if key])
    built = build([index for index, key in enumerate(keys) if key not in found])
    fresh = {keys[index]: text for index, text in built.items() if keys[index]}
    if fresh:
        versions.cache.set_many(fresh, versions.CACHE_SECONDS)
    return [built[index] if index in built else found[key] for index, key in enumerate(keys)]


def _event_texts(items, request=None) -> list[bytes]:
    """The VEVENT texts of sessions and busy blocks already loaded."""
    items = list(items)
    keys = [
        _event_key(item.pk, item.exchange.content_version, request) if isinstance(item, Session) else None
        for item in items
    ]
    return _through_cache(keys, lambda indexes: {index: _event(items[index], request).to_ical() for index in indexes})


def _queryset_event_texts(sessions: QuerySet, request=None) -> list[bytes]:
    """The VEVENT texts of a query's sessions, in its order: the sessions whose text is cached are not loaded
    (one query reads the ids and versions), the others are, with the query's related objects."""
    rows = list(sessions.prefetch_related(None).values_list("pk", "exchange__content_version"))

    def build(indexes):
        position = {rows[index][0]: index for index in indexes}
        loaded = sessions.filter(pk__in=list(position)) if position else ()
        return {position[session.pk]: session_event(session, request).to_ical() for session in loaded}

    return _through_cache([_event_key(pk, version, request) for pk, version in rows], build)


def exchange_feed_body(exchange: Exchange, audience: Audience, request=None, *, audience_key: str = "") -> bytes:
    """The calendar of one exchange's agenda, in the host city's time zone, as ``audience`` may see it; links
    use the request's address when SITE_URL is not set.

    With ``audience_key`` (``exchanges.confidentiality.audience_key``), cached under the exchange's content
    version, the language, that key and the site address (``exchanges.versions``): a hit reads no session.
    """

    def build() -> bytes:
        return agenda_calendar(
            name=_("%(exchange)s: agenda") % {"exchange": _marked(exchange, "title")},
            sessions=shown_sessions(audience, agenda.exchange_agenda_sessions(exchange)),
            time_zone=exchange.host_city.time_zone,
            request=request,
        )

    if not audience_key:
        return build()
    return versions.cached(versions.cache_key("feed", exchange, audience_key, site_url(request)), build)


def personal_feed_body(person: Person, request=None) -> bytes:
    """The calendar of a person's own sessions, in their language; cached under a key made of the content
    versions of their exchanges (``exchanges.versions``: every change to a session, its people or delegations
    grows them), their token, name and language, and the site address its links use. A hit reads the versions
    (one query on exchanges) and no session."""
    exchanges = agenda.person_exchange_versions(person)
    version = "|".join(
        str(part) for part in (person.pk, person.feed_token, person.language, person.name, site_url(request), exchanges)
    )
    key = "personal-feed:" + hashlib.sha256(version.encode()).hexdigest()

    def build() -> bytes:
        with translation.override(person.language):
            return agenda_calendar(
                name=_("My agenda: %(name)s") % {"name": person.name},
                sessions=agenda.person_sessions(person),
                request=request,
            )

    return versions.cached(key, build)

"""schema.org JSON-LD for public pages: an exchange is an ``Event`` in its programme's ``EventSeries``, with
a ``subEvent`` per session the public may read, each at a ``Place``, organised by an ``Organization``.

Only for pages the public may see: what a search engine indexes is what an anonymous visitor reads,
whoever is logged in when the page is rendered. Google's rich results want a name, a start date and a
location on every Event: a session without a venue takes place in the host city.
"""

import json

from django.contrib.auth.models import AnonymousUser

from api.selectors import names_speakers, public_sessions
from exchanges.access import can_view_exchange
from exchanges.confidentiality import PUBLIC
from exchanges.feeds import absolute_url
from exchanges.models import Exchange

SCHEMA = "https://schema.org/"
STATUS = {Exchange.Status.CANCELLED: SCHEMA + "EventCancelled"}
# A JSON-LD block is read as script text: "</script>" or "<!--" inside a string must not end it.
ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _organisation(organisation) -> dict | None:
    if organisation is None:
        return None
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["url"] = organisation.website
    return data


def _city_place(city) -> dict:
    return {
        "@type": "Place",
        "name": city.name,
        "address": {"@type": "PostalAddress", "addressLocality": city.name, "addressCountry": city.country},
    }


def _venue_place(venue, fallback_city) -> dict:
    if venue is None:
        return _city_place(fallback_city)
    address = {"@type": "PostalAddress", "addressLocality": venue.city.name, "addressCountry": venue.city.country}
    if venue.address:
        address["streetAddress"] = venue.address
    return {"@type": "Place", "name": venue.name, "address": address}


def _session_event(session, exchange: Exchange) -> dict:
    event = {
        "@type": "Event",
        "name": session.title,
        "startDate": session.local_start().isoformat(),
        "endDate": session.local_end().isoformat(),
        "eventStatus": STATUS.get(exchange.status, SCHEMA + "EventScheduled"),
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "location": _venue_place(session.venue, exchange.host_city),
        "url": absolute_url(session.get_absolute_url()),
    }
    if session.description:
        event["description"] = session.description
    if names_speakers(PUBLIC, session):
        performers = [{"@type": "Person", "name": person.display_name} for person in session.presenters.all()]
        if performers:
            event["performer"] = performers
        hosts = [_organisation(organisation) for organisation in session.organisations.all()]
        if hosts:
            event["organizer"] = hosts
    return event


def exchange_json_ld(exchange: Exchange) -> dict | None:
    """The JSON-LD of a public exchange's page, or None when the public may not see the exchange."""
    # A private exchange is never the public's (exchanges.access.visible_exchanges): no query for those; the rule
    # itself answers for the others. A public page's JSON-LD costs a fixed number of queries (about six).
    if not exchange.is_public or not can_view_exchange(AnonymousUser(), exchange):
        return None
    programme = exchange.programme
    organiser = _organisation(programme.organiser)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": exchange.title,
        "startDate": exchange.start_date.isoformat(),
        "endDate": exchange.end_date.isoformat(),
        "eventStatus": STATUS.get(exchange.status, SCHEMA + "EventScheduled"),
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "location": _city_place(exchange.host_city),
        "organizer": organiser,
        "url": absolute_url(exchange.get_absolute_url()),
        "superEvent": {
            "@type": "EventSeries",
            "name": programme.name,
            "startDate": programme.start_date.isoformat(),
            "endDate": programme.end_date.isoformat(),
            "organizer": organiser,
        },
        "subEvent": [
            _session_event(session, exchange) for session in public_sessions(exchange).order_by("start", "pk")
        ],
    }
    if exchange.description:
        data["description"] = exchange.description
    return data


def as_script_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=False).translate(ESCAPES)

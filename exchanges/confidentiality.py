"""Who may see a session and how much of it: the one definition every page, feed, search and report asks.

A session's ``confidentiality`` (``Session.Confidentiality``) says who may learn of it:

- public: everyone who may see the exchange;
- participants: the exchange's insiders (staff, the coordinators of its cities, its delegates, presenters and host
  contact); never on a public page, in a search result for others or in a report;
- Chatham House: its content may be reported, but outside the insiders its presenters and the organisations
  involved are not named (reports, public pages, search results);
- restricted: its attendees (and the organisers who build the agenda); other insiders see a "busy" block with
  its time only; the public, the reports and the search see nothing.

A session's **attendees** are its presenters and the members of its attending delegations (of every delegation of
the exchange when it names none): ``attended_by``. ``exchanges.agenda.person_sessions`` (my agenda, the personal
feed) uses the same definition, so a restricted session reaches only its attendees' feeds.

Calendar feeds are stricter than pages: the organisers (staff, the host city's coordinators) get restricted
sessions on the pages where they build and check the agenda, but a feed gives the full event only to its
attendees; other insiders get a VEVENT with SUMMARY "Busy", CLASS:CONFIDENTIAL and the time alone.
"""

import enum
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property

from exchanges.access import (
    can_edit_exchange,
    coordinated_city_ids,
    coordinates_city_of,
    is_staff,
    person_for,
    takes_part,
)
from exchanges.models import Delegation, Exchange, Session
from participants.models import Person

Level = Session.Confidentiality


class Shown(enum.Enum):
    """How much of a session one audience gets."""

    FULL = "full"
    UNNAMED = "unnamed"  # everything but its presenters and organisations (Chatham House rule)
    BUSY = "busy"  # its time only
    HIDDEN = "hidden"


def attended_by(person: Person) -> Q:
    """Sessions this person attends: as a presenter, or as a member of an attending delegation (of any delegation
    of the exchange when the session names none)."""
    presenting = Exists(Session.presenters.through.objects.filter(session_id=OuterRef("pk"), person=person))
    member_of = Delegation.objects.filter(memberships__person=person).values("pk")
    through = Session.attending_delegations.through
    named = Exists(through.objects.filter(session_id=OuterRef("pk"), delegation_id__in=member_of))
    open_to_all = ~Exists(through.objects.filter(session_id=OuterRef("pk"))) & Q(
        exchange__in=Delegation.objects.filter(memberships__person=person).values("exchange_id")
    )
    return Q(presenting) | Q(named) | open_to_all


class Audience:
    """Who looks at an exchange's sessions.

    ``insider``: takes part in the exchange (staff, its cities' coordinators, its delegates, presenters, host
    contact). ``organiser``: builds its agenda (staff, the host city's coordinators). ``attended``: the ids of
    the sessions the viewer attends. ``insider`` and ``attended`` may be given as callables: they are asked (a
    query each) only when a session that is not public is shown, so a public agenda costs nothing more.
    """

    def __init__(self, *, insider=False, organiser: bool = False, attended=frozenset()):
        self._insider = insider
        self._attended = attended
        self.organiser = organiser

    @cached_property
    def insider(self) -> bool:
        return bool(self._insider() if callable(self._insider) else self._insider)

    @cached_property
    def attended(self) -> frozenset[int]:
        return frozenset(self._attended() if callable(self._attended) else self._attended)

    def shown(self, session: Session) -> Shown:
        level = session.confidentiality
        if level == Level.PUBLIC or self.organiser or session.pk in self.attended:
            return Shown.FULL
        if level == Level.PARTICIPANTS:
            return Shown.FULL if self.insider else Shown.HIDDEN
        if level == Level.CHATHAM_HOUSE:
            return Shown.FULL if self.insider else Shown.UNNAMED
        return Shown.BUSY if self.insider else Shown.HIDDEN


# Reports, their PDFs, public pages, city and initiative profiles and search results: what may be published.
PUBLIC = Audience()
# Everyone who may see a non-public exchange takes part in it: its printable agenda is made for them.
INSIDERS = Audience(insider=True)

# Sessions whose level lets them be published at all (with their presenters or not).
PUBLISHABLE_LEVELS = (Level.PUBLIC, Level.CHATHAM_HOUSE)


def publishable_sessions() -> Q:
    """A filter of the sessions that may appear to the public (reports, search, profiles)."""
    return Q(confidentiality__in=PUBLISHABLE_LEVELS)


def named_sessions() -> Q:
    """A filter of the sessions whose presenters and organisations may be named to the public."""
    return Q(confidentiality=Level.PUBLIC)


def attended_session_ids(user, exchange: Exchange) -> frozenset[int]:
    person = person_for(user)
    if person is None:
        return frozenset()
    ids = Session.objects.filter(attended_by(person), exchange=exchange).values_list("pk", flat=True)
    return frozenset(ids)


def audience_for(user, exchange: Exchange, *, feed: bool = False) -> Audience:
    """The audience of a user who may see ``exchange`` (the caller has checked that).

    With ``feed``, organisers count only as insiders: a restricted session's full event goes to its attendees.
    """
    if is_staff(user):
        return Audience(insider=True, organiser=not feed, attended=lambda: attended_session_ids(user, exchange))
    if not user.is_authenticated:
        return PUBLIC
    return Audience(
        insider=lambda: coordinates_city_of(user, exchange) or takes_part(user, exchange),
        organiser=can_edit_exchange(user, exchange) and not feed,
        attended=lambda: attended_session_ids(user, exchange),
    )


def may_read_notes(audience: Audience, session: Session) -> bool:
    """A session's notes and outcome are working notes for those who take part (the report publishes what it
    draws from them): its insiders read them on the session's page when they see the session in full."""
    return audience.shown(session) is Shown.FULL and (audience.organiser or audience.insider)


def audience_key(user, audience: Audience) -> str:
    """Viewers with the same key are shown every session of an exchange alike (``Audience.shown``), so they may
    share a cached rendering of its agenda or feed (under its content version, which every change to its
    sessions, delegations and members grows: ``exchanges.versions``).

    Organisers see everything; the public, and users who neither take part in an exchange nor coordinate a city,
    what the public sees. Anyone else may be an insider, and what they see depends on what they attend: their
    key is their own, with the cities they coordinate (a role that changes without touching the exchange). No
    query beyond those the request has made already (their person, their cities).
    """
    if audience.organiser:
        return "organiser"
    if audience is PUBLIC or not user.is_authenticated:
        return "public"
    person = person_for(user)
    cities = coordinated_city_ids(user)
    if not callable(audience._insider):
        if not audience._insider:
            return "public"
    elif person is None and not cities:
        return "public"  # an insider is staff, a coordinator or a person who takes part
    city_ids = ",".join(str(pk) for pk in sorted(cities))
    return f"viewer:{user.pk}:{person.pk if person else ''}:{city_ids}"


def document_audience(exchange: Exchange) -> Audience:
    """The audience of a document that everyone who sees the exchange may download (the printable agenda)."""
    return PUBLIC if exchange.is_public else INSIDERS


@dataclass
class BusyBlock:
    """What a non-attendee sees of a restricted session: its time, nothing else."""

    session: Session
    is_busy: bool = True

    @property
    def pk(self) -> None:
        return None

    @property
    def start(self) -> datetime:
        return self.session.start

    @property
    def end(self) -> datetime:
        return self.session.end

    @property
    def updated_at(self) -> datetime:
        return self.session.updated_at

    @property
    def exchange(self) -> Exchange:
        return self.session.exchange

    @property
    def exchange_id(self) -> int:
        return self.session.exchange_id

    @cached_property
    def uid(self) -> str:
        return f"busy-{self.session.uid}"

    def local_start(self):
        return self.session.local_start()

    def local_end(self):
        return self.session.local_end()


def _unnamed(session: Session) -> Session:
    """The session with its presenters and organisations left out (no query: the prefetch caches are replaced)."""
    cache = getattr(session, "_prefetched_objects_cache", None)
    if cache is None:
        session._prefetched_objects_cache = cache = {}
    cache["presenters"] = session.presenters.model.objects.none()
    cache["organisations"] = session.organisations.model.objects.none()
    # The plain lists of exchanges.agenda's listings, where they were loaded.
    session.presenter_list = []
    session.organisation_list = []
    session.is_unnamed = True
    return session


def shown_sessions(audience: Audience, sessions) -> list:
    """The sessions as ``audience`` may see them, in order: whole, without names, as busy blocks, or left out."""
    shown = []
    for session in sessions:
        how = audience.shown(session)
        if how is Shown.FULL:
            shown.append(session)
        elif how is Shown.UNNAMED:
            shown.append(_unnamed(session))
        elif how is Shown.BUSY:
            shown.append(BusyBlock(session))
    return shown

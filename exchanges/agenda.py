"""Reads and time helpers behind the agendas: the exchange agenda, a person's own
agenda, their calendar feeds and change digests.

Every read here runs a fixed number of queries, whatever the number of sessions.
"""

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property, lru_cache

from django.conf import settings
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Prefetch, QuerySet, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cities.models import Organisation
from core.formats import short_day
from exchanges.access import person_for
from exchanges.confidentiality import attended_by
from exchanges.models import Delegation, Exchange, Membership, Session
from participants.models import Person

# Where an anonymous viewer's picked home time zone is remembered.
SESSION_TIME_ZONE_KEY = "home_time_zone"


# Time zones -----------------------------------------------------------------


@dataclass(frozen=True)
class Zone:
    """A time zone and the name a reader knows it by ("Dakar", else "Europe/Paris")."""

    tz: zoneinfo.ZoneInfo
    label: str

    @property
    def name(self) -> str:
        return self.tz.key

    @property
    def time_label(self) -> str:
        """ "Montréal time" / "heure de Montréal" (French elides before a vowel: "heure d'Abidjan")."""
        return zone_time_label(self.label)


def zone_time_label(place: str) -> str:
    if place[:1].casefold() in "aeiouyàâéèêîôûh":
        return pgettext("a place's time, the place starting with a vowel", "%(place)s time") % {"place": place}
    return pgettext("a place's time", "%(place)s time") % {"place": place}


def duration_text(start: datetime, end: datetime) -> str:
    """A session's length as people write it: "2 h 30 min" in English, "2 h 30" in French."""
    minutes = max(0, round((end - start).total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": minutes}
    if not minutes:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": minutes}


def host_zone(exchange: Exchange) -> Zone:
    return Zone(exchange.host_city.tzinfo, exchange.host_city.name)


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """Every IANA zone name the system knows (read from disk once per process)."""
    return frozenset(zoneinfo.available_timezones())


def _known_zone(name: str) -> zoneinfo.ZoneInfo | None:
    if not name or name not in zone_names():
        return None
    return zoneinfo.ZoneInfo(name)


def viewer_home_zone(request) -> Zone | None:
    """The viewer's home time zone: the one they picked, else their Person's city's, else None.

    A logged-in viewer's pick is ``User.time_zone``; an anonymous viewer's pick
    lives in the session.
    """
    user = request.user
    person = person_for(user)
    city = person.city if person is not None else None
    picked = user.time_zone if user.is_authenticated else request.session.get(SESSION_TIME_ZONE_KEY, "")
    tz = _known_zone(picked)
    if tz is not None:
        label = city.name if city is not None and city.time_zone == picked else picked
        return Zone(tz, label)
    if city is not None:
        return Zone(city.tzinfo, city.name)
    return None


def person_home_zone(person: Person) -> Zone | None:
    """A person's home time zone for e-mails and feeds: their account's pick, else their city's."""
    picked = person.user.time_zone if person.user_id and person.user else ""
    tz = _known_zone(picked)
    if tz is not None:
        label = person.city.name if person.city and person.city.time_zone == picked else picked
        return Zone(tz, label)
    if person.city is not None:
        return Zone(person.city.tzinfo, person.city.name)
    return None


@dataclass(frozen=True)
class ZonedRange:
    """A session's start and end seen from one time zone, formatted for reading."""

    start: datetime
    end: datetime
    label: str

    @property
    def start_time(self) -> str:
        return formats.time_format(self.start)  # the locale's TIME_FORMAT: "09:00", "9 h 00"

    @property
    def end_time(self) -> str:
        return formats.time_format(self.end)

    @property
    def time_label(self) -> str:
        return zone_time_label(self.label)

    @property
    def duration(self) -> str:
        return duration_text(self.start, self.end)

    @property
    def start_day(self) -> str:
        return short_day(self.start)

    @property
    def end_day(self) -> str:
        return short_day(self.end)

    @property
    def spans_days(self) -> bool:
        return self.start.date() != self.end.date()


@dataclass(frozen=True)
class SessionTimes:
    """Host time always; home time beside it only when the two differ at the start or the end."""

    host: ZonedRange
    home: ZonedRange | None

    @property
    def home_on_other_day(self) -> bool:
        return self.home is not None and self.home.start.date() != self.host.start.date()


def session_times(start: datetime, end: datetime, host: Zone, home: Zone | None) -> SessionTimes:
    host_range = ZonedRange(start.astimezone(host.tz), end.astimezone(host.tz), host.label)
    home_range = None
    if home is not None:
        candidate = ZonedRange(start.astimezone(home.tz), end.astimezone(home.tz), home.label)
        if (
            candidate.start.utcoffset() != host_range.start.utcoffset()
            or candidate.end.utcoffset() != host_range.end.utcoffset()
        ):
            home_range = candidate
    return SessionTimes(host_range, home_range)


def zone_choices() -> tuple[list, list]:
    """Choices for a home time zone picker: the network's cities first, then every IANA zone."""
    from cities.models import City

    cities = sorted(City.objects.values_list("name", "time_zone"), key=lambda row: row[0].casefold())
    city_zones = [(zone, f"{name} ({zone})") for name, zone in cities]
    every_zone = [(zone, zone.replace("_", " ")) for zone in sorted(zone_names())]
    return city_zones, every_zone


# Sessions -------------------------------------------------------------------


def _agenda_prefetches(queryset: QuerySet[Session]) -> QuerySet[Session]:
    return queryset.select_related("exchange__host_city", "venue__city", "venue__host_organisation").prefetch_related(
        Prefetch("presenters", queryset=Person.objects.select_related("organisation").order_by("name")),
        "organisations",
        Prefetch("attending_delegations", queryset=Delegation.objects.select_related("city")),
    )


def _attended_by_delegation(sessions: QuerySet[Session], delegation: Delegation | None) -> QuerySet[Session]:
    if delegation is None:
        return sessions
    through = Session.attending_delegations.through
    return sessions.filter(
        Exists(through.objects.filter(session_id=OuterRef("pk"), delegation=delegation))
        | ~Exists(through.objects.filter(session_id=OuterRef("pk")))
    )


def exchange_agenda_sessions(exchange: Exchange, *, delegation: Delegation | None = None) -> QuerySet[Session]:
    """The exchange's sessions in order, optionally only those a delegation attends."""
    sessions = _attended_by_delegation(Session.objects.filter(exchange=exchange), delegation)
    return _agenda_prefetches(sessions).order_by("start", "end", "pk")


# Columns the agenda page and the session page never show: left in the database.
UNSHOWN_SESSION_COLUMNS = ("notes", *(f"notes_{code}" for code, _name in settings.LANGUAGES), "created_at")


def _listing(sessions: QuerySet[Session], *, notes: bool = False) -> QuerySet[Session]:
    """Sessions with what a page lists of them as plain lists (``presenter_list``, ``organisation_list``,
    ``delegation_list``): no related manager, no queryset per session when the template reads them."""
    sessions = sessions.select_related("exchange__host_city", "venue__city", "venue__host_organisation")
    if not notes:
        sessions = sessions.defer(*UNSHOWN_SESSION_COLUMNS)
    return sessions.prefetch_related(
        Prefetch(
            "presenters",
            queryset=Person.objects.select_related("organisation").order_by("name"),
            to_attr="presenter_list",
        ),
        Prefetch("organisations", queryset=Organisation.objects.all(), to_attr="organisation_list"),
        Prefetch(
            "attending_delegations", queryset=Delegation.objects.select_related("city"), to_attr="delegation_list"
        ),
    )


def agenda_listing(exchange: Exchange, *, delegation: Delegation | None = None) -> QuerySet[Session]:
    """The exchange agenda page's sessions in order (a delegation's only, if given), as ``_listing`` loads them."""
    sessions = _attended_by_delegation(Session.objects.filter(exchange=exchange), delegation)
    return _listing(sessions).order_by("start", "end", "pk")


def session_of_exchange(exchange: Exchange, pk: int) -> Session | None:
    """One session of the exchange with everything its page shows (notes included), or None."""
    return _listing(Session.objects.filter(exchange=exchange, pk=pk), notes=True).first()


class ListingLabels:
    """The words an agenda repeats for every session, translated once per page instead of once per session."""

    def __init__(self):
        self.kinds = {value: str(label) for value, label in Session.Kind.choices}
        self.levels = {value: str(label) for value, label in Session.Confidentiality.choices}
        self.district = _("district: %(district)s")


def prepare_listing(items, *, session_url: str, ics_url: str, labels: ListingLabels) -> None:
    """Give each listed session what its row shows, worked out in Python once: its kind and confidentiality in
    words, its page and calendar file addresses (``session_url`` and ``ics_url`` hold ``{pk}``)."""
    for item in items:
        if getattr(item, "is_busy", False):
            continue
        item.kind_label = labels.kinds.get(item.kind, item.kind)
        item.confidentiality_label = labels.levels.get(item.confidentiality, item.confidentiality)
        item.page_url = session_url.format(pk=item.pk)
        item.ics_url = ics_url.format(pk=item.pk)
        venue = item.venue
        if venue is not None:
            venue.district_label = labels.district % {"district": venue.district} if venue.district else ""


def person_sessions(person: Person) -> QuerySet[Session]:
    """Every session a person attends (``exchanges.confidentiality.attended_by``), whatever its confidentiality.

    Drafts are left out (nobody outside the organisers sees them).
    """
    # Narrow to the person's few exchanges first, so the index on (exchange, start) does the work instead of
    # testing the conditions below on every session of every exchange.
    sessions = (
        Session.objects.filter(exchange_id__in=_person_exchange_ids(person))
        .filter(attended_by(person))
        .exclude(exchange__status=Exchange.Status.DRAFT)
    )
    return _agenda_prefetches(sessions).order_by("start", "end", "pk")


def _person_exchange_ids(person: Person) -> QuerySet:
    """The ids of the exchanges a person is a member or a presenter of, as a subquery: a UNION of two index
    lookups (an OR of the two would test every exchange of the portal)."""
    return (
        Membership.objects.filter(person=person)
        .order_by()
        .values("delegation__exchange_id")
        .union(Session.presenters.through.objects.filter(person=person).order_by().values("session__exchange_id"))
    )


def person_exchange_versions(person: Person) -> list[tuple[int, int]]:
    """``(id, content version)`` of every exchange a person takes part in (member or presenter), drafts included:
    the key of what their personal feed shows (``exchanges.feeds.personal_feed_body``). One query on exchanges."""
    rows = Exchange.objects.filter(pk__in=_person_exchange_ids(person)).values_list("pk", "content_version", "status")
    return sorted(rows)


def person_exchanges(person: Person, *, today: date | None = None) -> QuerySet[Exchange]:
    """Exchanges a person takes part in (member or presenter), not drafts: upcoming first, then the past."""
    today = today or timezone.localdate()
    return (
        Exchange.objects.filter(pk__in=_person_exchange_ids(person))
        .exclude(status=Exchange.Status.DRAFT)
        .select_related("host_city")
        .annotate(
            is_past=Case(When(end_date__lt=today, then=Value(1)), default=Value(0), output_field=IntegerField()),
            upcoming_start=Case(When(end_date__gte=today, then=F("start_date"))),
            past_start=Case(When(end_date__lt=today, then=F("start_date"))),
        )
        .order_by("is_past", F("upcoming_start").asc(nulls_last=True), F("past_start").desc(nulls_last=True), "pk")
    )


def exchange_in_progress(exchange: Exchange, now: datetime) -> bool:
    first, last = exchange.local_bounds()
    return first <= now < last and exchange.status != Exchange.Status.CANCELLED


def current_and_next(exchange: Exchange, bounds, *, now: datetime | None = None) -> tuple[tuple[int, ...], int | None]:
    """The positions in ``bounds`` (``(start, end)`` pairs sorted by start) of the sessions going on now and of the
    next one, while the exchange is under way; ``((), None)`` otherwise. The agenda's cache compares it."""
    now = now or timezone.now()
    if not exchange_in_progress(exchange, now):
        return (), None
    current = tuple(index for index, (start, end) in enumerate(bounds) if start <= now < end)
    following = next((index for index, (start, _end) in enumerate(bounds) if start > now), None)
    return current, following


def mark_current_and_next(exchange: Exchange, sessions: list[Session], *, now: datetime | None = None) -> None:
    """Flag the sessions going on now and the next one, while the exchange is under way.

    Sets ``is_current`` and ``is_next`` on every session of the list (sorted by start).
    """
    current, following = current_and_next(exchange, [(session.start, session.end) for session in sessions], now=now)
    for index, session in enumerate(sessions):
        session.is_current = index in current
        session.is_next = index == following


def attach_times(sessions, home: Zone | None) -> None:
    """Give each session ``times``: host time, and the viewer's home time when it differs."""
    for session in sessions:
        session.times = session_times(session.start, session.end, host_zone(session.exchange), home)


def group_by_day(exchange: Exchange, sessions, *, every_day: bool) -> list[tuple[date, list[Session]]]:
    """Sessions grouped by the host city's day on which they start.

    With ``every_day``, each day of the exchange appears even when empty.
    """
    tz = exchange.tzinfo
    grouped: dict[date, list[Session]] = defaultdict(list)
    if every_day:
        for day in exchange.days:
            grouped[day]
    for session in sessions:
        grouped[session.start.astimezone(tz).date()].append(session)
    return sorted(grouped.items())


@dataclass
class ExchangeAgenda:
    """One exchange on a person's agenda: its days and the person's sessions on them."""

    exchange: Exchange
    sessions: list[Session]

    @cached_property
    def days(self):
        return group_by_day(self.exchange, self.sessions, every_day=False)

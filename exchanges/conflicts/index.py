"""Who attends what, gathered once per check: the index every rule reads."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.db.models import Q

from exchanges.models import Delegation, Exchange, Membership, Session


@dataclass(frozen=True)
class Slot:
    """A session as the checks see it: its own or another exchange's."""

    id: int
    title: str
    start: datetime
    end: datetime
    venue_id: int | None
    exchange_title: str | None = None  # set for sessions of other exchanges
    exchange_id: int | None = None
    hidden: bool = False  # of an exchange the viewer may not see: described by its time alone


@dataclass
class AttendanceIndex:
    """Everything the rules read, gathered once per check.

    ``slots`` are this exchange's sessions in agenda order; ``attendance`` maps
    a person to the ids of the sessions of this exchange they attend, and
    ``elsewhere`` to the ids of ``other_slots`` (sessions of other exchanges in
    the same window) they attend; ``venue_others`` are the sessions of other
    exchanges at this exchange's venues in that window. Sessions of exchanges
    the viewer may not see are already marked ``hidden``, and so are the other
    exchanges' sessions that are not public (``confidential_others``), except to staff.
    """

    tz: object
    bounds: tuple[datetime, datetime]  # the exchange's first and last instant
    days: tuple[date, date]  # its first and last day, for messages
    buffer_minutes: int = 0
    objective_count: int = 0
    headless_delegations: tuple[str, ...] = ()
    slots: dict[int, Slot] = field(default_factory=dict)
    venue_names: dict[int, str] = field(default_factory=dict)
    people: dict[int, str] = field(default_factory=dict)
    attendance: dict[int, set[int]] = field(default_factory=dict)
    other_slots: dict[int, Slot] = field(default_factory=dict)
    elsewhere: dict[int, set[int]] = field(default_factory=dict)
    venue_others: list[Slot] = field(default_factory=list)
    confidential_others: set[int] = field(default_factory=set)


def overlaps(a: Slot, b: Slot) -> bool:
    return a.start < b.end and b.start < a.end


# Building the index.


def load_context(exchange: Exchange):
    """The rows ``check_exchange`` needs, loaded in a fixed number of queries."""
    sessions = list(
        exchange.sessions.select_related("venue")
        .prefetch_related("presenters", "attending_delegations")
        .order_by("start", "end", "pk")
    )
    delegations = list(
        Delegation.objects.filter(exchange=exchange).select_related("city").prefetch_related("memberships__person")
    )
    objective_count = exchange.objectives.count()
    return sessions, delegations, objective_count


def _members_by_delegation(index: AttendanceIndex, delegations) -> dict[int, list[int]]:
    members_of: dict[int, list[int]] = {}
    for delegation in delegations:
        members_of[delegation.pk] = []
        for membership in delegation.memberships.all():
            index.people[membership.person_id] = membership.person.display_name
            members_of[delegation.pk].append(membership.person_id)
    return members_of


def _delegates_attending(session, members_of: dict[int, list[int]], everyone: list[int]) -> list[int]:
    """The members of the session's attending delegations; of every delegation when it lists none."""
    attending = [delegation.pk for delegation in session.attending_delegations.all()]
    if not attending:
        return everyone
    return [person_id for delegation_id in attending for person_id in members_of.get(delegation_id, [])]


def _own_attendance(index: AttendanceIndex, sessions, delegations) -> None:
    """Who attends which session of this exchange, from prefetched rows."""
    members_of = _members_by_delegation(index, delegations)
    everyone = [person_id for ids in members_of.values() for person_id in ids]
    attendance: dict[int, set[int]] = defaultdict(set)
    for session in sessions:
        for person in session.presenters.all():
            index.people[person.pk] = person.display_name
            attendance[person.pk].add(session.pk)
        for person_id in _delegates_attending(session, members_of, everyone):
            attendance[person_id].add(session.pk)
    index.attendance = dict(attendance)


_OTHER_FIELDS = ("pk", "title", "start", "end", "venue_id", "exchange__title", "exchange_id")


def _other_slots(queryset, confidential: set[int]) -> list[Slot]:
    """The sessions as slots; adds the ids of those that are not public to ``confidential``."""
    rows = list(queryset.values(*_OTHER_FIELDS, "confidentiality"))
    confidential.update(row["pk"] for row in rows if row["confidentiality"] != Session.Confidentiality.PUBLIC)
    return [Slot(*(row[key] for key in _OTHER_FIELDS)) for row in rows]


def _attending_elsewhere(other_slots: dict[int, Slot], memberships, candidates) -> dict[int, set[int]]:
    """Person -> sessions of other exchanges they attend as a member of one of its delegations (two queries)."""
    delegations_of: dict[tuple[int, int], set[int]] = defaultdict(set)  # (person, exchange) -> delegations
    for person_id, delegation_id, exchange_id in memberships.values_list(
        "person_id", "delegation_id", "delegation__exchange_id"
    ):
        delegations_of[(person_id, exchange_id)].add(delegation_id)
    attending: dict[int, set[int]] = defaultdict(set)  # session -> its attending delegations, if listed
    through = Session.attending_delegations.through.objects.filter(session__in=candidates.values("pk"))
    for session_id, delegation_id in through.values_list("session_id", "delegation_id"):
        attending[session_id].add(delegation_id)
    elsewhere: dict[int, set[int]] = defaultdict(set)
    for slot in other_slots.values():
        wanted = attending.get(slot.id)
        for (person_id, exchange_id), delegation_ids in delegations_of.items():
            if exchange_id == slot.exchange_id and (not wanted or wanted & delegation_ids):
                elsewhere[person_id].add(slot.id)
    return elsewhere


def _other_exchanges_attendance(index: AttendanceIndex, exchange: Exchange) -> None:
    """Sessions of other exchanges that this exchange's people attend, or that use its venues, in its window.

    Five queries, whatever the number of sessions: the people and venues of
    this exchange are subqueries rather than lists so that every query runs,
    and the count stays the same, for any agenda.
    """
    window_start = min(s.start for s in index.slots.values())
    window_end = max(s.end for s in index.slots.values())
    others = Session.objects.exclude(exchange=exchange).filter(start__lt=window_end, end__gt=window_start)
    own_people = Q(
        person_id__in=Session.presenters.through.objects.filter(session__exchange=exchange).values("person_id")
    ) | Q(person_id__in=Membership.objects.filter(delegation__exchange=exchange).values("person_id"))
    presenting = Session.presenters.through.objects.filter(own_people, session__in=others.values("pk"))
    memberships = Membership.objects.filter(own_people).exclude(delegation__exchange=exchange)
    candidates = others.filter(
        Q(exchange_id__in=memberships.values("delegation__exchange_id")) | Q(pk__in=presenting.values("session_id"))
    )

    index.other_slots = {slot.id: slot for slot in _other_slots(candidates, index.confidential_others)}
    elsewhere = _attending_elsewhere(index.other_slots, memberships, candidates)
    for person_id, session_id in presenting.values_list("person_id", "session_id"):
        elsewhere[person_id].add(session_id)
    index.elsewhere = {pid: ids & index.other_slots.keys() for pid, ids in elsewhere.items()}
    own_venues = Session.objects.filter(exchange=exchange).values("venue_id")
    index.venue_others = _other_slots(others.filter(venue_id__in=own_venues), index.confidential_others)


def _hide_invisible(index: AttendanceIndex, visible_exchanges) -> None:
    """Mark the other exchanges' sessions the viewer may not see (one query, and only if one overlaps)."""
    if visible_exchanges is None:
        return
    others = [*index.other_slots.values(), *index.venue_others]
    own = list(index.slots.values())
    overlapping = {other.exchange_id for other in others if any(overlaps(slot, other) for slot in own)}
    if not overlapping:
        return
    hidden = overlapping - set(visible_exchanges.filter(pk__in=overlapping).values_list("pk", flat=True))

    def shown(slot: Slot) -> Slot:
        return replace(slot, hidden=slot.exchange_id in hidden or slot.id in index.confidential_others)

    index.other_slots = {pk: shown(s) for pk, s in index.other_slots.items()}
    index.venue_others = [shown(s) for s in index.venue_others]


def build_index(
    exchange: Exchange, *, sessions, delegations, objective_count: int, visible_exchanges=None
) -> AttendanceIndex:
    """Who attends what, for one check: from the rows given, plus at most six queries across other exchanges."""
    index = AttendanceIndex(
        tz=exchange.tzinfo,
        bounds=exchange.local_bounds(),
        days=(exchange.start_date, exchange.end_date),
        buffer_minutes=exchange.transfer_buffer_minutes,
        objective_count=objective_count,
        headless_delegations=tuple(
            str(delegation)
            for delegation in delegations
            if not any(m.role == Membership.Role.HEAD for m in delegation.memberships.all())
        ),
    )
    if not sessions:
        return index
    index.slots = {s.pk: Slot(s.pk, s.title, s.start, s.end, s.venue_id) for s in sessions}
    index.venue_names = {s.venue_id: str(s.venue) for s in sessions if s.venue_id}
    _own_attendance(index, sessions, delegations)
    _other_exchanges_attendance(index, exchange)
    _hide_invisible(index, visible_exchanges)
    return index

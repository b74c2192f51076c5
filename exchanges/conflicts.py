"""Scheduling checks for one exchange: warnings that never block saving.

``exchange_checks(exchange)`` loads what it needs in a fixed number of queries
(however many sessions the exchange has); ``check_exchange(...)`` is the pure
part and takes rows a page has already loaded, so the agenda builder pays
only for the look-ups across other exchanges.

Rules:
- a person presenting or attending two sessions at once, in this exchange or
  in any other (attending: a member of an attending delegation; a session
  with no attending delegations is attended by every delegation);
- a venue used by two sessions at once, in any exchange;
- a session outside the exchange's days (host city calendar);
- consecutive sessions a person attends at different venues with less than
  the exchange's transfer buffer between them;
- a delegation without a head of delegation;
- an exchange without objectives.

A clash with a session of an exchange the viewer may not see names neither
that session nor its exchange: only its time (``visible_exchanges``).
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.formats import short_day
from exchanges.models import Delegation, Exchange, Membership, Session


@dataclass(frozen=True)
class ScheduleWarning:
    code: str
    message: str
    session_ids: tuple[int, ...] = ()


@dataclass
class Checks:
    warnings: list[ScheduleWarning] = field(default_factory=list)
    by_session: dict[int, list[ScheduleWarning]] = field(default_factory=dict)

    def add(self, warning: ScheduleWarning) -> None:
        self.warnings.append(warning)
        for session_id in warning.session_ids:
            self.by_session.setdefault(session_id, []).append(warning)

    def __len__(self):
        return len(self.warnings)

    def __iter__(self):
        return iter(self.warnings)

    def codes(self) -> list[str]:
        return [warning.code for warning in self.warnings]


@dataclass(frozen=True)
class _Slot:
    """A session as the checks see it: its own or another exchange's."""

    id: int
    title: str
    start: datetime
    end: datetime
    venue_id: int | None
    exchange_title: str | None = None  # set for sessions of other exchanges
    exchange_id: int | None = None
    hidden: bool = False  # of an exchange the viewer may not see: described by its time alone


def _when(slot: _Slot, tz) -> str:
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    day = short_day(start)
    start_time, end_time = time_format(start, "TIME_FORMAT"), time_format(end, "TIME_FORMAT")
    if start.date() == end.date():
        return f"{day} {start_time}–{end_time}"
    return f"{day} {start_time} – {short_day(end)} {end_time}"


def _describe(slot: _Slot, tz) -> str:
    if slot.hidden:
        return _when(slot, tz)
    if slot.exchange_title:
        return _("“%(title)s” (%(exchange)s, %(when)s)") % {
            "title": slot.title,
            "exchange": slot.exchange_title,
            "when": _when(slot, tz),
        }
    return _("“%(title)s” (%(when)s)") % {"title": slot.title, "when": _when(slot, tz)}


def _overlaps(a: _Slot, b: _Slot) -> bool:
    return a.start < b.end and b.start < a.end


def _names(names, shown: int = 5) -> str:
    names = sorted(names)
    if len(names) <= shown:
        return ", ".join(names)
    rest = len(names) - shown
    return ngettext("%(names)s and %(count)d other", "%(names)s and %(count)d others", rest) % {
        "names": ", ".join(names[:shown]),
        "count": rest,
    }


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


def exchange_checks(exchange: Exchange, *, visible_exchanges=None) -> Checks:
    sessions, delegations, objective_count = load_context(exchange)
    return check_exchange(
        exchange,
        sessions=sessions,
        delegations=delegations,
        objective_count=objective_count,
        visible_exchanges=visible_exchanges,
    )


def check_exchange(
    exchange: Exchange, *, sessions, delegations, objective_count: int, visible_exchanges=None
) -> Checks:
    """All warnings for one exchange.

    ``sessions`` must have ``presenters`` and ``attending_delegations``
    prefetched and ``delegations`` their ``memberships__person``; the only
    queries run here look at other exchanges (at most six).
    ``visible_exchanges``: the exchanges the viewer may see (a queryset), or
    None for all; sessions of the others are described by their time alone.
    """
    checks = Checks()
    tz = exchange.tzinfo

    if not objective_count:
        checks.add(ScheduleWarning("no_objectives", _("The exchange has no objectives yet.")))
    for delegation in delegations:
        if not any(m.role == Membership.Role.HEAD for m in delegation.memberships.all()):
            checks.add(
                ScheduleWarning(
                    "no_head",
                    _("The %(delegation)s has no head of delegation.") % {"delegation": delegation},
                )
            )

    if not sessions:
        return checks

    first, last = exchange.local_bounds()
    slots = {s.pk: _Slot(s.pk, s.title, s.start, s.end, s.venue_id) for s in sessions}
    for session in sessions:
        if session.start < first or session.end > last:
            checks.add(
                ScheduleWarning(
                    "outside_dates",
                    _("%(session)s is outside the exchange’s days (%(first)s – %(last)s).")
                    % {
                        "session": _describe(slots[session.pk], tz),
                        "first": date_format(exchange.start_date, "j M Y"),
                        "last": date_format(exchange.end_date, "j M Y"),
                    },
                    (session.pk,),
                )
            )

    # Who attends what in this exchange.
    people: dict[int, str] = {}
    members_of: dict[int, list[int]] = {}
    for delegation in delegations:
        members_of[delegation.pk] = []
        for membership in delegation.memberships.all():
            people[membership.person_id] = membership.person.display_name
            members_of[delegation.pk].append(membership.person_id)
    all_members = [pid for ids in members_of.values() for pid in ids]
    attendance: dict[int, set[int]] = defaultdict(set)  # person -> session ids
    for session in sessions:
        for person in session.presenters.all():
            people[person.pk] = person.display_name
            attendance[person.pk].add(session.pk)
        attending = [d.pk for d in session.attending_delegations.all()]
        for pid in [pid for d in attending for pid in members_of.get(d, [])] if attending else all_members:
            attendance[pid].add(session.pk)

    # Two sessions of this exchange at once, for the same people: one warning per pair.
    pair_people: dict[tuple[int, int], set[str]] = defaultdict(set)
    buffer = timedelta(minutes=exchange.transfer_buffer_minutes)
    buffer_pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for pid, session_ids in attendance.items():
        ordered = sorted((slots[sid] for sid in session_ids), key=lambda s: (s.start, s.end, s.id))
        for index, a in enumerate(ordered):
            for b in ordered[index + 1 :]:
                if b.start >= a.end:
                    break
                pair_people[(a.id, b.id)].add(people[pid])
        for a, b in zip(ordered, ordered[1:], strict=False):
            gap = b.start - a.end
            if buffer and timedelta(0) <= gap < buffer and a.venue_id and b.venue_id and a.venue_id != b.venue_id:
                buffer_pairs[(a.id, b.id)].add(people[pid])
    for (a_id, b_id), names in sorted(pair_people.items(), key=lambda item: (slots[item[0][0]].start, item[0])):
        checks.add(_person_clash(names, slots[a_id], slots[b_id], tz))
    for (a_id, b_id), names in sorted(buffer_pairs.items(), key=lambda item: (slots[item[0][0]].start, item[0])):
        a, b = slots[a_id], slots[b_id]
        gap = int((b.start - a.end).total_seconds() // 60)
        checks.add(
            ScheduleWarning(
                "transfer_buffer",
                ngettext(
                    "Only %(gap)d minute to get from %(first)s to %(second)s at another venue "
                    "(the transfer buffer is %(buffer)d minutes) for %(people)s.",
                    "Only %(gap)d minutes to get from %(first)s to %(second)s at another venue "
                    "(the transfer buffer is %(buffer)d minutes) for %(people)s.",
                    gap,
                )
                % {
                    "gap": gap,
                    "first": _describe(a, tz),
                    "second": _describe(b, tz),
                    "buffer": exchange.transfer_buffer_minutes,
                    "people": _names(names),
                },
                (a.id, b.id),
            )
        )

    # A venue used twice at once within this exchange.
    by_venue: dict[int, list[_Slot]] = defaultdict(list)
    for slot in slots.values():
        if slot.venue_id:
            by_venue[slot.venue_id].append(slot)
    venue_names = {s.venue_id: str(s.venue) for s in sessions if s.venue_id}
    for venue_id, venue_slots in by_venue.items():
        ordered = sorted(venue_slots, key=lambda s: (s.start, s.end, s.id))
        for index, a in enumerate(ordered):
            for b in ordered[index + 1 :]:
                if b.start >= a.end:
                    break
                checks.add(_venue_clash(venue_names[venue_id], a, b, tz))

    _check_other_exchanges(checks, exchange, sessions, slots, attendance, people, venue_names, tz, visible_exchanges)
    return checks


def _person_clash(names, a: _Slot, b: _Slot, tz) -> ScheduleWarning:
    return ScheduleWarning(
        "person_clash",
        ngettext(
            "%(people)s is in two sessions at once: %(first)s and %(second)s.",
            "%(people)s are in two sessions at once: %(first)s and %(second)s.",
            len(names),
        )
        % {"people": _names(names), "first": _describe(a, tz), "second": _describe(b, tz)},
        tuple(slot.id for slot in (a, b) if slot.exchange_title is None),
    )


def _venue_clash(venue: str, a: _Slot, b: _Slot, tz) -> ScheduleWarning:
    return ScheduleWarning(
        "venue_clash",
        _("%(venue)s is booked twice at once: %(first)s and %(second)s.")
        % {"venue": venue, "first": _describe(a, tz), "second": _describe(b, tz)},
        tuple(slot.id for slot in (a, b) if slot.exchange_title is None),
    )


def _check_other_exchanges(
    checks, exchange, sessions, slots, attendance, people, venue_names, tz, visible_exchanges
) -> None:
    """Clashes with sessions of other exchanges: five queries (six for a viewer who may not see every
    exchange, when there is a clash), whatever the number of sessions.

    The people and venues of this exchange are subqueries rather than lists
    so that every query runs, and the count stays the same, for any agenda.
    """
    window_start = min(s.start for s in sessions)
    window_end = max(s.end for s in sessions)
    others = Session.objects.exclude(exchange=exchange).filter(start__lt=window_end, end__gt=window_start)
    own_people = Q(
        person_id__in=Session.presenters.through.objects.filter(session__exchange=exchange).values("person_id")
    ) | Q(person_id__in=Membership.objects.filter(delegation__exchange=exchange).values("person_id"))
    presenting_elsewhere = Session.presenters.through.objects.filter(own_people, session__in=others.values("pk"))
    memberships_elsewhere = Membership.objects.filter(own_people).exclude(delegation__exchange=exchange)
    candidates = others.filter(
        Q(exchange_id__in=memberships_elsewhere.values("delegation__exchange_id"))
        | Q(pk__in=presenting_elsewhere.values("session_id"))
    )

    presenting = list(presenting_elsewhere.values_list("person_id", "session_id"))
    memberships = list(memberships_elsewhere.values_list("person_id", "delegation_id", "delegation__exchange_id"))
    row_fields = ("pk", "title", "start", "end", "venue_id", "exchange__title", "exchange_id", "confidentiality")
    candidate_rows = list(candidates.values(*row_fields))
    other_slots = {
        row["pk"]: _Slot(
            row["pk"],
            row["title"],
            row["start"],
            row["end"],
            row["venue_id"],
            row["exchange__title"],
            row["exchange_id"],
        )
        for row in candidate_rows
    }
    attending: dict[int, set[int]] = defaultdict(set)
    for session_id, delegation_id in Session.attending_delegations.through.objects.filter(
        session__in=candidates.values("pk")
    ).values_list("session_id", "delegation_id"):
        attending[session_id].add(delegation_id)

    elsewhere: dict[int, set[int]] = defaultdict(set)  # person -> sessions of other exchanges
    for person_id, session_id in presenting:
        elsewhere[person_id].add(session_id)
    delegations_of: dict[tuple[int, int], set[int]] = defaultdict(set)  # (person, exchange) -> delegations
    for person_id, delegation_id, exchange_id in memberships:
        delegations_of[(person_id, exchange_id)].add(delegation_id)
    for slot in other_slots.values():
        for (person_id, exchange_id), delegation_ids in delegations_of.items():
            wanted = attending.get(slot.id)
            if exchange_id == slot.exchange_id and (not wanted or wanted & delegation_ids):
                elsewhere[person_id].add(slot.id)

    pair_people: dict[tuple[int, int], set[str]] = defaultdict(set)
    for person_id, other_ids in elsewhere.items():
        for own_id in attendance.get(person_id, ()):
            for other_id in other_ids:
                if other_id in other_slots and _overlaps(slots[own_id], other_slots[other_id]):
                    pair_people[(own_id, other_id)].add(people[person_id])
    venue_rows = list(
        others.filter(venue_id__in=Session.objects.filter(exchange=exchange).values("venue_id")).values(*row_fields)
    )
    venue_slots = [
        _Slot(*(row[key] for key in ("pk", "title", "start", "end", "venue_id", "exchange__title", "exchange_id")))
        for row in venue_rows
    ]
    clashing_exchange_ids = {other_slots[other_id].exchange_id for _, other_id in pair_people}
    clashing_exchange_ids |= {slot.exchange_id for slot in venue_slots}
    hidden = _hidden_exchange_ids(clashing_exchange_ids, visible_exchanges)
    # A session of another exchange that is not public is described by its time alone, except to staff.
    if visible_exchanges is not None:
        confidential = {row["pk"] for row in [*candidate_rows, *venue_rows] if row["confidentiality"] != "public"}
    else:
        confidential = set()

    def shown(slot):
        return replace(slot, hidden=slot.exchange_id in hidden or slot.id in confidential)

    for (own_id, other_id), names in sorted(pair_people.items(), key=lambda item: (slots[item[0][0]].start, item[0])):
        checks.add(_person_clash(names, slots[own_id], shown(other_slots[other_id]), tz))

    for other in venue_slots:
        other = shown(other)
        for own in sorted(slots.values(), key=lambda s: (s.start, s.id)):
            if own.venue_id == other.venue_id and _overlaps(own, other):
                checks.add(_venue_clash(venue_names[own.venue_id], own, other, tz))


def _hidden_exchange_ids(exchange_ids: set[int], visible_exchanges) -> set[int]:
    """Which of these exchanges the viewer may not see (none when every exchange is visible)."""
    if visible_exchanges is None or not exchange_ids:
        return set()
    return exchange_ids - set(visible_exchanges.filter(pk__in=exchange_ids).values_list("pk", flat=True))

"""The rules: plain functions of an ``AttendanceIndex``, each returning its warnings in agenda order."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.formats import short_day
from exchanges.conflicts.index import AttendanceIndex, Slot, overlaps


@dataclass(frozen=True)
class ScheduleWarning:
    code: str
    message: str
    session_ids: tuple[int, ...] = ()


# Describing sessions and people in messages.


def _when(slot: Slot, tz) -> str:
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    day = short_day(start)
    start_time, end_time = time_format(start, "TIME_FORMAT"), time_format(end, "TIME_FORMAT")
    if start.date() == end.date():
        return f"{day} {start_time}–{end_time}"
    return f"{day} {start_time} – {short_day(end)} {end_time}"


def _describe(slot: Slot, tz) -> str:
    if slot.hidden:
        return _when(slot, tz)
    if slot.exchange_title:
        return _("“%(title)s” (%(exchange)s, %(when)s)") % {
            "title": slot.title,
            "exchange": slot.exchange_title,
            "when": _when(slot, tz),
        }
    return _("“%(title)s” (%(when)s)") % {"title": slot.title, "when": _when(slot, tz)}


def _names(names, shown: int = 5) -> str:
    names = sorted(names)
    if len(names) <= shown:
        return ", ".join(names)
    rest = len(names) - shown
    return ngettext("%(names)s and %(count)d other", "%(names)s and %(count)d others", rest) % {
        "names": ", ".join(names[:shown]),
        "count": rest,
    }


def _person_clash(names, a: Slot, b: Slot, tz) -> ScheduleWarning:
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


def _venue_clash(venue: str, a: Slot, b: Slot, tz) -> ScheduleWarning:
    return ScheduleWarning(
        "venue_clash",
        _("%(venue)s is booked twice at once: %(first)s and %(second)s.")
        % {"venue": venue, "first": _describe(a, tz), "second": _describe(b, tz)},
        tuple(slot.id for slot in (a, b) if slot.exchange_title is None),
    )


# Time arithmetic shared by the rules.


def _in_order(slots: Iterable[Slot]) -> list[Slot]:
    return sorted(slots, key=lambda s: (s.start, s.end, s.id))


def _overlapping_pairs(slots: Iterable[Slot]) -> Iterator[tuple[Slot, Slot]]:
    """Every pair of these slots that overlap, earlier first."""
    ordered = _in_order(slots)
    for index, a in enumerate(ordered):
        for b in ordered[index + 1 :]:
            if b.start >= a.end:
                break
            yield a, b


def _by_first_start(pairs: dict[tuple[int, int], set[str]], slots: dict[int, Slot]):
    return sorted(pairs.items(), key=lambda item: (slots[item[0][0]].start, item[0]))


# The rules: each reads the index and returns its warnings.


def missing_objectives(index: AttendanceIndex) -> list[ScheduleWarning]:
    if index.objective_count:
        return []
    return [ScheduleWarning("no_objectives", _("The exchange has no objectives yet."))]


def delegations_without_head(index: AttendanceIndex) -> list[ScheduleWarning]:
    return [
        ScheduleWarning("no_head", _("The %(delegation)s has no head of delegation.") % {"delegation": delegation})
        for delegation in index.headless_delegations
    ]


def outside_dates(index: AttendanceIndex) -> list[ScheduleWarning]:
    first, last = index.bounds
    return [
        ScheduleWarning(
            "outside_dates",
            _("%(session)s is outside the exchange’s days (%(first)s – %(last)s).")
            % {
                "session": _describe(slot, index.tz),
                "first": date_format(index.days[0], "j M Y"),
                "last": date_format(index.days[1], "j M Y"),
            },
            (slot.id,),
        )
        for slot in index.slots.values()
        if slot.start < first or slot.end > last
    ]


def person_in_two_places(index: AttendanceIndex) -> list[ScheduleWarning]:
    """Two sessions of this exchange at once for the same people: one warning per pair of sessions."""
    pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for person_id, session_ids in index.attendance.items():
        for a, b in _overlapping_pairs(index.slots[sid] for sid in session_ids):
            pairs[(a.id, b.id)].add(index.people[person_id])
    return [
        _person_clash(names, index.slots[a_id], index.slots[b_id], index.tz)
        for (a_id, b_id), names in _by_first_start(pairs, index.slots)
    ]


def _short_transfer(a: Slot, b: Slot, buffer: timedelta) -> bool:
    different_venues = a.venue_id and b.venue_id and a.venue_id != b.venue_id
    return bool(different_venues) and timedelta(0) <= b.start - a.end < buffer


def transfer_buffer(index: AttendanceIndex) -> list[ScheduleWarning]:
    """Consecutive sessions of one person at different venues, closer than the transfer buffer."""
    buffer = timedelta(minutes=index.buffer_minutes)
    pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for person_id, session_ids in index.attendance.items():
        ordered = _in_order(index.slots[sid] for sid in session_ids)
        for a, b in zip(ordered, ordered[1:], strict=False):
            if _short_transfer(a, b, buffer):
                pairs[(a.id, b.id)].add(index.people[person_id])
    return [
        _transfer_warning(index, index.slots[a_id], index.slots[b_id], names)
        for (a_id, b_id), names in _by_first_start(pairs, index.slots)
    ]


def _transfer_warning(index: AttendanceIndex, a: Slot, b: Slot, names) -> ScheduleWarning:
    gap = int((b.start - a.end).total_seconds() // 60)
    return ScheduleWarning(
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
            "first": _describe(a, index.tz),
            "second": _describe(b, index.tz),
            "buffer": index.buffer_minutes,
            "people": _names(names),
        },
        (a.id, b.id),
    )


def venue_booked_twice(index: AttendanceIndex) -> list[ScheduleWarning]:
    """A venue used by two sessions of this exchange at once."""
    by_venue: dict[int, list[Slot]] = defaultdict(list)
    for slot in index.slots.values():
        if slot.venue_id:
            by_venue[slot.venue_id].append(slot)
    return [
        _venue_clash(index.venue_names[venue_id], a, b, index.tz)
        for venue_id, venue_slots in by_venue.items()
        for a, b in _overlapping_pairs(venue_slots)
    ]


def _people_elsewhere(index: AttendanceIndex) -> list[ScheduleWarning]:
    pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for person_id, other_ids in index.elsewhere.items():
        for own_id in index.attendance.get(person_id, ()):
            for other_id in other_ids:
                if overlaps(index.slots[own_id], index.other_slots[other_id]):
                    pairs[(own_id, other_id)].add(index.people[person_id])
    return [
        _person_clash(names, index.slots[own_id], index.other_slots[other_id], index.tz)
        for (own_id, other_id), names in _by_first_start(pairs, index.slots)
    ]


def _venues_elsewhere(index: AttendanceIndex) -> list[ScheduleWarning]:
    own_in_order = sorted(index.slots.values(), key=lambda s: (s.start, s.id))
    return [
        _venue_clash(index.venue_names[own.venue_id], own, other, index.tz)
        for other in index.venue_others
        for own in own_in_order
        if own.venue_id == other.venue_id and overlaps(own, other)
    ]


def other_exchanges(index: AttendanceIndex) -> list[ScheduleWarning]:
    """People of this exchange in a session of another exchange at once, then venues booked by both."""
    return _people_elsewhere(index) + _venues_elsewhere(index)


Rule = Callable[[AttendanceIndex], list[ScheduleWarning]]
RULES: tuple[Rule, ...] = (
    missing_objectives,
    delegations_without_head,
    outside_dates,
    person_in_two_places,
    transfer_buffer,
    venue_booked_twice,
    other_exchanges,
)

"""Scheduling checks for one exchange: warnings that never block saving.

``exchange_checks(exchange)`` loads what it needs in a fixed number of queries
(however many sessions the exchange has); ``check_exchange(...)`` takes rows a
page has already loaded, so the agenda builder pays only for the look-ups
across other exchanges.

The checks run in two steps. ``build_index`` gathers, once per check, who
attends what: this exchange's sessions, the people in them (presenting, or a
member of an attending delegation; a session with no attending delegations is
attended by every delegation), and the sessions of other exchanges that the
same people attend or that use the same venues at the same time. Each rule
is then a plain function of that index (``AttendanceIndex``), testable alone:

- ``missing_objectives``: an exchange without objectives;
- ``delegations_without_head``: a delegation without a head of delegation;
- ``outside_dates``: a session outside the exchange's days (host city calendar);
- ``person_in_two_places``: a person in two sessions of this exchange at once;
- ``transfer_buffer``: consecutive sessions a person attends at different
  venues with less than the exchange's transfer buffer between them;
- ``venue_booked_twice``: a venue used by two sessions of this exchange at once;
- ``other_exchanges``: a person or a venue of this exchange in a session of
  another exchange at the same time.

The rules live in ``rules.py`` and the index in ``index.py``. A clash with a
session of an exchange the viewer may not see names neither that session nor
its exchange: only its time (``visible_exchanges``).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from exchanges.conflicts.index import AttendanceIndex, Slot, build_index, load_context
from exchanges.conflicts.rules import (
    RULES,
    Rule,
    ScheduleWarning,
    delegations_without_head,
    missing_objectives,
    other_exchanges,
    outside_dates,
    person_in_two_places,
    transfer_buffer,
    venue_booked_twice,
)
from exchanges.models import Exchange

__all__ = [
    "RULES",
    "AttendanceIndex",
    "Checks",
    "Rule",
    "ScheduleWarning",
    "Slot",
    "build_index",
    "check_exchange",
    "delegations_without_head",
    "exchange_checks",
    "load_context",
    "missing_objectives",
    "other_exchanges",
    "outside_dates",
    "person_in_two_places",
    "run_rules",
    "transfer_buffer",
    "venue_booked_twice",
]


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


def run_rules(index: AttendanceIndex, rules: Iterable[Rule] = RULES) -> Checks:
    checks = Checks()
    for rule in rules:
        for warning in rule(index):
            checks.add(warning)
    return checks


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
    index = build_index(
        exchange,
        sessions=sessions,
        delegations=delegations,
        objective_count=objective_count,
        visible_exchanges=visible_exchanges,
    )
    return run_rules(index)

"""Reads the reports app shares between views, drafting and rendering. Each runs a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Max, OuterRef, Prefetch, Subquery

from cities.models import City, Initiative, Organisation
from exchanges.agenda import Zone, attach_times, exchange_agenda_sessions
from exchanges.models import Delegation, Exchange, NextStep, Objective, Session
from exchanges.selectors import agenda_sessions, delegations_with_members, sessions_by_day
from participants.models import Person
from reports.models import RenderJob, Report


def exchange_data_changed_at(exchange: Exchange) -> datetime:
    """The latest change to what a draft is made from: the exchange, its sessions, objectives and next steps."""

    def latest(model):
        return Subquery(
            model.objects.filter(exchange=OuterRef("pk"))
            .order_by()
            .values("exchange")
            .annotate(latest=Max("updated_at"))
            .values("latest")[:1]
        )

    row = (
        Exchange.objects.filter(pk=exchange.pk)
        .annotate(
            sessions_at=latest(Session),
            objectives_at=latest(Objective),
            next_steps_at=latest(NextStep),
        )
        .values("updated_at", "sessions_at", "objectives_at", "next_steps_at")
        .get()
    )
    return max(value for value in row.values() if value is not None)


@dataclass
class DraftData:
    """Everything a draft and a PDF of one exchange are made from, loaded in a fixed number of queries."""

    exchange: Exchange
    visiting_cities: list[City]
    objectives: list[Objective]
    delegations: list[Delegation]
    sessions: list[Session]
    next_steps: list[NextStep]
    ordinal: int  # 1 for the first exchange of its programme, by start date
    links: list[tuple[str, str]] = field(default_factory=list)  # (name or acronym, website)


def draft_data(exchange: Exchange) -> DraftData:
    exchange = (
        Exchange.objects.select_related(
            "host_city", "programme__organiser", "host_contact__organisation__city", "host_contact__city"
        )
        .prefetch_related("visiting_cities")
        .get(pk=exchange.pk)
    )
    sessions = list(
        agenda_sessions(exchange).prefetch_related(
            Prefetch("initiatives", queryset=Initiative.objects.select_related("lead_organisation"))
        )
    )
    next_steps = list(exchange.next_steps.select_related("owner_organisation", "owner_person"))
    delegations = list(delegations_with_members(exchange))
    earlier = (
        Exchange.objects.filter(programme_id=exchange.programme_id, start_date__lt=exchange.start_date)
        .exclude(status=Exchange.Status.CANCELLED)
        .count()
    )
    data = DraftData(
        exchange=exchange,
        visiting_cities=list(exchange.visiting_cities.all()),
        objectives=list(exchange.objectives.all()),
        delegations=delegations,
        sessions=sessions,
        next_steps=next_steps,
        ordinal=earlier + 1,
    )
    data.links = _link_targets(data)
    return data


def _link_targets(data: DraftData) -> list[tuple[str, str]]:
    organisations: dict[int, Organisation] = {}
    people: list[Person] = [data.exchange.host_contact] if data.exchange.host_contact else []
    organisations[data.exchange.programme.organiser.pk] = data.exchange.programme.organiser
    for session in data.sessions:
        organisations.update((org.pk, org) for org in session.organisations.all())
        people.extend(session.presenters.all())
        if session.venue and session.venue.host_organisation:
            organisations[session.venue.host_organisation.pk] = session.venue.host_organisation
    for delegation in data.delegations:
        people.extend(membership.person for membership in delegation.memberships.all())
    for step in data.next_steps:
        if step.owner_organisation:
            organisations[step.owner_organisation.pk] = step.owner_organisation
    organisations.update((person.organisation.pk, person.organisation) for person in people if person.organisation)

    targets = []
    for org in organisations.values():
        if org.website:
            targets.append((org.name, org.website))
            if org.acronym:
                targets.append((org.acronym, org.website))
    for session in data.sessions:
        for initiative in session.initiatives.all():
            if initiative.website:
                targets.append((initiative.acronym or initiative.name, initiative.website))
    return targets


def latest_job(*, exchange: Exchange, kind: str, report: Report | None = None) -> RenderJob | None:
    jobs = RenderJob.objects.filter(exchange=exchange, kind=kind).select_related("exchange")
    if report is not None:
        jobs = jobs.filter(report=report)
    return jobs.order_by("-created_at", "-pk").first()


def annex_data(exchange: Exchange, delegation: Delegation | None = None) -> dict:
    """Delegations and agenda for the annex of a report or the printable agenda.

    With a delegation (the agenda page's filter): only the sessions it attends, by the agenda page's own
    rule, each with ``times.home`` in the delegation's city's time when that differs from the host's.
    """
    if delegation is None:
        sessions = list(agenda_sessions(exchange))
    else:
        sessions = list(exchange_agenda_sessions(exchange, delegation=delegation))
        attach_times(sessions, Zone(delegation.city.tzinfo, delegation.city.name))
    return {
        "delegations": list(delegations_with_members(exchange)),
        "days": sessions_by_day(exchange, sessions),
    }

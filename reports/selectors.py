"""Reads the reports app shares between views, drafting and rendering. Each runs a fixed number of queries."""

import functools
import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Max, OuterRef, Prefetch, QuerySet, Subquery

from cities.models import City, Initiative, Organisation
from exchanges.agenda import Zone, attach_times, exchange_agenda_sessions
from exchanges.confidentiality import PUBLIC, Audience, shown_sessions
from exchanges.models import Delegation, Exchange, NextStep, Objective, Session
from exchanges.selectors import agenda_sessions, delegations_with_members, sessions_by_day
from participants.models import Person
from reports.access import current_release, published_releases  # noqa: F401 - the readers' view, for the API
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


def draft_data(exchange: Exchange) -> DraftData:
    exchange = (
        Exchange.objects.select_related(
            "host_city", "programme__organiser", "host_contact__organisation__city", "host_contact__city"
        )
        .prefetch_related("visiting_cities")
        .get(pk=exchange.pk)
    )
    # What may be published: never a restricted or participants-only session; Chatham House ones unnamed.
    sessions = shown_sessions(
        PUBLIC,
        agenda_sessions(exchange).prefetch_related(
            Prefetch("initiatives", queryset=Initiative.objects.select_related("lead_organisation"))
        ),
    )
    next_steps = list(exchange.next_steps.select_related("owner_organisation", "owner_person"))
    delegations = list(delegations_with_members(exchange))
    earlier = (
        Exchange.objects.filter(programme_id=exchange.programme_id, start_date__lt=exchange.start_date)
        .exclude(status=Exchange.Status.CANCELLED)
        .count()
    )
    return DraftData(
        exchange=exchange,
        visiting_cities=list(exchange.visiting_cities.all()),
        objectives=list(exchange.objectives.all()),
        delegations=delegations,
        sessions=sessions,
        next_steps=next_steps,
        ordinal=earlier + 1,
    )


def _named_people(data: DraftData) -> list[Person]:
    """Everyone a draft may name: the host contact, the presenters and the delegations' members."""
    people = [data.exchange.host_contact] if data.exchange.host_contact else []
    for session in data.sessions:
        people.extend(session.presenters.all())
    for delegation in data.delegations:
        people.extend(membership.person for membership in delegation.memberships.all())
    return people


def _named_organisations(data: DraftData) -> list[Organisation]:
    """The organiser, the sessions' organisations and venue hosts, next steps' owners and the people's employers."""
    found = [data.exchange.programme.organiser]
    for session in data.sessions:
        found.extend(session.organisations.all())
        if session.venue:
            found.append(session.venue.host_organisation)
    found.extend(step.owner_organisation for step in data.next_steps)
    found.extend(person.organisation for person in _named_people(data))
    return list({org.pk: org for org in found if org is not None}.values())


def link_targets(data: DraftData, language: str) -> list[tuple[str, str]]:
    """(name, website) pairs for the organisations (by name and acronym) and initiatives a draft in ``language``
    may name, by their names in that language."""
    targets = []
    for org in _named_organisations(data):
        if org.website:
            targets += [(getattr(org, f"{name}_{language}"), org.website) for name in ("name", "acronym")]
    initiatives = [initiative for session in data.sessions for initiative in session.initiatives.all()]
    for item in initiatives:
        if item.website:
            targets.append((getattr(item, f"acronym_{language}") or getattr(item, f"name_{language}"), item.website))
    return [(name, website) for name, website in targets if name]


def latest_job(*, exchange: Exchange, kind: str, report: Report | None = None) -> RenderJob | None:
    jobs = RenderJob.objects.filter(exchange=exchange, kind=kind).select_related("exchange")
    if report is not None:
        jobs = jobs.filter(report=report)
    return jobs.order_by("-created_at", "-pk").first()


def pdf_exchange(exchange_id: int) -> Exchange:
    """The exchange with what every PDF's header and title show: its host and visiting cities (two queries)."""
    return Exchange.objects.select_related("host_city").prefetch_related("visiting_cities").get(pk=exchange_id)


def annex_data(exchange: Exchange, audience: Audience = PUBLIC, delegation: Delegation | None = None) -> dict:
    """Delegations and agenda for the annex of a report (published: ``PUBLIC``) or the printable agenda
    (``exchanges.confidentiality.document_audience``).

    With a delegation (the agenda page's filter): only the sessions it attends, by the agenda page's own
    rule, each with ``times.home`` in the delegation's city's time when that differs from the host's.
    """
    if delegation is None:
        sessions = agenda_sessions(exchange)
    else:
        sessions = list(exchange_agenda_sessions(exchange, delegation=delegation))
        attach_times(sessions, Zone(delegation.city.tzinfo, delegation.city.name))
    sessions = shown_sessions(audience, sessions)
    return {
        "delegations": list(delegations_with_members(exchange)),
        "days": sessions_by_day(exchange, sessions),
    }


def _columns(model, path: str = "") -> list[str]:
    """Every stored column of ``model`` as a ``values_list`` lookup, reached through ``path`` (``"venue__"``).

    Not the exchange's content version (exchanges.versions): it grows with changes a given PDF may not show
    (which delegations attend a session, for the whole agenda); the rows themselves decide."""
    return [path + f.name for f in model._meta.concrete_fields if f.name != "content_version"]


def _wide_rows(relation: str, paths: tuple[str, ...], exchange_id: int) -> QuerySet:
    """The exchange's own row (``relation`` "") or its rows of ``relation``, each with every column of each
    related row along ``paths``, in a fixed order."""
    model = Exchange._meta.get_field(relation).related_model if relation else Exchange
    lookups = _columns(model)
    for path in paths:
        related = model
        for name in path.split("__"):
            related = related._meta.get_field(name).related_model
        lookups += _columns(related, path + "__")
    rows = model.objects.filter(**{"exchange" if relation else "pk": exchange_id})
    return rows.order_by("pk", *(f"{path}__pk" for path in paths)).values_list(*lookups)


# What the PDFs show, by relation from the exchange: every stored column of each row, so that a change to anything
# shown (a city's name, a job title, a venue's address, a member's role) changes the version.
_HEADER_ROWS = {"exchange": ("", ("host_city", "visiting_cities"))}
_AGENDA_ROWS = {
    "sessions": (
        "sessions",
        ("venue", "venue__city", "venue__host_organisation", "presenters", "presenters__organisation"),
    ),
    "delegations": ("delegations", ("city", "memberships", "memberships__person", "memberships__person__organisation")),
}
_PLACEHOLDER = 2_147_483_629  # an exchange id in the compiled SQL, swapped for the real one on each run


@functools.cache
def _compiled(name: str, vendor: str) -> tuple[str, tuple, tuple[int, ...]]:
    relation, paths = {**_HEADER_ROWS, **_AGENDA_ROWS}[name]
    sql, params = _wide_rows(relation, paths, _PLACEHOLDER).query.sql_with_params()
    return sql, params, tuple(index for index, value in enumerate(params) if value == _PLACEHOLDER)


def _version_rows(name: str, exchange_id: int) -> list[tuple]:
    """One of the queries above, compiled once per process: the ORM spends ~15 ms building the wide joins."""
    sql, params, slots = _compiled(name, connection.vendor)
    params = list(params)
    for index in slots:
        params[index] = exchange_id
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def pdf_data_version(exchange: Exchange, *, agenda: bool, delegation: Delegation | None = None) -> str:
    """A fingerprint of the exchange's data that a PDF shows, read without building the PDF's HTML.

    The exchange's row with its host and visiting cities (one query) and, with ``agenda``, its sessions with
    venues and presenters, and its delegations with members (one query each): raw rows, no model instances, no
    templates. Rows a PDF does not show (session notes, say) change it too: that costs a job whose worker finds
    the same HTML and reuses the earlier file, never a wrong PDF. With a ``delegation`` (its own agenda), also
    the sessions' attending delegations (one more query).
    """
    digest = hashlib.sha256()
    for name in [*_HEADER_ROWS, *(_AGENDA_ROWS if agenda else ())]:
        digest.update(name.encode())
        digest.update(repr(_version_rows(name, exchange.pk)).encode())
    if delegation is not None:
        # One delegation's agenda: which sessions name which delegations decides the sessions it shows (one query).
        through = Session.attending_delegations.through
        attendance = (
            through.objects.filter(session__exchange_id=exchange.pk)
            .order_by("session_id", "delegation_id")
            .values_list("session_id", "delegation_id")
        )
        digest.update(f"attendance of delegation {delegation.pk}".encode())
        digest.update(repr(list(attendance)).encode())
    return digest.hexdigest()

"""The partnership page: every exchange between a pair (or group) of cities, their objectives, the action plan's
progress and the practices adopted. Exchanges are those the viewer may see (``exchanges.access``); a fixed
number of queries."""

from collections import Counter

from django.db.models import Avg, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchanges.access import can_view_survey_results, public_partnerships, visible_exchanges, visible_partnerships
from exchanges.models import (
    Exchange,
    NextStep,
    NextStepUpdate,
    Partnership,
    PartnershipCity,
    PracticeAdoption,
    SurveyAnswer,
)
from overview.selectors.cities import listed_exchanges


def objective_scores(user, exchanges: list[Exchange]) -> dict[int, float]:
    """The feedback survey's mean "how far did this exchange meet it" (1–5) per objective id, for the page to show
    beside each objective; one query, none when the user may read no exchange's results.

    Only the exchanges whose survey results the user may read (``can_view_survey_results``: staff and the
    coordinators of the exchange's cities), as on the exchange page: the public sees no score there, so none here.
    """
    readable = [exchange.pk for exchange in exchanges if can_view_survey_results(user, exchange)]
    if not readable:
        return {}
    return {
        row["objective"]: round(float(row["met_mean"]), 1)
        for row in SurveyAnswer.objects.filter(response__exchange__in=readable, met__isnull=False)
        .values("objective")
        .annotate(met_mean=Avg("met"))
        .order_by()
    }


def partnership_page(user, partnership: Partnership) -> dict:
    members = list(partnership.members.select_related("city").order_by("city__name", "pk"))
    city_ids = {member.city_id for member in members}
    exchanges = _exchanges_between(user, city_ids)
    progress = _with_scores_and_progress(user, exchanges)
    return {
        "members": members,
        "name": "–".join(member.city.name for member in members),
        "is_public": bool(members) and all(member.publishes for member in members),
        "exchanges": exchanges,
        "progress": [
            (key, label, progress[key])
            for key, label in (
                ("done", NextStep.Status.DONE.label),
                ("in_progress", NextStep.Status.IN_PROGRESS.label),
                ("open", NextStep.Status.OPEN.label),
                ("overdue", _("Overdue")),
                ("dropped", NextStep.Status.DROPPED.label),
            )
        ],
        "action_count": sum(progress.values()),
        "adoptions": _adoptions_between(user, city_ids),
    }


def _exchanges_between(user, city_ids: set[int]) -> list[Exchange]:
    """The exchanges the user may see in which at least two of these cities host or visit, with their objectives
    and next steps (each with its updates, the latest first)."""
    updates = NextStepUpdate.objects.select_related("author__person", "check_in").order_by("-created_at", "-pk")
    steps = NextStep.objects.select_related("owner_organisation", "owner_person", "objective").prefetch_related(
        Prefetch("updates", queryset=updates)
    )
    candidates = (
        visible_exchanges(user)
        .filter(Q(host_city__in=city_ids) | Q(visiting_cities__in=city_ids))
        .exclude(status=Exchange.Status.CANCELLED)
        .distinct()
        .select_related("host_city")
        .prefetch_related("visiting_cities", "objectives", Prefetch("next_steps", queryset=steps))
        .order_by("start_date", "pk")
    )
    return [
        exchange
        for exchange in candidates
        if len(city_ids & ({exchange.host_city_id} | {city.pk for city in exchange.visiting_cities.all()})) >= 2
    ]


def _with_scores_and_progress(user, exchanges: list[Exchange]) -> Counter:
    """Each objective gets its survey score, each next step whether it is overdue and its latest update; returns
    the number of next steps in each state ("overdue" before its status)."""
    scores = objective_scores(user, exchanges)
    today = timezone.localdate()
    progress = Counter()
    for exchange in exchanges:
        for objective in exchange.objectives.all():
            objective.score = scores.get(objective.pk)
        for step in exchange.next_steps.all():
            step.overdue = step.is_overdue(today)
            step.latest_update = next(iter(step.updates.all()), None)
            progress["overdue" if step.overdue else step.status] += 1
    return progress


def _adoptions_between(user, city_ids: set[int]) -> list[PracticeAdoption]:
    """Practices one of these cities adopted from another, each saying whether the user may open its exchange."""
    adoptions = list(
        PracticeAdoption.objects.filter(city__in=city_ids, initiative__city__in=city_ids)
        .select_related("city", "initiative__city", "exchange")
        .order_by("adopted_on", "pk")
    )
    listed = set(
        listed_exchanges(user)
        .filter(pk__in=[a.exchange_id for a in adoptions if a.exchange_id])
        .values_list("pk", flat=True)
    )
    for adoption in adoptions:
        adoption.exchange_listed = adoption.exchange_id in listed
    return adoptions


def initiative_adoptions(user, initiative) -> list[PracticeAdoption]:
    """The cities that adopted this initiative, for its page ("Adopted by"), with the exchange named when the
    viewer may read it and the partnership page linked when the viewer may open it."""
    adoptions = list(initiative.adoptions.select_related("city", "exchange").order_by("adopted_on", "pk"))
    if not adoptions:
        return adoptions
    listed = set(
        listed_exchanges(user)
        .filter(pk__in=[a.exchange_id for a in adoptions if a.exchange_id])
        .values_list("pk", flat=True)
    )
    partnerships = list(
        visible_partnerships(user).filter(members__city=initiative.city_id).prefetch_related("members").distinct()
    )
    for adoption in adoptions:
        adoption.exchange_listed = adoption.exchange_id in listed
        adoption.partnership = next(
            (p for p in partnerships if adoption.city_id in {m.city_id for m in p.members.all()}), None
        )
    return adoptions


def _with_members(partnerships) -> list[Partnership]:
    members = PartnershipCity.objects.select_related("city").order_by("city__name", "pk")
    rows = list(partnerships.prefetch_related(Prefetch("members", queryset=members)).order_by("slug"))
    for partnership in rows:
        partners = list(partnership.members.all())
        partnership.name = "–".join(member.city.name for member in partners)
        partnership.is_public = bool(partners) and all(member.publishes for member in partners)
    return rows


def partnership_list(user) -> list[Partnership]:
    """The partnerships this user may open (``visible_partnerships``), with their cities: two queries."""
    return _with_members(visible_partnerships(user))


def city_public_partnerships(city) -> list[Partnership]:
    """The public partnerships of a city, for its profile, each with its other cities' names: one query, two when
    there are some."""
    rows = _with_members(Partnership.objects.filter(public_partnerships(), members__city=city).distinct())
    for partnership in rows:
        partnership.partner_names = ", ".join(
            member.city.name for member in partnership.members.all() if member.city_id != city.pk
        )
    return rows

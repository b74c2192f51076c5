"""Reads behind the next-step pages, the dashboard and the home page. Fixed query counts."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet

from exchanges.access import person_for, visible_exchanges
from exchanges.models import Exchange, NextStep, NextStepUpdate

ACTIVE = NextStep.ACTIVE_STATUSES


def overdue_q(today: date, prefix: str = "") -> Q:
    """Open or in progress with a due date before today."""
    return Q(**{f"{prefix}status__in": ACTIVE, f"{prefix}due_date__lt": today})


def exchange_next_steps(exchange: Exchange) -> QuerySet[NextStep]:
    updates = NextStepUpdate.objects.select_related("author__person").order_by("-created_at", "-pk")
    return (
        exchange.next_steps.select_related("owner_organisation", "owner_person", "objective")
        .prefetch_related(Prefetch("updates", queryset=updates))
        .order_by("position", "pk")
    )


def my_next_steps(user, *, limit: int = 10) -> list[NextStep]:
    """Open next steps the user's person owns, in exchanges they may see, soonest due first."""
    person = person_for(user)
    if person is None:
        return []
    return list(
        NextStep.objects.filter(owner_person=person, status__in=ACTIVE, exchange__in=visible_exchanges(user))
        .select_related("exchange")
        .order_by(F("due_date").asc(nulls_last=True), "pk")[:limit]
    )


@dataclass(frozen=True)
class Bar:
    """One exchange's row of the progress chart, in SVG user units."""

    label: str
    y: int
    segments: list[tuple[str, str, int, int, int]]  # (css class, label, x, width, count)


def status_counts() -> list[tuple[str, str, int]]:
    counts = dict(Exchange.objects.order_by().values_list("status").annotate(n=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in Exchange.Status.choices]


def exchanges_with_next_step_counts(today: date) -> QuerySet[Exchange]:
    return (
        Exchange.objects.filter(next_steps__isnull=False)
        .select_related("host_city")
        .annotate(
            steps_total=Count("next_steps", distinct=True),
            steps_open=Count("next_steps", filter=Q(next_steps__status__in=ACTIVE), distinct=True),
            steps_overdue=Count("next_steps", filter=overdue_q(today, "next_steps__"), distinct=True),
            steps_done=Count("next_steps", filter=Q(next_steps__status=NextStep.Status.DONE), distinct=True),
            steps_dropped=Count("next_steps", filter=Q(next_steps__status=NextStep.Status.DROPPED), distinct=True),
            last_update=Max("next_steps__updates__created_at"),
        )
        .order_by("-start_date", "title", "pk")
    )


def latest_updates(limit: int = 10) -> list[NextStepUpdate]:
    return list(
        NextStepUpdate.objects.select_related("next_step__exchange", "author__person").order_by("-created_at", "-pk")[
            :limit
        ]
    )


CHART_WIDTH, LABEL_WIDTH, ROW_HEIGHT, BAR_HEIGHT = 720, 250, 28, 18


def progress_chart(exchanges) -> dict:
    """Stacked bars per exchange: done, open (on time), overdue, dropped, in SVG user units."""
    plot = CHART_WIDTH - LABEL_WIDTH - 40
    bars = []
    for index, exchange in enumerate(exchanges):
        on_time = exchange.steps_open - exchange.steps_overdue
        parts = [
            ("chart__done", "done", exchange.steps_done),
            ("chart__open", "open", on_time),
            ("chart__overdue", "overdue", exchange.steps_overdue),
            ("chart__dropped", "dropped", exchange.steps_dropped),
        ]
        x, segments = LABEL_WIDTH, []
        total = max(exchange.steps_total, 1)
        for css, label, count in parts:
            width = round(plot * count / total)
            if count:
                segments.append((css, label, x, width, count))
            x += width
        title = exchange.title if len(exchange.title) <= 30 else exchange.title[:29] + "…"
        bars.append(Bar(label=title, y=index * ROW_HEIGHT, segments=segments))
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(len(bars), 1) * ROW_HEIGHT,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }

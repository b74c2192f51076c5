"""Reads of the action plan's follow-up: actions that need attention on the dashboard. One query."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, Q
from django.db.models.functions import Coalesce

from exchanges.models import Exchange, NextStep

# An open action of an exchange that ended is silent when nothing was posted on it for this long.
SILENT_AFTER_DAYS = 90
ATTENTION_LIMIT = 20


@dataclass(frozen=True)
class Attention:
    step: NextStep
    overdue: bool
    silent: bool
    last_activity: object


def actions_needing_attention(today: date, *, limit: int = ATTENTION_LIMIT) -> tuple[list[Attention], bool]:
    """Open actions that are overdue, or silent (no update for ``SILENT_AFTER_DAYS`` after their exchange ended):
    the first ``limit`` (most overdue first), and whether there are more. One query."""
    quiet_since = today - timedelta(days=SILENT_AFTER_DAYS)
    steps = (
        NextStep.objects.filter(status__in=NextStep.ACTIVE_STATUSES)
        .exclude(exchange__status=Exchange.Status.CANCELLED)
        .annotate(last_activity=Coalesce(Max("updates__created_at"), "created_at"))
        .filter(Q(due_date__lt=today) | Q(exchange__end_date__lt=quiet_since, last_activity__date__lt=quiet_since))
        .select_related("exchange", "owner_organisation", "owner_person")
        .order_by("due_date", "last_activity", "pk")
    )
    rows = list(steps[: limit + 1])
    found = [
        Attention(
            step=step,
            overdue=step.due_date is not None and step.due_date < today,
            silent=step.exchange.end_date < quiet_since and step.last_activity.date() < quiet_since,
            last_activity=step.last_activity,
        )
        for step in rows[:limit]
    ]
    return found, len(rows) > limit

"""Reads of the feedback surveys: one exchange's results and chart, and a programme's indicators. Fixed queries."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, F, Q
from django.utils.translation import gettext as _

from core.translated import translated_text
from exchanges.models import (
    Exchange,
    Membership,
    NextStep,
    NextStepCheckIn,
    Programme,
    SurveyAnswer,
    SurveyResponse,
)
from exchanges.selectors.next_steps import overdue_q

NOT_HELD = (Exchange.Status.DRAFT, Exchange.Status.CANCELLED)


@dataclass
class ObjectiveScore:
    number: int
    lead: str
    met: float | None = None
    met_count: int = 0
    before: float | None = None
    after: float | None = None
    change: float | None = None  # the mean of each person's after − before, over those who gave both


@dataclass
class TakeHome:
    number: int
    text: str
    name: str  # empty: anonymous to this viewer
    illustrative: bool


@dataclass
class SurveyResults:
    delegates: int
    responded: int
    scores: list[ObjectiveScore]
    take_home: list[TakeHome] = field(default_factory=list)
    illustrative: bool = False

    @property
    def rate(self) -> float | None:
        return self.responded / self.delegates if self.delegates else None

    @property
    def rate_percent(self) -> int | None:
        return None if self.rate is None else round(100 * self.rate)

    @property
    def chart(self) -> dict:
        return score_chart(self.scores)


def _mean(value) -> float | None:
    return None if value is None else round(float(value), 1)


def _score_aggregates() -> dict:
    both = Q(before__isnull=False, after__isnull=False)
    return {
        "met_mean": Avg("met"),
        "met_count": Count("met"),
        "before_mean": Avg("before"),
        "after_mean": Avg("after"),
        "change_mean": Avg(F("after") - F("before"), filter=both),
    }


def survey_results(
    exchange: Exchange, *, show_names: bool, language: str | None = None, objectives: list | None = None
) -> SurveyResults:
    """The exchange's response rate, scores per objective and what people take home (five queries; four when
    the caller has the exchange's ``objectives`` already).

    Names go with a take-home text only for ``show_names`` (staff) or when its author chose to be named.
    """
    objectives = list(exchange.objectives.all()) if objectives is None else objectives
    rows = {
        row["objective"]: row
        for row in SurveyAnswer.objects.filter(response__exchange=exchange)
        .values("objective")
        .annotate(**_score_aggregates())
        .order_by()
    }
    scores, numbers = [], {}
    for number, objective in enumerate(objectives, start=1):
        numbers[objective.pk] = number
        row = rows.get(objective.pk, {})
        scores.append(
            ObjectiveScore(
                number=number,
                lead=str(translated_text(objective, "lead", language)),
                met=_mean(row.get("met_mean")),
                met_count=row.get("met_count", 0),
                before=_mean(row.get("before_mean")),
                after=_mean(row.get("after_mean")),
                change=_mean(row.get("change_mean")),
            )
        )
    answers = (
        SurveyAnswer.objects.filter(response__exchange=exchange)
        .exclude(take_home="")
        .select_related("response__person")
        .order_by("objective__position", "objective__pk", "pk")
    )
    take_home = [
        TakeHome(
            number=numbers.get(answer.objective_id, 0),
            text=answer.take_home,
            name=answer.response.person.display_name if show_names or answer.response.named else "",
            illustrative=answer.response.illustrative,
        )
        for answer in answers
    ]
    responses = SurveyResponse.objects.filter(exchange=exchange).aggregate(
        responded=Count("pk", filter=Q(submitted_at__isnull=False)),
        illustrative=Count("pk", filter=Q(illustrative=True)),
    )
    delegates = Membership.objects.filter(delegation__exchange=exchange).values("person").distinct().count()
    return SurveyResults(
        delegates=delegates,
        responded=responses["responded"],
        scores=scores,
        take_home=take_home,
        illustrative=bool(responses["illustrative"]),
    )


# The chart, in SVG user units: a row per objective, the mean "met" score as a bar and the before → after
# self-assessment as two dots joined by a line, on a scale of 1 to 5. Colours are presentation attributes
# (no style attribute: the CSP; and WeasyPrint draws them in the PDF).
CHART_WIDTH, LABEL_WIDTH, ROW_HEIGHT, PLOT_RIGHT = 720, 300, 48, 700
MET_COLOUR, BEFORE_COLOUR, AFTER_COLOUR, GRID_COLOUR, TEXT_COLOUR = (
    "#2f6f9f",
    "#b35c00",
    "#1f7a3a",
    "#c8ccd4",
    "#1d2330",
)


def _x(score: float) -> int:
    """Score 0–5 to the plot's x."""
    return round(LABEL_WIDTH + (PLOT_RIGHT - LABEL_WIDTH) * score / 5)


def score_chart(scores: list[ObjectiveScore]) -> dict:
    rows = []
    for index, score in enumerate(scores):
        y = 24 + index * ROW_HEIGHT
        label = f"{score.number}. {score.lead}"
        rows.append(
            {
                "y": y,
                "label": label if len(label) <= 40 else label[:39] + "…",
                "full_label": label,
                "met": score.met,
                "met_width": _x(score.met) - LABEL_WIDTH if score.met is not None else 0,
                "before_x": _x(score.before) if score.before is not None else None,
                "after_x": _x(score.after) if score.after is not None else None,
                "before": score.before,
                "after": score.after,
            }
        )
    height = 24 + max(len(rows), 1) * ROW_HEIGHT
    return {
        "rows": rows,
        "width": CHART_WIDTH,
        "height": height,
        "label_width": LABEL_WIDTH,
        "ticks": [{"x": _x(value), "value": value} for value in range(1, 6)],
        "plot_bottom": height - 4,
        "colours": {
            "met": MET_COLOUR,
            "before": BEFORE_COLOUR,
            "after": AFTER_COLOUR,
            "grid": GRID_COLOUR,
            "text": TEXT_COLOUR,
        },
    }


@dataclass
class IndicatorRow:
    """One exchange's figures (or the programme's totals) in the programme indicators."""

    title: str
    slug: str
    start_date: date | None
    held: bool
    delegates: int = 0
    responded: int = 0
    met: float | None = None
    before: float | None = None
    after: float | None = None
    change: float | None = None
    actions: int = 0
    actions_done: int = 0
    actions_overdue: int = 0
    # Follow-up check-ins (months after the exchange, to the owners of open actions): sent, and answered by an update.
    follow_ups_sent: int = 0
    follow_ups_answered: int = 0

    @property
    def rate_percent(self) -> int | None:
        return round(100 * self.responded / self.delegates) if self.delegates else None


@dataclass
class ProgrammeIndicators:
    programme: Programme
    year: int | None
    planned: int
    held: int
    rows: list[IndicatorRow]
    total: IndicatorRow


def _held(exchange: Exchange, today: date) -> bool:
    return exchange.status not in NOT_HELD and exchange.end_date < today


def programme_indicators(programme: Programme, *, today: date, year: int | None = None) -> ProgrammeIndicators:
    """Exchanges held against planned, response rates, mean scores and change, actions done and overdue.

    Per exchange of the programme (those that ended in ``year`` when given) and for the whole: seven queries.
    Follow-ups are the check-ins of those exchanges' actions, whenever sent (a 12-month check-in of a December
    exchange goes the next year but counts with its exchange, like its actions).
    The totals pool the answers (a mean over every answer, a rate over every delegate), not the exchanges' means.
    """
    exchanges = list(
        programme.exchanges.exclude(status=Exchange.Status.CANCELLED)
        .filter(**({"end_date__year": year} if year else {}))
        .order_by("start_date", "title", "pk")
    )
    ids = [exchange.pk for exchange in exchanges]
    delegates = dict(
        Membership.objects.filter(delegation__exchange__in=ids)
        .values_list("delegation__exchange")
        .annotate(n=Count("person", distinct=True))
        .order_by()
    )
    responded = dict(
        SurveyResponse.objects.filter(exchange__in=ids, submitted_at__isnull=False)
        .values_list("exchange")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answers = SurveyAnswer.objects.filter(response__exchange__in=ids)
    scores = {
        row["response__exchange"]: row
        for row in answers.values("response__exchange").annotate(**_score_aggregates()).order_by()
    }
    overall = answers.aggregate(**_score_aggregates())
    steps = {
        row["exchange"]: row
        for row in NextStep.objects.filter(exchange__in=ids)
        .values("exchange")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=NextStep.Status.DONE)),
            overdue=Count("pk", filter=overdue_q(today)),
        )
        .order_by()
    }
    follow_ups = {
        row["next_step__exchange"]: row
        for row in NextStepCheckIn.objects.filter(next_step__exchange__in=ids)
        .values("next_step__exchange")
        .annotate(sent=Count("pk"), answered=Count("pk", filter=Q(update__isnull=False)))
        .order_by()
    }
    rows = []
    for exchange in exchanges:
        score, step = scores.get(exchange.pk, {}), steps.get(exchange.pk, {})
        follow_up = follow_ups.get(exchange.pk, {})
        rows.append(
            IndicatorRow(
                title=str(translated_text(exchange, "title")),
                slug=exchange.slug,
                start_date=exchange.start_date,
                held=_held(exchange, today),
                delegates=delegates.get(exchange.pk, 0),
                responded=responded.get(exchange.pk, 0),
                met=_mean(score.get("met_mean")),
                before=_mean(score.get("before_mean")),
                after=_mean(score.get("after_mean")),
                change=_mean(score.get("change_mean")),
                actions=step.get("total", 0),
                actions_done=step.get("done", 0),
                actions_overdue=step.get("overdue", 0),
                follow_ups_sent=follow_up.get("sent", 0),
                follow_ups_answered=follow_up.get("answered", 0),
            )
        )
    held = sum(row.held for row in rows)
    total = IndicatorRow(
        title=_("All exchanges"),
        slug="",
        start_date=None,
        held=bool(held),
        delegates=sum(row.delegates for row in rows),
        responded=sum(row.responded for row in rows),
        met=_mean(overall["met_mean"]),
        before=_mean(overall["before_mean"]),
        after=_mean(overall["after_mean"]),
        change=_mean(overall["change_mean"]),
        actions=sum(row.actions for row in rows),
        actions_done=sum(row.actions_done for row in rows),
        actions_overdue=sum(row.actions_overdue for row in rows),
        follow_ups_sent=sum(row.follow_ups_sent for row in rows),
        follow_ups_answered=sum(row.follow_ups_answered for row in rows),
    )
    return ProgrammeIndicators(
        programme=programme, year=year, planned=programme.planned_exchanges, held=held, rows=rows, total=total
    )

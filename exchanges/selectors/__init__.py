"""Reads shared by the exchange pages. Each runs a fixed number of queries."""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.utils import timezone

from exchanges.access import visible_exchanges
from exchanges.models import Delegation, Exchange, Membership, Session
from participants.models import Person

MEMBERSHIP_ROLE_ORDER = Case(
    *(
        When(role=role, then=Value(position))
        for position, role in enumerate(
            [
                Membership.Role.HEAD,
                Membership.Role.HOST_COORDINATOR,
                Membership.Role.MEMBER,
                Membership.Role.FACILITATOR,
                Membership.Role.INTERPRETER,
            ]
        )
    ),
    output_field=IntegerField(),
)


def home_exchanges(user, *, today: date | None = None) -> dict[str, list[Exchange]]:
    """The user's visible exchanges split into upcoming (or under way) and recent."""
    today = today or timezone.localdate()
    exchanges = (
        visible_exchanges(user)
        .exclude(status=Exchange.Status.CANCELLED)
        .select_related("host_city", "programme")
        .prefetch_related("visiting_cities")
    )
    upcoming = list(exchanges.filter(end_date__gte=today).order_by("start_date")[:20])
    # start_date < today follows from end_date < today; said, it lets the index on start_date start at today instead
    # of walking every exchange to come first (20,000 exchanges: ~10 ms → well under 1 ms).
    recent = list(exchanges.filter(end_date__lt=today, start_date__lt=today).order_by("-start_date")[:20])
    return {"upcoming": upcoming, "recent": recent}


def delegations_with_members(exchange: Exchange) -> QuerySet[Delegation]:
    members = Membership.objects.select_related("person__organisation").annotate(role_order=MEMBERSHIP_ROLE_ORDER)
    return (
        Delegation.objects.filter(exchange=exchange)
        .select_related("city")
        .prefetch_related(Prefetch("memberships", queryset=members.order_by("role_order", "person__name")))
    )


def agenda_sessions(exchange: Exchange) -> QuerySet[Session]:
    return (
        exchange.sessions.select_related("venue__city", "venue__host_organisation")
        .prefetch_related(
            Prefetch("presenters", queryset=Person.objects.select_related("organisation")),
            "organisations",
            Prefetch("attending_delegations", queryset=Delegation.objects.select_related("city")),
        )
        .order_by("start", "end", "pk")
    )


def session_days(session: Session, tz) -> list[date]:
    """The host-calendar days a session covers; one that ends at midnight does not spill over."""
    first = session.start.astimezone(tz).date()
    last = (session.end.astimezone(tz) - timedelta(microseconds=1)).date()
    return [first + timedelta(days=offset) for offset in range(max((last - first).days, 0) + 1)]


def sessions_by_day(exchange: Exchange, sessions) -> list[tuple[date, list[Session]]]:
    """Sessions grouped by the host city's calendar days they cover.

    Every day of the exchange appears, even empty; a multi-day session appears
    on each of its days (templates mark the later ones as continued); a
    session outside the exchange's days appears on its own day, in order.
    """
    tz = exchange.tzinfo
    grouped: dict[date, list[Session]] = defaultdict(list)
    for day in exchange.days:
        grouped[day]
    for session in sessions:
        for day in session_days(session, tz):
            grouped[day].append(session)
    return sorted(grouped.items())

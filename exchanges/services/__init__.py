"""Writes that other code reuses. Views parse and call these; they never write rows themselves."""

from datetime import UTC

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from core.translated import LANGUAGE_CODES
from core.validators import validate_time_zone
from exchanges.models import AgendaChange, Delegation, Exchange, Membership, Objective, Session
from exchanges.signals import agenda_changed, delegate_added
from exchanges.versions import exchange_touch
from exchanges.wording import stored_texts
from participants.models import Person, new_feed_token

# Changes to exchanges in these states are recorded so that delegates can be told.
RECORDED_STATUSES = {Exchange.Status.SCHEDULED, Exchange.Status.UNDER_WAY}


def agenda_change_record(
    *,
    exchange: Exchange,
    session: Session | None,
    action: str,
    changes: list[dict] | None = None,
    summary: str = "",
    user=None,
    title=None,
) -> AgendaChange | None:
    """Record one change to an exchange's agenda, if the exchange is scheduled or under way.

    ``changes`` says what changed as raw values (``{"field", "old", "new"}``: see ``_snapshot``), worded
    for each reader when read (``exchanges.wording``); ``summary`` is a text already worded, for callers
    that have nothing structured to say. ``title`` names the session in the record instead of its own title.

    Returns the AgendaChange, or None for drafts, completed and cancelled
    exchanges. After commit, ``exchanges.signals.agenda_changed`` is sent so
    that notices (delegates' digests) can be scheduled.
    """
    if exchange.status not in RECORDED_STATUSES:
        return None
    change = AgendaChange.objects.create(
        exchange=exchange,
        session=session if session is not None and session.pk else None,
        session_title=title or (session.title if session is not None else ""),
        action=action,
        changes=changes or [],
        summary=summary,
        changed_by=user if user is not None and user.is_authenticated else None,
    )
    transaction.on_commit(
        lambda: agenda_changed.send(sender=AgendaChange, exchange_id=exchange.pk, change_ids=[change.pk])
    )
    return change


# ---------------------------------------------------------------------------
# Exchanges

# Path segments under exchanges/ that an exchange's slug must not take.
RESERVED_SLUGS = frozenset({"new"})

STATUS_TRANSITIONS = {
    Exchange.Status.DRAFT: {Exchange.Status.SCHEDULED, Exchange.Status.CANCELLED},
    Exchange.Status.SCHEDULED: {Exchange.Status.DRAFT, Exchange.Status.UNDER_WAY, Exchange.Status.CANCELLED},
    Exchange.Status.UNDER_WAY: {Exchange.Status.SCHEDULED, Exchange.Status.COMPLETED, Exchange.Status.CANCELLED},
    Exchange.Status.COMPLETED: {Exchange.Status.UNDER_WAY},
    Exchange.Status.CANCELLED: {Exchange.Status.DRAFT},
}


def _ensure_delegations(exchange: Exchange) -> None:
    """Every city taking part has its delegation: the host's, and one per visiting city."""
    existing = set(exchange.delegations.values_list("city_id", flat=True))
    wanted = [(exchange.host_city, Delegation.Role.HOST)]
    wanted += [(city, Delegation.Role.VISITING) for city in exchange.visiting_cities.all()]
    Delegation.objects.bulk_create(
        [Delegation(exchange=exchange, city=city, role=role) for city, role in wanted if city.pk not in existing]
    )
    exchange_touch(exchange.pk)  # bulk_create sends no post_save


@transaction.atomic
def exchange_save(*, form) -> Exchange:
    """Save a validated exchange form (new or existing) and create missing delegations.

    Delegations of cities no longer visiting are kept: they may have members,
    and removing people is a separate, confirmed action.
    """
    exchange = form.save()
    _ensure_delegations(exchange)
    return exchange


def exchange_status_change(*, exchange: Exchange, status: str, user=None) -> Exchange:
    """Move an exchange along draft → scheduled → under way → completed (or cancelled).

    Raises ValidationError when the move is not allowed from the current status.
    """
    if status not in STATUS_TRANSITIONS.get(exchange.status, set()):
        raise ValidationError(
            _("An exchange cannot go from %(old)s to %(new)s.")
            % {
                "old": exchange.get_status_display(),
                "new": Exchange.Status(status).label if status in Exchange.Status.values else status,
            },
            code="invalid_transition",
        )
    exchange.status = status
    exchange.save(update_fields=["status", "updated_at"])
    return exchange


# ---------------------------------------------------------------------------
# Objectives


OBJECTIVE_TEXTS = ("lead", "detail", *(f"{name}_{code}" for name in ("lead", "detail") for code in LANGUAGE_CODES))


def objective_create(*, exchange: Exchange, **texts: str) -> Objective:
    """Add an objective at the end. ``texts``: ``lead`` and ``detail`` in the active language, or per language
    (``lead_en``, ``lead_fr``…). Raises TypeError for any other keyword."""
    unknown = set(texts) - set(OBJECTIVE_TEXTS)
    if unknown:
        raise TypeError(f"Unknown objective fields: {sorted(unknown)}")
    last = exchange.objectives.aggregate(last=Max("position"))["last"] or 0
    return Objective.objects.create(exchange=exchange, position=last + 1, **texts)


@transaction.atomic
def objective_move(*, objective: Objective, offset: int) -> None:
    """Move an objective up (-1) or down (+1); positions are renumbered 1…n."""
    objectives = list(objective.exchange.objectives.select_for_update().order_by("position", "pk"))
    index = next(i for i, o in enumerate(objectives) if o.pk == objective.pk)
    target = index + offset
    if 0 <= target < len(objectives):
        objectives[index], objectives[target] = objectives[target], objectives[index]
    for position, item in enumerate(objectives, start=1):
        item.position = position
    Objective.objects.bulk_update(objectives, ["position"])
    exchange_touch(objective.exchange_id)  # bulk_update sends no post_save


@transaction.atomic
def objective_delete(*, objective: Objective) -> None:
    exchange = objective.exchange
    objective.delete()
    remaining = list(exchange.objectives.order_by("position", "pk"))
    for position, item in enumerate(remaining, start=1):
        item.position = position
    Objective.objects.bulk_update(remaining, ["position"])
    exchange_touch(exchange.pk)


# ---------------------------------------------------------------------------
# Sessions

SESSION_TEXTS = ("title", "description", "notes")
# A text by its base name sets the active language's column (modeltranslation); title_en / title_fr set one.
SESSION_FIELDS = (
    "kind",
    *SESSION_TEXTS,
    *(f"{name}_{code}" for name in SESSION_TEXTS for code in LANGUAGE_CODES),
    "start",
    "end",
    "venue",
    "confidentiality",
)
SESSION_M2M = ("presenters", "organisations", "initiatives", "attending_delegations")


def _where_and_when(session: Session) -> dict:
    """When, what and where, as raw values: what an added or removed session's notice says (no list query)."""
    return {
        "when": {"start": session.start.astimezone(UTC).isoformat(), "end": session.end.astimezone(UTC).isoformat()},
        "title": stored_texts(session, "title"),
        "venue": {"id": session.venue_id, "name": session.venue.full_address} if session.venue_id else None,
    }


def _snapshot(session: Session) -> dict:
    """What delegates care about, as raw values (UTC ISO datetimes, ids and names, texts in every language),
    so that each recipient's digest words the change in their own language and time zones."""
    delegations = sorted(session.attending_delegations.select_related("city"), key=lambda d: d.city.name)
    presenters = sorted(session.presenters.all(), key=lambda person: person.display_name)
    organisations = sorted(session.organisations.all(), key=str)
    return {
        **_where_and_when(session),
        "kind": session.kind,
        "presenters": [{"id": person.pk, "name": person.display_name} for person in presenters],
        "organisations": [
            {"id": o.pk, "name": stored_texts(o, "name"), "acronym": stored_texts(o, "acronym")} for o in organisations
        ],
        "attending": [{"id": d.pk, "city": d.city.name} for d in delegations],
        "description": stored_texts(session, "description"),
        "confidentiality": session.confidentiality,
    }


def _diff(before: dict, after: dict) -> list[dict]:
    """The fields that changed, as ``{"field", "old", "new"}`` (``AgendaChange.changes``)."""
    return [{"field": name, "old": old, "new": after[name]} for name, old in before.items() if old != after[name]]


def _as_added(session: Session) -> list[dict]:
    return [{"field": name, "old": None, "new": value} for name, value in _where_and_when(session).items()]


def _as_removed(session: Session) -> list[dict]:
    """A restricted session's removal keeps only its time, and says it was restricted (its notice goes to every
    delegate, who saw it as "Busy"): not its title nor its place."""
    if session.confidentiality == Session.Confidentiality.RESTRICTED:
        when = _where_and_when(session)["when"]
        return [
            {"field": "when", "old": when, "new": None},
            {"field": "confidentiality", "old": session.confidentiality, "new": None},
        ]
    return [{"field": name, "old": value, "new": None} for name, value in _where_and_when(session).items()]


def _apply(session: Session, values: dict) -> dict:
    m2m = {name: values.pop(name) for name in SESSION_M2M if name in values}
    unknown = set(values) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown session fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(session, name, value)
    session.full_clean(exclude=["exchange", "uid"], validate_unique=False)
    return m2m


@transaction.atomic
def session_create(*, exchange: Exchange, user=None, **values) -> Session:
    """Add a session to an exchange's agenda and record the change once the exchange is scheduled.

    Raises ValidationError for hard errors (ends before it starts, a site visit without a site).
    """
    session = Session(exchange=exchange)
    m2m = _apply(session, dict(values))
    session.save()
    for name, items in m2m.items():
        getattr(session, name).set(items)
    agenda_change_record(
        exchange=exchange,
        session=session,
        action=AgendaChange.Action.ADDED,
        changes=_as_added(session),
        user=user,
    )
    return session


@transaction.atomic
def session_update(*, session: Session, user=None, **values) -> AgendaChange | None:
    """Change a session and record what changed, e.g. ``{"field": "when", "old": {…}, "new": {…}}``.

    Returns the recorded change (None for drafts or when nothing delegates see changed).
    Raises ValidationError for hard errors.
    """
    # From the database: a bound ModelForm has already written the new values onto ``session``.
    before = _snapshot(Session.objects.select_related("exchange__host_city", "venue__city").get(pk=session.pk))
    m2m = _apply(session, dict(values))
    session.save()
    for name, items in m2m.items():
        getattr(session, name).set(items)
    changes = _diff(before, _snapshot(session))
    if not changes:
        return None
    return agenda_change_record(
        exchange=session.exchange, session=session, action=AgendaChange.Action.CHANGED, changes=changes, user=user
    )


@transaction.atomic
def session_duplicate(*, session: Session, user=None) -> Session:
    """A copy of a session at the same time and place, titled "… (copy)", for the user to adjust."""
    values = {name: getattr(session, name) for name in SESSION_FIELDS if name not in SESSION_TEXTS}
    max_length = Session._meta.get_field("title").max_length
    for code in LANGUAGE_CODES:
        if title := getattr(session, f"title_{code}"):
            with translation.override(code):
                values[f"title_{code}"] = (_("%(title)s (copy)") % {"title": title})[:max_length]
    for name in SESSION_M2M:
        values[name] = list(getattr(session, name).all())
    return session_create(exchange=session.exchange, user=user, **values)


@transaction.atomic
def session_delete(*, session: Session, user=None) -> None:
    """Remove a session; a scheduled exchange keeps a record naming it.

    A restricted session's record names it "Busy", as those who do not attend it saw it: once the session is
    gone, its notice goes to every delegate (``exchanges.notices``), no longer only to its attendees.
    """
    restricted = session.confidentiality == Session.Confidentiality.RESTRICTED
    agenda_change_record(
        exchange=session.exchange,
        session=session,
        title=_("Busy") if restricted else None,
        action=AgendaChange.Action.REMOVED,
        changes=_as_removed(session),
        user=user,
    )
    session.delete()


# ---------------------------------------------------------------------------
# Delegations


def membership_add(*, delegation: Delegation, person: Person, role: str) -> Membership:
    """Raises ValidationError when the person is already a member of this delegation.

    Once committed, the new delegate of an upcoming exchange is sent the link to its survey's "before" questions
    (``exchanges.services.surveys.before_survey_send``, by a task).
    """
    membership = Membership(delegation=delegation, person=person, role=role)
    membership.full_clean()
    membership.save()
    transaction.on_commit(lambda: delegate_added.send(sender=Membership, membership_id=membership.pk))
    return membership


def membership_remove(*, membership: Membership) -> None:
    """Take the person out of the delegation; their other delegations and sessions stay."""
    membership.delete()


def person_feed_token_regenerate(*, person: Person) -> str:
    """Give the person a new secret calendar feed address; the old one stops working at once."""
    person.feed_token = new_feed_token()
    person.save(update_fields=["feed_token"])
    return person.feed_token


def agenda_preferences_update(
    *, user, time_zone: str, person: Person | None = None, notify_changes: bool = True, language: str = ""
) -> None:
    """Save a logged-in user's home time zone and, when they are a Person, their notice preferences.

    Raises ValidationError for a time zone that is not an IANA name.
    """
    if time_zone:
        validate_time_zone(time_zone)
    if user.time_zone != time_zone:
        user.time_zone = time_zone
        user.save(update_fields=["time_zone"])
    if person is not None:
        person.notify_changes = notify_changes
        person.language = language or person.language
        person.save(update_fields=["notify_changes", "language"])

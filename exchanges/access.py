"""Who may see and change an exchange and what hangs off it. Every view, selector and template tag asks these helpers.

Access is decided per object: staff see everything; a city's coordinators see
the exchanges their city takes part in (hosts, visits or sends a delegation to:
``exchanges_of_cities``), and edit the ones it hosts; a delegate (a user linked
to a Person who is a member of a delegation, a presenter or the host contact)
sees the exchanges they take part in once they are no longer drafts; anyone sees
public exchanges that are no longer drafts. Outsiders get 404, never a hint
that the object exists. docs/development.md lists which helper answers which question.
"""

from dataclasses import dataclass

from django.db.models import Exists, IntegerField, OuterRef, Q, QuerySet, Value
from django.http import Http404
from django.shortcuts import get_object_or_404

from cities.access import coordinated_city_ids, is_staff, require_staff  # noqa: F401 - re-exported: the roles every view asks
from exchanges.models import Delegation, Exchange, LearningNote, Membership, Partnership, PartnershipCity, Session
from participants.models import Person


def person_for(user) -> Person | None:
    """The Person linked to a user account, or None (cached on the user)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_portal_person"):
        user._portal_person = Person.objects.filter(user=user).first()
    return user._portal_person


# "The cities of an exchange", defined here once: its host city, its visiting cities and the cities that sent
# a delegation. Each is a path from Exchange to City; every question about an exchange's cities goes through them.
# The partner cities are the host and the visiting cities, without those that only sent a delegation: their
# coordinators sign off the exchange's report before a release (reports.access.sign_off_city_ids).
EXCHANGE_PARTNER_PATHS = ("host_city", "visiting_cities")
EXCHANGE_CITY_PATHS = (*EXCHANGE_PARTNER_PATHS, "delegations__city")


def exchanges_of_cities(city_ids) -> Q:
    """Exchanges in which one of these cities takes part (hosts, visits or sends a delegation)."""
    taking_part = Q()
    for path in EXCHANGE_CITY_PATHS:
        taking_part |= Q(pk__in=Exchange.objects.filter(**{f"{path}__in": city_ids}).values("pk"))
    return taking_part


def exchange_city_ids(exchange: Exchange, *, partners_only: bool = False) -> set[int]:
    """The ids of the cities of this exchange (one query); with ``partners_only``, its host and visiting cities."""
    this = Exchange.objects.filter(pk=exchange.pk).order_by()
    paths = EXCHANGE_PARTNER_PATHS if partners_only else EXCHANGE_CITY_PATHS
    first, *others = (this.values_list(path, flat=True) for path in paths)
    return {city_id for city_id in first.union(*others) if city_id is not None}


def coordinates_city_of(user, exchange: Exchange) -> bool:
    """Whether the user coordinates one of the cities of this exchange (no query beyond ``exchange_roles``)."""
    city_ids = coordinated_city_ids(user)
    if not city_ids:
        return False
    if exchange.host_city_id in city_ids:
        return True
    return exchange.pk in exchange_roles(user).coordinating


# Which part a user has in an exchange, as tagged in ``exchange_roles``' one query.
_TAKES_PART, _COORDINATES = 1, 2


@dataclass(frozen=True)
class ExchangeRoles:
    """The exchanges a user has a part in, whatever their status: ``taking_part`` as a delegate, presenter or host
    contact; ``coordinating`` as the coordinator of one of their cities; ``drafts``, those of them still drafts."""

    taking_part: frozenset[int] = frozenset()
    coordinating: frozenset[int] = frozenset()
    drafts: frozenset[int] = frozenset()

    @property
    def visible(self) -> frozenset[int]:
        """The exchanges these roles open to the user, public or not: their cities' (drafts too), and those they
        take part in once no longer drafts."""
        return (self.taking_part - self.drafts) | self.coordinating


_NO_ROLES = ExchangeRoles()


def exchange_roles(user) -> ExchangeRoles:
    """The user's ``ExchangeRoles``: one query (none for the anonymous, nor for a user who is nobody's person and
    coordinates no city), then cached on the user for the request, so that every selector and template tag of a
    page that asks who may see what reuses it."""
    if not user.is_authenticated:
        return _NO_ROLES
    if not hasattr(user, "_portal_exchange_roles"):
        user._portal_exchange_roles = _read_exchange_roles(person_for(user), coordinated_city_ids(user))
    return user._portal_exchange_roles


def _read_exchange_roles(person, city_ids) -> ExchangeRoles:
    def tagged(condition: Q, tag: int):
        return (
            Exchange.objects.filter(condition)
            .order_by()
            .annotate(role_tag=Value(tag, output_field=IntegerField()))
            .values_list("pk", "status", "role_tag")
        )

    parts = []
    if person is not None:
        parts += [
            tagged(Q(pk__in=Membership.objects.filter(person=person).values("delegation__exchange_id")), _TAKES_PART),
            tagged(Q(pk__in=Session.objects.filter(presenters=person).values("exchange_id")), _TAKES_PART),
            tagged(Q(host_contact=person), _TAKES_PART),
        ]
    if city_ids:
        parts += [tagged(Q(**{f"{path}__in": city_ids}), _COORDINATES) for path in EXCHANGE_CITY_PATHS]
    if not parts:
        return _NO_ROLES
    first, *others = parts
    rows = list(first.union(*others))
    return ExchangeRoles(
        taking_part=frozenset(pk for pk, _status, tag in rows if tag == _TAKES_PART),
        coordinating=frozenset(pk for pk, _status, tag in rows if tag == _COORDINATES),
        drafts=frozenset(pk for pk, status, _tag in rows if status == Exchange.Status.DRAFT),
    )


def visible_exchanges(user) -> QuerySet[Exchange]:
    """The exchanges this user may see; their own ones come from ``exchange_roles`` (once per request)."""
    exchanges = Exchange.objects.all()
    if is_staff(user):
        return exchanges
    allowed = Q(is_public=True) & ~Q(status=Exchange.Status.DRAFT)
    own = exchange_roles(user).visible
    if own:
        allowed |= Q(pk__in=sorted(own))
    return exchanges.filter(allowed)


def editable_exchanges(user) -> QuerySet[Exchange]:
    """Exchanges whose details and agenda this user may change: staff, and the host city's coordinators.

    ``can_edit_exchange`` is the same rule for one exchange in hand (tests/test_access_rules.py checks they agree).
    """
    if is_staff(user):
        return Exchange.objects.all()
    city_ids = coordinated_city_ids(user)
    if not city_ids:
        return Exchange.objects.none()
    return Exchange.objects.filter(host_city__in=city_ids)


def takes_part(user, exchange: Exchange) -> bool:
    """True for a delegate, presenter or host contact of this exchange (no query beyond ``exchange_roles``)."""
    return exchange.pk in exchange_roles(user).taking_part


def can_view_exchange(user, exchange: Exchange) -> bool:
    """``visible_exchanges`` for one exchange in hand (no query beyond ``exchange_roles``)."""
    if is_staff(user):
        return True
    if exchange.is_public and exchange.status != Exchange.Status.DRAFT:
        return True
    return exchange.pk in exchange_roles(user).visible


def can_edit_exchange(user, exchange: Exchange) -> bool:
    """``editable_exchanges`` for one exchange, without a query."""
    if is_staff(user):
        return True
    return exchange.host_city_id in coordinated_city_ids(user)


def can_edit_delegation(user, delegation: Delegation) -> bool:
    """Staff, the host city's coordinators, and the delegation's own city's coordinators."""
    return can_edit_exchange(user, delegation.exchange) or delegation.city_id in coordinated_city_ids(user)


def can_change_status(user, exchange: Exchange) -> bool:
    return is_staff(user)


def get_exchange_for_user_or_404(user, slug: str, *, edit: bool = False) -> Exchange:
    """The exchange with this slug if the user may see it (or edit it), else Http404."""
    exchanges = editable_exchanges(user) if edit else visible_exchanges(user)
    return get_object_or_404(exchanges.select_related("host_city", "programme__organiser"), slug=slug)


def history_exchanges(user) -> QuerySet[Exchange]:
    """Exchanges whose change history this user may read: staff, and coordinators of a city taking part."""
    if is_staff(user):
        return Exchange.objects.all()
    city_ids = coordinated_city_ids(user)
    if not city_ids:
        return Exchange.objects.none()
    return Exchange.objects.filter(exchanges_of_cities(city_ids))


def get_exchange_history_or_404(user, slug: str) -> Exchange:
    """The exchange with this slug if the user may read its history, else Http404."""
    return get_object_or_404(history_exchanges(user).select_related("host_city"), slug=slug)


def visible_people(user) -> QuerySet[Person]:
    """The people whose details (e-mail address included) this user may read: staff, everyone; a coordinator,
    the people of their cities and those who take part (delegation member, presenter, host contact) in an
    exchange their cities take part in (``exchanges_of_cities``); nobody else, nobody."""
    if is_staff(user):
        return Person.objects.all()
    city_ids = coordinated_city_ids(user)
    if not city_ids:
        return Person.objects.none()
    exchanges = Exchange.objects.filter(exchanges_of_cities(city_ids)).values("pk")
    return Person.objects.filter(
        Q(city__in=city_ids)
        | Q(pk__in=Membership.objects.filter(delegation__exchange__in=exchanges).values("person_id"))
        | Q(pk__in=Session.presenters.through.objects.filter(session__exchange__in=exchanges).values("person_id"))
        | Q(pk__in=Exchange.objects.filter(pk__in=exchanges).values("host_contact_id"))
    )


def get_person_for_user_or_404(user, pk: int) -> Person:
    """The person with this id if the user may read their details (``visible_people``), else Http404."""
    return get_object_or_404(visible_people(user).select_related("organisation", "city"), pk=pk)


def can_view_person_history(user, person: Person) -> bool:
    """``visible_people`` for one person: who may read their details may read their history."""
    if is_staff(user):
        return True
    return visible_people(user).filter(pk=person.pk).exists()


def can_view_exchange_history(user, exchange: Exchange) -> bool:
    """``history_exchanges`` for one exchange (no query for staff and the host city's coordinators)."""
    return is_staff(user) or coordinates_city_of(user, exchange)


def can_post_next_step_update(user, next_step) -> bool:
    """Staff, the person who owns the step, and coordinators of the exchange's cities."""
    if is_staff(user):
        return True
    if not user.is_authenticated:
        return False
    person = person_for(user)
    if person is not None and next_step.owner_person_id == person.pk:
        return True
    return coordinates_city_of(user, next_step.exchange)


def learning_note_author(user, exchange: Exchange) -> Person | None:
    """The person who writes learning notes on this exchange's sessions: a user who takes part in it
    (delegate, presenter, host contact), else None. Staff and coordinators who do not take part write none."""
    if not takes_part(user, exchange):
        return None
    return person_for(user)


def readable_learning_notes(person: Person, exchange: Exchange) -> QuerySet[LearningNote]:
    """The notes this person may read on the exchange: their own, and those shared with a delegation of theirs."""
    their_delegations = Delegation.objects.filter(exchange=exchange, memberships__person=person).values("pk")
    return LearningNote.objects.filter(session__exchange=exchange).filter(
        Q(author=person) | Q(visibility=LearningNote.Visibility.DELEGATION, delegation__in=their_delegations)
    )


def public_partnerships() -> Q:
    """Partnerships every city of which chose a public page."""
    members = PartnershipCity.objects.filter(partnership=OuterRef("pk"))
    return Q(Exists(members)) & ~Q(Exists(members.filter(publishes=False)))


def visible_partnerships(user) -> QuerySet[Partnership]:
    """Partnership pages this user may read: staff, every one; a coordinator, those of their cities; anyone,
    those all of whose cities chose a public page. Others get 404."""
    if is_staff(user):
        return Partnership.objects.all()
    allowed = public_partnerships()
    city_ids = coordinated_city_ids(user)
    if city_ids:
        allowed |= Q(pk__in=PartnershipCity.objects.filter(city__in=city_ids).values("partnership_id"))
    return Partnership.objects.filter(allowed)


def get_partnership_for_user_or_404(user, slug: str) -> Partnership:
    return get_object_or_404(visible_partnerships(user), slug=slug)


def partnership_choice_city_ids(user, partnership: Partnership) -> set[int]:
    """The cities of the partnership whose choice of a public page this user sets: staff, every city's; a
    coordinator, their own cities'."""
    member_ids = set(partnership.members.values_list("city_id", flat=True))
    if is_staff(user):
        return member_ids
    return member_ids & set(coordinated_city_ids(user))


def can_view_survey_results(user, exchange: Exchange) -> bool:
    """The feedback survey's figures and what people take home: staff and coordinators of the exchange's cities.
    Who wrote which answer: staff only, unless its author chose to be named (``can_see_survey_names``)."""
    return is_staff(user) or coordinates_city_of(user, exchange)


def can_see_survey_names(user) -> bool:
    return is_staff(user)


def is_delegate(user, exchange: Exchange) -> bool:
    """A member of one of the exchange's delegations: they answer its feedback survey."""
    person = person_for(user)
    return person is not None and Membership.objects.filter(person=person, delegation__exchange=exchange).exists()


def survey_person_or_404(user, exchange: Exchange) -> Person:
    """The user's person if they are a delegate of this exchange (``is_delegate``), else Http404."""
    if not is_delegate(user, exchange):
        raise Http404
    return person_for(user)

"""Who may see and change an exchange and what hangs off it. Every view, selector and template tag asks these helpers.

Access is decided per object: staff see everything; a city's coordinators see
the exchanges their city takes part in (hosts, visits or sends a delegation to:
``exchanges_of_cities``), and edit the ones it hosts; a delegate (a user linked
to a Person who is a member of a delegation, a presenter or the host contact)
sees the exchanges they take part in once they are no longer drafts; anyone sees
public exchanges that are no longer drafts. Outsiders get 404, never a hint
that the object exists. docs/development.md lists which helper answers which question.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from cities.access import coordinated_city_ids, is_staff, require_staff  # noqa: F401 - re-exported: the roles every view asks
from exchanges.models import Delegation, Exchange, Membership, Session
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
    """Whether the user coordinates one of the cities of this exchange (no query for the host city's coordinators)."""
    city_ids = coordinated_city_ids(user)
    if not city_ids:
        return False
    if exchange.host_city_id in city_ids:
        return True
    return Exchange.objects.filter(exchanges_of_cities(city_ids), pk=exchange.pk).exists()


def _exchanges_of_person(person) -> Q:
    return (
        Q(pk__in=Delegation.objects.filter(memberships__person=person).values("exchange_id"))
        | Q(pk__in=Session.objects.filter(presenters=person).values("exchange_id"))
        | Q(host_contact=person)
    )


def visible_exchanges(user) -> QuerySet[Exchange]:
    exchanges = Exchange.objects.all()
    if is_staff(user):
        return exchanges
    not_draft = ~Q(status=Exchange.Status.DRAFT)
    allowed = Q(is_public=True) & not_draft
    person = person_for(user)
    if person is not None:
        allowed |= _exchanges_of_person(person) & not_draft
    city_ids = coordinated_city_ids(user)
    if city_ids:
        allowed |= exchanges_of_cities(city_ids)
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
    """True for a delegate, presenter or host contact of this exchange."""
    person = person_for(user)
    if person is None:
        return False
    return Exchange.objects.filter(_exchanges_of_person(person), pk=exchange.pk).exists()


def can_view_exchange(user, exchange: Exchange) -> bool:
    return visible_exchanges(user).filter(pk=exchange.pk).exists()


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

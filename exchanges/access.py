"""Who may see and change what. Every view asks these helpers.

Access is decided per object: staff see everything; a city's coordinators see
the exchanges their city hosts, visits or sends a delegation to, and edit the
ones it hosts; a delegate (a user linked to a Person who is a member of a
delegation, a presenter or the host contact) sees the exchanges they take part
in once they are no longer drafts; anyone sees public exchanges that are no
longer drafts. Outsiders get 404, never a hint that the object exists.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from cities.access import coordinated_city_ids, is_staff, require_staff  # noqa: F401 - re-exported: the roles every view asks
from exchanges.models import Delegation, Exchange, Session
from participants.models import Person


def person_for(user) -> Person | None:
    """The Person linked to a user account, or None (cached on the user)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_portal_person"):
        user._portal_person = Person.objects.filter(user=user).first()
    return user._portal_person


def _exchanges_of_cities(city_ids) -> Q:
    return (
        Q(host_city__in=city_ids)
        | Q(pk__in=Exchange.visiting_cities.through.objects.filter(city_id__in=city_ids).values("exchange_id"))
        | Q(pk__in=Delegation.objects.filter(city_id__in=city_ids).values("exchange_id"))
    )


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
        allowed |= _exchanges_of_cities(city_ids)
    return exchanges.filter(allowed)


def editable_exchanges(user) -> QuerySet[Exchange]:
    """Exchanges whose details and agenda this user may change."""
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
    if is_staff(user):
        return True
    return exchange.host_city_id in coordinated_city_ids(user)


def can_edit_delegation(user, delegation: Delegation) -> bool:
    """Staff, the host city's coordinators, and the delegation's own city's coordinators."""
    if is_staff(user):
        return True
    city_ids = coordinated_city_ids(user)
    return delegation.city_id in city_ids or delegation.exchange.host_city_id in city_ids


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
    return Exchange.objects.filter(_exchanges_of_cities(city_ids))


def get_exchange_history_or_404(user, slug: str) -> Exchange:
    """The exchange with this slug if the user may read its history, else Http404."""
    return get_object_or_404(history_exchanges(user).select_related("host_city"), slug=slug)


def can_view_person_history(user, person: Person) -> bool:
    """Staff; coordinators of the person's city or of a city in an exchange the person takes part in."""
    if is_staff(user):
        return True
    city_ids = coordinated_city_ids(user)
    if not city_ids:
        return False
    if person.city_id in city_ids:
        return True
    exchanges = Exchange.objects.filter(_exchanges_of_cities(city_ids))
    return Delegation.objects.filter(exchange__in=exchanges, memberships__person=person).exists()


def can_view_exchange_history(user, exchange: Exchange) -> bool:
    """Whether the History tab of this exchange is for this user (no query for staff)."""
    if is_staff(user):
        return True
    city_ids = coordinated_city_ids(user)
    if not city_ids:
        return False
    return exchange.host_city_id in city_ids or history_exchanges(user).filter(pk=exchange.pk).exists()


def exchange_city_ids(exchange: Exchange) -> set[int]:
    """The host city, the visiting cities and the cities that sent a delegation."""
    ids = {exchange.host_city_id}
    ids |= set(Exchange.visiting_cities.through.objects.filter(exchange=exchange).values_list("city_id", flat=True))
    ids |= set(Delegation.objects.filter(exchange=exchange).values_list("city_id", flat=True))
    return ids


def can_post_next_step_update(user, next_step) -> bool:
    """Staff, the person who owns the step, and coordinators of the exchange's cities."""
    if is_staff(user):
        return True
    if not user.is_authenticated:
        return False
    person = person_for(user)
    if person is not None and next_step.owner_person_id == person.pk:
        return True
    city_ids = coordinated_city_ids(user)
    return bool(city_ids) and bool(city_ids & exchange_city_ids(next_step.exchange))

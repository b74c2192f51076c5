"""The roles every app asks about, at the lowest layer so that each app can ask.

Object-level rules for exchanges build on these in ``exchanges/access.py``.
"""

from django.http import Http404

from cities.models import Coordinator


def is_staff(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff


def require_staff(user) -> None:
    """Raise Http404 unless the user is staff (pages whose existence is staff business)."""
    if not is_staff(user):
        raise Http404


def coordinated_city_ids(user) -> frozenset[int]:
    """Ids of the cities this user coordinates (cached on the user for the request)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_portal_city_ids"):
        user._portal_city_ids = frozenset(Coordinator.objects.filter(user=user).values_list("city_id", flat=True))
    return user._portal_city_ids


def is_manager(user) -> bool:
    """Staff, or the coordinator of at least one city: may use the directories (people, organisations, venues)."""
    return is_staff(user) or bool(coordinated_city_ids(user))


def require_manager(user) -> None:
    """Http404 unless the user is a manager: the directories' existence is nobody else's business."""
    if not is_manager(user):
        raise Http404


def can_edit_city_record(user, city_id: int | None) -> bool:
    """Staff edit any record; a coordinator edits those of their cities and those with no city."""
    return is_staff(user) or city_id is None or city_id in coordinated_city_ids(user)

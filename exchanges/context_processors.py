from django.utils.functional import SimpleLazyObject

from exchanges.access import coordinated_city_ids, is_staff


def roles(request):
    """What the navigation needs to know about the viewer, computed only if a template asks."""
    user = request.user
    return {
        "viewer_is_staff": SimpleLazyObject(lambda: is_staff(user)),
        "viewer_can_manage": SimpleLazyObject(lambda: is_staff(user) or bool(coordinated_city_ids(user))),
    }

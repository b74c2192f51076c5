from django.utils.functional import SimpleLazyObject

from cities.access import is_manager, is_staff


def roles(request):
    """What the navigation needs to know about the viewer, computed only if a template asks."""
    user = request.user
    return {
        "viewer_is_staff": SimpleLazyObject(lambda: is_staff(user)),
        "viewer_can_manage": SimpleLazyObject(lambda: is_manager(user)),
    }

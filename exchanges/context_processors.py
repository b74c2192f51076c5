from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from cities.access import is_manager, is_staff


def roles(request):
    """What the navigation needs to know about the viewer, computed only if a template asks.

    A request refused before the authentication middleware (a Host header not in ALLOWED_HOSTS: Django's 400
    page) has no user: it is nobody's."""
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "viewer_is_staff": SimpleLazyObject(lambda: is_staff(user)),
        "viewer_can_manage": SimpleLazyObject(lambda: is_manager(user)),
    }

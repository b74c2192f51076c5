"""Reads about people that several apps share."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from cities.access import is_manager, is_staff


def author_label(author, viewer) -> str:
    """How the author of a change (a user, or None) is named to ``viewer``.

    Staff appear to everyone else as "the organisers", never by their e-mail address; other authors by the
    name of their person, else (a coordinator's account) by their login to staff and coordinators, and as
    "another user" to the others. None gives "" (each page has its own word for "nobody").
    Load ``author__person`` with the rows to spare a query each.
    """
    if author is None:
        return ""
    if author.is_staff and not is_staff(viewer):
        return _("the organisers")
    try:
        person = author.person
    except ObjectDoesNotExist:
        person = None
    if person is not None:
        return person.display_name
    return author.email if is_manager(viewer) else _("another user")

"""Language choice: remembered on the account and in a cookie.

The switch stores the choice on the account (and the person) and in the
language cookie; logging in puts the account's choice back in the cookie.
Someone who never chose (no choice on the account, none in this browser's
cookie) gets the preferred language of their person record at login, when it
says something other than the default (a record nobody set says the default).
Without any of these, the browser's Accept-Language decides (Django's
LocaleMiddleware). URLs carry no language prefix.
"""

from django.conf import settings
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class UserLanguageMiddleware:
    """Hand the language stored on the account to the browser when the user logs in.

    The login (see ``remember_language_at_login``) marks the request; this sets
    the language cookie on that response, so LocaleMiddleware follows the
    account's choice on every later request without a database query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = getattr(request, "_portal_language", "")
        if language in SUPPORTED:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
        return response


def login_language(request, user) -> str:
    """The language to switch to at login, or "" to leave the request's own.

    The account's stored choice first; then a choice already made in this browser (the language
    cookie) is kept; then the person record's preferred language unless it is the default.
    """
    chosen = getattr(user, "language", "")
    if chosen in SUPPORTED:
        return chosen
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) in SUPPORTED:
        return ""
    # Read "up" through the reverse one-to-one (participants.Person.user): no import of a higher app.
    person = getattr(user, "person", None)
    preferred = getattr(person, "language", "")
    if preferred in SUPPORTED and preferred != settings.LANGUAGE_CODE:
        return preferred
    return ""


def remember_language_at_login(sender, request, user, **kwargs):
    """user_logged_in receiver: switch to the account's (or its person's) language from this response on."""
    if request is None:
        return
    language = login_language(request, user)
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language
        request._portal_language = language


@require_POST
def set_language(request):
    """Django's set_language, which also stores the choice on the account and the person."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if language in SUPPORTED and user.is_authenticated and getattr(user, "language", None) is not None:
        if user.language != language:
            user.language = language
            user.save(update_fields=["language"])
        person = getattr(user, "person", None)
        if person is not None and person.language != language:
            person.language = language
            person.save(update_fields=["language"])
    return response

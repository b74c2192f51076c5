"""Language choice: remembered on the account, in a cookie for visitors.

Order of precedence: the logged-in user's stored language, then the language
cookie, then the browser's Accept-Language (Django's LocaleMiddleware does the
last two). URLs carry no language prefix.
"""

from django.conf import settings
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class UserLanguageMiddleware:
    """Activate the language stored on the account; runs after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if language in SUPPORTED:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language in SUPPORTED and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
        return response


@require_POST
def set_language(request):
    """Django's set_language, which also stores the choice on the account and the person."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if language in SUPPORTED and user.is_authenticated:
        if user.language != language:
            user.language = language
            user.save(update_fields=["language"])
        person = getattr(user, "person", None)
        if person is not None and person.language != language:
            person.language = language
            person.save(update_fields=["language"])
    return response

"""Request hygiene before any view runs."""

import logging

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

security_log = logging.getLogger("exchange_portal.security")


class QueryStringHygieneMiddleware:
    """Answer 400 (templates/400.html, in the visitor's language) to a request whose path or query string
    holds a NUL byte, in a name or a value, before any view sends it to the database.

    The rest of what a query string can hold is each view's business and already safe there: Django
    decodes invalid UTF-8 escapes (``%ff``) to U+FFFD, pages and ids go through Paginator.get_page and
    forms, and too many fields are refused by DATA_UPLOAD_MAX_NUMBER_FIELDS (400 too). PostgreSQL
    refuses a NUL in any text it is sent (DataError), so without this a filter or a search answers 500.
    Each refusal is one warning line on ``exchange_portal.security``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in request.path_info or self._query_has_nul(request):
            security_log.warning("Request refused: NUL byte in the path or query string of %r", request.path)
            # Rendered without the request, like Django's own 400 page: the session and user are not loaded yet.
            return HttpResponseBadRequest(render_to_string("400.html"))
        return self.get_response(request)

    @staticmethod
    def _query_has_nul(request) -> bool:
        # The parsed query (not the raw string): a NUL arrives as %00, or as a literal byte from some clients.
        return any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists())

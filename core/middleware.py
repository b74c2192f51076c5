"""Request hygiene before any view runs."""

from django.core.exceptions import SuspiciousOperation


class NulByteInRequest(SuspiciousOperation):
    """A NUL byte in the path or the query string: no page takes one, and PostgreSQL refuses it in any
    text it is sent (DataError), so a filter or search would answer 500 instead of a clean 400."""


class QueryStringHygieneMiddleware:
    """Answer 400 (templates/400.html, in the visitor's language) to a request whose path or query string
    holds a NUL byte, in a name or a value, before any view sends it to the database.

    The rest of what a query string can hold is each view's business and already safe there: Django
    decodes invalid UTF-8 escapes (``%ff``) to U+FFFD, pages and ids go through Paginator.get_page and
    forms, and too many fields are refused by DATA_UPLOAD_MAX_NUMBER_FIELDS (400 too). Raising
    SuspiciousOperation logs the request to ``django.security`` like Django's own 400s.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in request.path_info or self._query_has_nul(request):
            raise NulByteInRequest("NUL byte in the request's path or query string")
        return self.get_response(request)

    @staticmethod
    def _query_has_nul(request) -> bool:
        # The parsed query (not the raw string): a NUL arrives as %00, or as a literal byte from some clients.
        return any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists())

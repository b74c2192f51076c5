"""Who is asking: a personal token (Authorization: Bearer …), else the browser session, else nobody.

Each route then answers with the viewer's own access rules. A token that is presented but unknown or
revoked is refused with 401 (it never falls back to anonymous reading), so revoking ends access at once.
The API only reads (GET), so the session needs no CSRF token; ninja's cookie auth would check it for
any other method.
"""

from django.contrib.auth.models import AnonymousUser
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, SessionAuth

from api import services


class TokenAuth(HttpBearer):
    openapi_description = "A personal API token, made on the API tokens page: `Authorization: Bearer ep_…`."

    def authenticate(self, request, token):
        try:
            api_token = services.token_authenticate(secret=token)
        except services.TokenError:
            raise AuthenticationError(401, "Unknown or revoked token.") from None
        try:
            services.token_rate_check(token=api_token)
        except services.RateLimited as limited:
            raise RateLimitedError(limited.retry_after) from None
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


class RateLimitedError(HttpError):
    def __init__(self, retry_after: int):
        super().__init__(429, "Too many requests for this token; try again in a minute.")
        self.retry_after = retry_after


class BrowserSession(SessionAuth):
    openapi_description = "The portal's own login session (cookie), as in the browser."


def anonymous(request):
    """No credentials: the public's view (returns the anonymous user, so that authentication succeeds)."""
    return AnonymousUser()


AUTH = [TokenAuth(), BrowserSession(), anonymous]

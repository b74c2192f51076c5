import logging

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

security_log = logging.getLogger("exchange_portal.security")


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts are created by staff invitation only; nobody signs up alone.

    Failed logins, and logins refused by the rate limit (ACCOUNT_RATE_LIMITS
    "login_failed"), are logged to ``exchange_portal.security``.
    """

    def is_open_for_signup(self, request):
        return False

    def get_login_redirect_url(self, request):
        """Staff start their work on the dashboard; everyone else on the home page. A ``next`` wins over both."""
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff:
            return reverse("exchanges:dashboard")
        return super().get_login_redirect_url(request)

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            security_log.warning(
                "Login refused by the rate limit: login=%r ip=%s", self._login(credentials), self._ip(request)
            )
            raise

    def authentication_failed(self, request, **credentials):
        security_log.warning("Failed login: login=%r ip=%s", self._login(credentials), self._ip(request))
        super().authentication_failed(request, **credentials)

    @staticmethod
    def _login(credentials) -> str:
        return str(credentials.get("email") or credentials.get("username") or "")[:254]

    def _ip(self, request) -> str:
        try:
            return self.get_client_ip(request)
        except PermissionDenied:
            return "unknown"

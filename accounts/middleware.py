from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Pages a staff member without TOTP may still open: allauth's own account and
# MFA pages (log in and out, set up TOTP, re-authenticate), and plumbing.
ALLOWED_URL_NAME_PREFIXES = ("account_", "mfa_")
ALLOWED_URL_NAMES = {"healthz", "set_language"}
# The page a staff member was on their way to when sent to set up TOTP: the recovery-codes page leads there.
MFA_NEXT_SESSION_KEY = "accounts.mfa_next"


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMFARequiredMiddleware:
    """Send a staff user who has no active TOTP authenticator to set one up first.

    Off when settings.MFA_REQUIRED_FOR_STAFF is False (most tests).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.MFA_REQUIRED_FOR_STAFF:
            return None
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return None
        match = request.resolver_match
        name = (match.url_name or "") if match else ""
        if name.startswith(ALLOWED_URL_NAME_PREFIXES) or name in ALLOWED_URL_NAMES:
            return None
        if request.path_info.startswith(settings.STATIC_URL):
            return None
        if has_totp(user):
            return None
        if request.method == "GET" and not request.headers.get("HX-Request"):
            request.session[MFA_NEXT_SESSION_KEY] = request.get_full_path()
        messages.info(
            request,
            _("Staff accounts need two-factor authentication. Set up an authenticator app to continue."),
        )
        return redirect("mfa_activate_totp")

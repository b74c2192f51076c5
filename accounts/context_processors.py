"""What every page needs to know about the viewer's second factor, computed only if a template asks."""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.middleware import MFA_NEXT_SESSION_KEY, has_totp


def mfa(request):
    user = getattr(request, "user", None)
    return {
        "mfa_development_notice": SimpleLazyObject(lambda: not _on_mfa_page(request) and mfa_development_notice(user)),
        "mfa_continue_url": SimpleLazyObject(lambda: mfa_continue_url(request)),
    }


def _on_mfa_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and (match.url_name or "").startswith("mfa_"))


def mfa_development_notice(user) -> bool:
    """True for staff without an authenticator on a development run (DEBUG) that does not enforce MFA.

    Production enforces it (accounts.middleware), so there the banner is never needed; on a development
    run it says that production will ask for it. Tied to DEBUG so that the test suite (DEBUG off,
    enforcement off) keeps its query counts.
    """
    if not settings.DEBUG or settings.MFA_REQUIRED_FOR_STAFF:
        return False
    if user is None or not (user.is_authenticated and user.is_staff):
        return False
    return not has_totp(user)


def mfa_continue_url(request) -> str:
    """Where the recovery-codes page leads on: the page the user was sent away from, else their start page."""
    target = request.session.get(MFA_NEXT_SESSION_KEY, "") if hasattr(request, "session") else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return reverse("exchanges:dashboard")
    return reverse("home")

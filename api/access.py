"""Who may hold API tokens. What a token reads is its owner's business: the apps' own access rules."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from api.models import ApiToken
from cities.access import is_manager


def can_hold_tokens(user) -> bool:
    """Staff and city coordinators (DESIGN: those who feed websites and keep lists for funders)."""
    return user.is_authenticated and user.is_active and is_manager(user)


def require_token_holder(user) -> None:
    if not can_hold_tokens(user):
        raise Http404


def get_own_token_or_404(user, pk: int) -> ApiToken:
    """One of the user's own active tokens, else Http404."""
    require_token_holder(user)
    return get_object_or_404(ApiToken.objects.filter(user=user, revoked_at__isnull=True), pk=pk)

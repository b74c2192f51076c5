"""Making, checking and revoking personal API tokens."""

import hashlib
import hmac
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from api.models import ApiToken

logger = logging.getLogger("exchange_portal.security")

TOKEN_START = "ep_"  # noqa: S105 - the public start of every token, not a secret
# last_used_at is written at most this often per token: a busy script does not write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenError(Exception):
    """A token that is not one of ours, or revoked, or whose owner may no longer sign in."""


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__("rate limited")
        self.retry_after = retry_after


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user`` and its secret, which is shown once and never stored."""
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():  # 4 billion prefixes: a clash is rare, never fatal
        prefix = secrets.token_hex(4)
    secret = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(user=user, name=name.strip(), prefix=prefix, digest=token_digest(secret))
    return token, secret


def token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke the token at once: the next request that presents it is refused. Idempotent."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(*, secret: str) -> ApiToken:
    """The active token with this secret, its user loaded; marks it used.

    Raises TokenError for a malformed, unknown or revoked token or an inactive owner.
    """
    parts = secret.split("_")
    if len(parts) < 3 or not secret.startswith(TOKEN_START):
        raise TokenError
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1], revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.digest, token_digest(secret)) or not token.user.is_active:
        raise TokenError
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def token_rate_check(*, token: ApiToken, now=None) -> None:
    """Count one request against the token's allowance for the current minute.

    Raises RateLimited past ``API_RATE_LIMIT_PER_MINUTE``. When the cache cannot be reached the request
    is let through (and logged): a read-only API stays up rather than refusing everyone.
    """
    limit = settings.API_RATE_LIMIT_PER_MINUTE
    if not limit:
        return
    now = now or timezone.now()
    window = int(now.timestamp()) // 60
    key = f"api-rate:{token.pk}:{window}"
    try:
        count = 1 if cache.add(key, 1, timeout=90) else cache.incr(key)
    except Exception:  # any cache failure: fail open, the API is read-only
        logger.warning("API rate limit not checked for token %s: the cache is unavailable", token.pk, exc_info=True)
        return
    if count > limit:
        raise RateLimited(retry_after=60 - int(now.timestamp()) % 60)

"""A Redis cache that keeps the portal answering while Redis is away.

The cache holds the login rate-limit counters (django-allauth), the personal feeds' bodies and little
else: nothing a page cannot do without for a while. With Django's RedisCache a Redis outage turns every
login into a 500 (ConnectionError from the rate limiter). This backend logs the outage and falls back to
this process's memory, so the rate limits still count, per process, until Redis is back. The health
check (core.views.healthz) does not go through it: it still answers 503 while the broker is away.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("exchange_portal.cache")

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError, OSError)
LOG_EVERY_SECONDS = 60
# One fallback per process, shared by the cache objects of every thread (LocMemCache shares by name).
_fallback = LocMemCache("exchange-portal-redis-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
_last_logged = 0.0


def _log_outage(operation: str, exc: Exception) -> None:
    global _last_logged
    now = time.monotonic()
    if now - _last_logged >= LOG_EVERY_SECONDS:
        _last_logged = now
        logger.error(
            "The Redis cache is unreachable (%s on %s): using this process's memory until it is back "
            "(login rate limits now count per process).",
            exc.__class__.__name__,
            operation,
        )


def _fail_safe(name: str):
    def method(self, *args, **kwargs):
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except OUTAGE_ERRORS as exc:
            _log_outage(name, exc)
            return getattr(_fallback, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = f"RedisCache.{name}, or this process's memory while Redis is away."
    return method


class FailSafeRedisCache(RedisCache):
    """Django's RedisCache whose reads and writes fall back to process memory (and log) when Redis fails."""


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(FailSafeRedisCache, _name, _fail_safe(_name))


def fallback_clear() -> None:
    """Forget what the in-process fallback holds (tests: one outage test's counters must not reach the next)."""
    _fallback.clear()

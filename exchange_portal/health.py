"""The health check. It asks the project's Celery app about the broker, so it lives with the project
(above every app), not in core."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from exchange_portal.celery import app


@never_cache
def healthz(request):
    """Liveness for load balancers and compose: the database answers; the broker too when configured.

    The body names each check and, on failure, only the exception's class: no
    host names, URLs, credentials or messages reach an anonymous caller.
    """
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {exc.__class__.__name__}"
    if settings.CELERY_BROKER_URL:
        try:
            # The URL from settings (not the app's cached configuration), one immediate retry and short
            # timeouts: a health check must answer well within the orchestrator's own timeout.
            with app.connection_for_write(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
                conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
            checks["broker"] = "ok"
        except Exception as exc:  # noqa: BLE001
            checks["broker"] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)

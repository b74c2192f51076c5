import logging

from django.apps import AppConfig
from django.conf import settings

logger = logging.getLogger("exchange_portal")


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core import checks  # noqa: F401 - registers the deploy checks
        from core.i18n import remember_language_at_login

        user_logged_in.connect(remember_language_at_login, dispatch_uid="core.remember_language_at_login")
        if settings.CELERY_TASK_ALWAYS_EAGER:
            logger.info("CELERY_BROKER_URL is not set: background tasks run in-process.")
        else:
            logger.info("Background tasks go to the Celery broker.")

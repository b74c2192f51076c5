import logging

from django.apps import AppConfig
from django.conf import settings

logger = logging.getLogger("exchange_portal")


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            logger.info("CELERY_BROKER_URL is not set: background tasks run in-process.")
        else:
            logger.info("Background tasks go to the Celery broker.")

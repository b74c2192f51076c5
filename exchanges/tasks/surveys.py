"""Periodic task: the feedback surveys of exchanges that ended. Scheduled by CELERY_BEAT_SCHEDULE in settings."""

from celery import shared_task

from exchanges.services.surveys import surveys_send


@shared_task(name="exchanges.send_surveys")
def send_surveys() -> int:
    return surveys_send()

"""Periodic task: follow-up check-ins with the owners of open actions. Scheduled by CELERY_BEAT_SCHEDULE."""

from celery import shared_task
from django.utils import timezone

from exchanges.services.check_ins import next_step_check_ins_send


@shared_task(name="exchanges.send_check_ins")
def send_check_ins() -> int:
    return next_step_check_ins_send(today=timezone.localdate())

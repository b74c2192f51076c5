"""Periodic task: next-step reminders. Scheduled by CELERY_BEAT_SCHEDULE in settings."""

from celery import shared_task
from django.utils import timezone

from exchanges.services.next_steps import next_step_reminders_send


@shared_task(name="exchanges.send_next_step_reminders")
def send_next_step_reminders() -> int:
    return next_step_reminders_send(today=timezone.localdate())

"""Periodic task: the feedback surveys of exchanges that ended. Scheduled by CELERY_BEAT_SCHEDULE in settings."""

from celery import shared_task

from exchanges.services.surveys import before_survey_send, surveys_send


@shared_task(name="exchanges.send_surveys")
def send_surveys() -> int:
    return surveys_send()


@shared_task(name="exchanges.send_before_survey", ignore_result=True)
def send_before_survey(*, membership_id: int) -> bool:
    """A delegate just added to an upcoming exchange: their notice with the "before" survey link."""
    return before_survey_send(membership_id=membership_id)

"""Celery tasks of the reports app: thin wrappers that take ids and call services."""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from reports import services

# Transient failures worth another try: the database or the file storage (a network disk, S3) hiccuping.
TRANSIENT_ERRORS = (DatabaseError, OSError, ConnectionError)


@shared_task(
    bind=True,
    name="reports.render_pdf",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.REPORT_RENDER_TIME_LIMIT,
    time_limit=settings.REPORT_RENDER_TIME_LIMIT + services.HARD_LIMIT_MARGIN,
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=3,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    ignore_result=True,
)
def render_pdf(self, *, job_id: int) -> None:
    """Render one RenderJob's PDF. Safe to run twice: a finished job is left alone."""
    try:
        services.render_job_run(job_id=job_id)
    except TRANSIENT_ERRORS:
        if self.request.retries >= self.max_retries:
            services.render_job_give_up(job_id=job_id)
        raise


@shared_task(name="reports.sweep_stale_jobs", ignore_result=True)
def sweep_stale_jobs() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): send again the render jobs that no worker would otherwise run."""
    return len(services.render_jobs_sweep())


@shared_task(name="reports.send_release_reminders", ignore_result=True)
def send_release_reminders() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE, daily): recall pending sign-off requests to the approvers who have not
    answered, every REMINDER_EVERY_DAYS days; each period's reminder is claimed in the database, so it goes once."""
    return services.release_reminders_send(today=timezone.localdate())

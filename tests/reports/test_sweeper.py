"""Dispatching render jobs when the broker is away, and the sweeper that sends stale jobs again.

The broker is a closed local port (nothing listens there), so these run without Redis; the drills in
test_drills.py do the same against Redis and a worker process.
"""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from reports import services
from reports.models import RenderJob
from reports.tasks import sweep_stale_jobs
from tests.reports.drill import broker_away

pytestmark = pytest.mark.django_db
GENERATE_URL = "/exchanges/dakar-montreal-2017/report/pdf/"


def _job(drafted, **fields) -> RenderJob:
    job = RenderJob.objects.create(
        exchange=drafted.exchange, report=drafted, report_version=drafted.version, content_hash="x" * 64
    )
    RenderJob.objects.filter(pk=job.pk).update(**fields)
    job.refresh_from_db()
    return job


def test_generate_with_the_broker_away_answers_at_once_and_keeps_the_job_queued(
    login, drafted, caplog, django_capture_on_commit_callbacks
):
    client = login("coordinator@example.org")

    with (
        broker_away(),
        caplog.at_level(logging.WARNING, logger="reports.services"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(GENERATE_URL, HTTP_HX_REQUEST="true")

    job = RenderJob.objects.get()
    assert response.status_code == 200
    assert "Queued: waiting for a worker to start the PDF…" in response.content.decode()
    assert job.status == RenderJob.Status.QUEUED and job.dispatched_at is None and job.attempts == 0
    assert f"Render job {job.pk} stays queued: the broker could not be reached" in caplog.text


def test_dispatch_notes_when_the_task_reached_the_workers(drafted):
    job = _job(drafted)

    sent = services.render_job_dispatch(job_id=job.pk)  # in-process here: the job runs at once

    job.refresh_from_db()
    assert sent and job.dispatched_at is not None and job.status == RenderJob.Status.DONE


def test_sweeper_sends_jobs_that_no_worker_would_run_and_leaves_the_others(drafted, settings):
    now = timezone.now()
    hard_limit = settings.REPORT_RENDER_TIME_LIMIT + services.HARD_LIMIT_MARGIN
    never_sent = _job(drafted, created_at=now - timedelta(minutes=1))
    just_asked = _job(drafted, created_at=now)
    sent_lately = _job(drafted, created_at=now - timedelta(minutes=5), dispatched_at=now - timedelta(minutes=5))
    lost = _job(drafted, created_at=now - timedelta(hours=1), dispatched_at=now - timedelta(hours=1))
    running = _job(drafted, status="running", attempts=1, started_at=now - timedelta(seconds=30))
    abandoned = _job(drafted, status="running", attempts=1, started_at=now - timedelta(seconds=hard_limit + 60))
    done = _job(drafted, status="done", created_at=now - timedelta(hours=1))

    with broker_away():
        sent_while_away = services.render_jobs_sweep()
    still_queued = RenderJob.objects.get(pk=never_sent.pk)
    sent = sweep_stale_jobs.delay().get()  # in-process here: the jobs sent run at once

    assert sent_while_away == [] and still_queued.status == "queued" and still_queued.dispatched_at is None
    assert sent == 3
    statuses = dict(RenderJob.objects.values_list("pk", "status"))
    assert statuses[never_sent.pk] == statuses[lost.pk] == statuses[abandoned.pk] == "done"
    assert statuses[just_asked.pk] == statuses[sent_lately.pk] == "queued"
    assert statuses[running.pk] == "running" and statuses[done.pk] == "done"


def test_sweeper_fails_a_job_whose_worker_was_lost_too_often(drafted, settings):
    started = timezone.now() - timedelta(seconds=settings.REPORT_RENDER_TIME_LIMIT + services.HARD_LIMIT_MARGIN + 60)
    job = _job(drafted, status="running", attempts=services.MAX_ATTEMPTS, started_at=started)

    services.render_jobs_sweep()

    job.refresh_from_db()
    assert job.status == RenderJob.Status.FAILED and job.error == RenderJob.Error.WORKER_LOST

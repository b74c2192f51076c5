"""Reliability drills (issue 9): failures rehearsed against PostgreSQL, Redis and real worker processes.

- A worker SIGKILLed in the middle of a render, then a new worker: the job ends done once, with one file.
- The broker unreachable when someone asks for a PDF: the page answers and says the job waits; the job
  row stays queued; the periodic sweeper sends it again once the broker is back, and it completes.
- The database connection dropped in the middle of a report save: no earlier version is lost.

They need PostgreSQL (the worker is another process, so the test database must be a server) and Redis:
run them with DATABASE_URL and CELERY_BROKER_URL set. They skip without them, and fail under CI=true.
"""

import logging
import time

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from conftest import require
from exchange_portal.celery import app as project_app
from reports import services
from reports.models import RenderJob, Report, ReportVersion
from tests.reports.drill import broker_away, stored_pdfs, wait_for, worker_process
from tests.reports.helpers import pdf_text

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
SLUG = "dakar-montreal-2017"
GENERATE_URL = f"/exchanges/{SLUG}/report/pdf/"
SECTION_URL = f"/exchanges/{SLUG}/report/sections/summary/"
HTMX = {"HTTP_HX_REQUEST": "true"}
# A few seconds instead of production's hour, so that Redis hands back what a killed worker held.
VISIBILITY_TIMEOUT = 4


def _require_services(settings):
    require(connection.vendor == "postgresql", "the drills need PostgreSQL: set DATABASE_URL")
    require(settings.CELERY_BROKER_URL.startswith("redis://"), "the drills need Redis: set CELERY_BROKER_URL")


@pytest.fixture
def real_broker(settings):
    """This process publishes to the real broker (not in-process); the queue starts and ends empty."""
    _require_services(settings)
    project_app.conf.task_always_eager = False  # the autouse fixture of conftest.py puts it back
    project_app.control.purge()
    yield project_app
    project_app.control.purge()


@pytest.fixture
def long_report():
    """The demo report with a summary long enough (~80 pages) to take several seconds to render."""
    from exchanges.demo import load_demo

    exchange = load_demo()
    staff = get_user_model().objects.get(email="staff@example.org")
    report = services.report_draft(report=services.report_get_or_create(exchange=exchange), user=staff)
    paragraph = "The delegations compared how each city keeps young people out of violence and what it costs. " * 6
    text = "\n\n".join(f"**Finding {number}.** {paragraph}" for number in range(900))
    return services.report_save_section(
        report=report, section="summary", text=report.summary + "\n\n" + text, base_version=report.version, user=staff
    )


def _coordinator_client() -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(email="coordinator@example.org"))
    return client


def test_kill_drill_a_worker_killed_mid_render_is_replaced_and_the_job_ends_done_once(
    real_broker, long_report, tmp_path
):
    client = _coordinator_client()
    with worker_process(tmp_path, "first", CELERY_VISIBILITY_TIMEOUT=VISIBILITY_TIMEOUT) as first:
        client.post(GENERATE_URL, **HTMX)
        job = RenderJob.objects.get()
        wait_for(
            job, lambda j: j.status == "running" and j.progress >= 25, timeout=90, what="got mid-way", worker=first
        )

        first.kill()  # the main process and the child rendering, at once: nothing is acknowledged

    job.refresh_from_db()
    assert job.status == RenderJob.Status.RUNNING and job.attempts == 1
    assert stored_pdfs() == []

    started = time.monotonic()
    with worker_process(tmp_path, "second", CELERY_VISIBILITY_TIMEOUT=VISIBILITY_TIMEOUT) as second:
        wait_for(job, lambda j: j.status == "done", timeout=180, what="finished", worker=second)
        recovered = time.monotonic() - started
        finished_at = job.finished_at
        # Any second delivery of the same task (Redis hands it back every few seconds here) must change nothing.
        time.sleep(VISIBILITY_TIMEOUT * 2 + 2)
        job.refresh_from_db()
        log = second.output()

    files = stored_pdfs()
    assert job.status == RenderJob.Status.DONE and job.error == "" and job.progress == 100
    assert job.attempts == 2, "killed once, run to the end once"
    assert job.finished_at == finished_at
    assert len(files) == 1 and files[0].name == job.file.name.rsplit("/", 1)[-1]
    assert "Finding 899." in pdf_text(files[0].read_bytes())
    assert "reports.render_pdf" in log
    print(f"kill drill: the new worker finished the job {recovered:.1f} s after it started")


def test_broker_away_the_job_waits_queued_and_the_sweeper_sends_it_when_the_broker_is_back(
    real_broker, long_report, tmp_path, caplog
):
    client = _coordinator_client()

    with broker_away(), caplog.at_level(logging.WARNING, logger="reports.services"):
        started = time.monotonic()
        response = client.post(GENERATE_URL, **HTMX)
        answered = time.monotonic() - started
    page = client.get(f"/exchanges/{SLUG}/report/").content.decode()
    job = RenderJob.objects.get()

    assert response.status_code == 200 and answered < 5, f"answered {response.status_code} in {answered:.1f} s"
    assert "Queued: waiting for a worker to start the PDF…" in response.content.decode()
    assert "Queued: waiting for a worker to start the PDF…" in page
    assert job.status == RenderJob.Status.QUEUED and job.dispatched_at is None and job.attempts == 0
    assert f"Render job {job.pk} stays queued: the broker could not be reached" in caplog.text

    # The broker is back: a worker with its beat runs the sweeper every 2 s.
    with worker_process(tmp_path, "swept", beat=True, REPORT_SWEEP_INTERVAL=2, REPORT_DISPATCH_GRACE=1) as worker:
        wait_for(job, lambda j: j.status == "done", timeout=180, what="finished", worker=worker)
        log = worker.output()

    assert job.dispatched_at is not None and job.attempts == 1
    assert len(stored_pdfs()) == 1
    assert "reports.sweep_stale_jobs" in log and f"Sending render job {job.pk} again" in log
    print(f"broker drill: the page answered in {answered:.2f} s with the broker away")


def _terminate_on_insert(table: str):
    """An execute wrapper that, when the request writes to ``table``, has another connection end this
    connection's PostgreSQL backend first (as a database restart or a network cut would)."""

    def wrapper(execute, sql, params, many, context):
        if sql.startswith(f'INSERT INTO "{table}"'):
            pid = context["connection"].connection.info.backend_pid
            db = connection.settings_dict
            with psycopg.connect(
                host=db["HOST"] or "127.0.0.1",
                port=db["PORT"] or 5432,
                user=db["USER"],
                password=db["PASSWORD"] or None,
                dbname=db["NAME"],
                autocommit=True,
            ) as other:
                # Wait (up to 5 s) until the backend is gone.
                assert other.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()[0]
        return execute(sql, params, many, context)

    return wrapper


def test_database_drop_mid_save_keeps_every_earlier_version_and_says_so(settings, long_report):
    _require_services(settings)
    report = Report.objects.get()
    before = list(ReportVersion.objects.order_by("number").values())
    client = _coordinator_client()
    client.raise_request_exception = False

    with connection.execute_wrapper(_terminate_on_insert("reports_reportversion")):
        response = client.post(
            SECTION_URL, {"text": "A new summary that was never saved.", "base_version": report.version}
        )

    body = response.content.decode()
    assert response.status_code == 503
    assert "Not saved: the database did not answer." in body
    assert "A new summary that was never saved." in body, "the text typed is given back"
    report.refresh_from_db()
    assert "A new summary" not in report.summary and report.version == before[-1]["number"]
    assert list(ReportVersion.objects.order_by("number").values()) == before
    # Saving again, once the database answers, works and keeps the earlier versions.
    client.post(SECTION_URL, {"text": "The summary, saved.", "base_version": report.version})
    assert ReportVersion.objects.count() == len(before) + 1
    assert Report.objects.get().summary == "The summary, saved."

import pytest
from django.contrib.auth import get_user_model

from reports import services
from reports.models import RenderJob
from reports.tasks import render_pdf
from tests.reports.helpers import pdf_link_uris, pdf_text

pytestmark = pytest.mark.django_db
REPORT_URL = "/exchanges/dakar-montreal-2017/report/"
GENERATE_URL = "/exchanges/dakar-montreal-2017/report/pdf/"
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_generate_returns_at_once_with_a_queued_job_polled_by_htmx(login, drafted):
    client = login("coordinator@example.org")

    response = client.post(GENERATE_URL, **HTMX)  # on_commit callbacks do not run: nothing has started yet

    job = RenderJob.objects.get()
    assert job.status == RenderJob.Status.QUEUED
    assert job.requested_by.email == "coordinator@example.org"
    assert job.report_version == drafted.version and len(job.content_hash) == 64
    fragment = response.content.decode()
    assert "Queued" in fragment
    assert f'hx-get="/reports/jobs/{job.pk}/"' in fragment and 'hx-trigger="every 1s"' in fragment
    assert '<progress class="progress" max="100" value="0"' in fragment


def test_running_job_shows_its_progress_and_keeps_polling(login, drafted):
    client = login("coordinator@example.org")
    client.post(GENERATE_URL, **HTMX)
    job = RenderJob.objects.get()
    # What a worker's progress callback writes half-way through a render.
    RenderJob.objects.filter(pk=job.pk).update(status=RenderJob.Status.RUNNING, progress=40)

    fragment = client.get(f"/reports/jobs/{job.pk}/", **HTMX).content.decode()
    page = client.get(REPORT_URL).content.decode()

    assert "Making the PDF… 40%" in fragment
    assert 'value="40"' in fragment and 'hx-trigger="every 1s"' in fragment
    assert "Making the PDF… 40%" in page


def test_done_job_offers_the_download_and_stops_polling(login, drafted, django_capture_on_commit_callbacks):
    client = login("coordinator@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(GENERATE_URL, **HTMX)
    job = RenderJob.objects.get()
    fragment = client.get(f"/reports/jobs/{job.pk}/", **HTMX).content.decode()
    download = client.get(f"/reports/files/{job.pk}/download/")

    assert job.status == RenderJob.Status.DONE and job.progress == 100
    assert job.started_at <= job.finished_at
    assert "Download PDF" in fragment and "hx-trigger" not in fragment
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="dakar-montreal-2017-summary-report-en.pdf"'
    data = b"".join(download.streaming_content)
    assert "DAKAR-MONTRÉAL CITY EXCHANGE: SUMMARY REPORT" in pdf_text(data)
    assert "https://spvm.qc.ca/" in pdf_link_uris(data)


def test_failed_job_shows_the_error_and_try_again(login, drafted, settings, django_capture_on_commit_callbacks):
    settings.REPORT_RENDER_TIME_LIMIT = 0.000001  # every render is over its time limit
    client = login("coordinator@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(GENERATE_URL, **HTMX)
    job = RenderJob.objects.get()
    fragment = client.get(f"/reports/jobs/{job.pk}/", **HTMX).content.decode()
    page = client.get(REPORT_URL).content.decode()

    assert job.status == RenderJob.Status.FAILED and job.error == RenderJob.Error.TOO_LONG
    assert not job.file
    assert "The PDF took too long to make and was stopped." in fragment
    assert "Try again" in fragment and 'action="/exchanges/dakar-montreal-2017/report/en/pdf/"' in fragment
    assert "hx-trigger" not in fragment
    assert "Try again" in page


def test_try_again_after_a_failure_renders_a_new_job(login, drafted, settings, django_capture_on_commit_callbacks):
    settings.REPORT_RENDER_TIME_LIMIT = 0.000001
    client = login("coordinator@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(GENERATE_URL)
    settings.REPORT_RENDER_TIME_LIMIT = 60

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(GENERATE_URL)

    failed, done = RenderJob.objects.order_by("pk")
    assert failed.status == RenderJob.Status.FAILED
    assert done.status == RenderJob.Status.DONE
    assert response["Location"] == f"/reports/jobs/{done.pk}/"


def test_same_content_reuses_the_finished_pdf(login, drafted, django_capture_on_commit_callbacks):
    client = login("coordinator@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(GENERATE_URL)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(GENERATE_URL)

    assert callbacks == []  # nothing queued: no second render
    assert RenderJob.objects.count() == 1


def test_edited_content_renders_again(login, drafted, django_capture_on_commit_callbacks):
    client = login("coordinator@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(GENERATE_URL)
    staff = get_user_model().objects.get(email="staff@example.org")
    services.report_save_section(
        report=drafted, section="next_steps", text="Meet again in Dakar.", base_version=drafted.version, user=staff
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(GENERATE_URL)

    first, second = RenderJob.objects.order_by("pk")
    assert first.content_hash != second.content_hash
    assert second.status == RenderJob.Status.DONE and second.file.name != first.file.name
    assert "Meet again in Dakar." in pdf_text(second.file.read())


def test_task_is_idempotent_for_a_finished_job(drafted, django_capture_on_commit_callbacks):
    staff = get_user_model().objects.get(email="staff@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.render_job_request(exchange=drafted.exchange, kind="report", report=drafted, user=staff)
    job.refresh_from_db()
    finished = (job.status, job.file.name, job.finished_at, job.attempts)

    render_pdf.delay(job_id=job.pk)
    render_pdf.delay(job_id=999_999)  # gone: returns quietly

    job.refresh_from_db()
    assert (job.status, job.file.name, job.finished_at, job.attempts) == finished


def test_job_redelivered_after_too_many_attempts_fails_cleanly(drafted):
    staff = get_user_model().objects.get(email="staff@example.org")
    job = services.render_job_request(exchange=drafted.exchange, kind="report", report=drafted, user=staff)
    RenderJob.objects.filter(pk=job.pk).update(status=RenderJob.Status.RUNNING, attempts=services.MAX_ATTEMPTS)

    render_pdf.delay(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == RenderJob.Status.FAILED and job.error == RenderJob.Error.WORKER_LOST


def test_agenda_pdf_lists_the_sessions_in_montreal_time(login, demo, django_capture_on_commit_callbacks):
    client = login("delegate@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/exchanges/dakar-montreal-2017/report/agenda-pdf/")

    job = RenderJob.objects.get()
    assert response["Location"] == f"/reports/jobs/{job.pk}/"
    assert job.kind == RenderJob.Kind.AGENDA and job.status == RenderJob.Status.DONE
    text = pdf_text(b"".join(client.get(f"/reports/files/{job.pk}/download/").streaming_content))
    assert "Roundtables with the Ville de Montréal" in text
    assert "08:30" in text and "Times are in Montréal time" in text
    assert "Maye Seck" in text


def test_job_page_without_htmx_is_a_full_page(login, drafted):
    client = login("coordinator@example.org")
    client.post(GENERATE_URL)
    job = RenderJob.objects.get()

    page = client.get(f"/reports/jobs/{job.pk}/").content.decode()

    assert "<html" in page and "Summary report PDF" in page and "Queued" in page

"""A real Celery worker (in a thread, on Redis when CELERY_BROKER_URL is set, else the in-memory broker)."""

import time

import pytest
from django.contrib.auth import get_user_model

from reports import services
from reports.models import RenderJob
from tests.reports.helpers import pdf_link_uris, pdf_text


def _wait_for(job: RenderJob, timeout: float = 30) -> RenderJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if not job.is_pending:
            return job
        # Not faster: on SQLite the worker thread shares the test's in-memory database, whose table locks do
        # not wait, so each read here is a chance that the worker's write fails with "table is locked" and
        # the render is retried (seen once under load: attempts == 2).
        time.sleep(0.5)
    raise AssertionError(f"job {job.pk} still {job.status} after {timeout} s")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_worker_renders_the_demo_report_to_a_pdf(celery_worker, client):
    from exchanges.demo import load_demo

    exchange = load_demo()
    staff = get_user_model().objects.get(email="staff@example.org")
    report = services.report_draft(report=services.report_get_or_create(exchange=exchange), user=staff)
    client.force_login(get_user_model().objects.get(email="coordinator@example.org"))

    response = client.post("/exchanges/dakar-montreal-2017/report/pdf/", HTTP_HX_REQUEST="true")
    job = _wait_for(RenderJob.objects.get())

    assert 'id="render-job"' in response.content.decode()
    assert job.status == RenderJob.Status.DONE, job.error
    assert job.report_version == report.version and job.attempts == 1
    data = b"".join(client.get(f"/reports/files/{job.pk}/download/").streaming_content)
    text = pdf_text(data)
    assert "DAKAR-MONTRÉAL CITY EXCHANGE: SUMMARY REPORT" in text
    for heading in ("Introduction", "Aims and objectives", "Summary", "Next steps"):
        assert heading in text
    assert "RÉSAL" in text and "Saint-Pierre" in text
    assert {"https://spvm.qc.ca/", "https://cipc-icpc.org/"} <= pdf_link_uris(data)

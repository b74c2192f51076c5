"""A release keeps "What participants said" (issue 19): when the report includes the feedback section, publishing
freezes its text and chart on the release, so the release PDF has them as they read on the release day, whatever
the answers become later."""

import pytest
from django.contrib.auth import get_user_model

from exchanges.models import SurveyAnswer, SurveyResponse
from reports import services
from reports.models import RenderJob, ReportRelease
from reports.rendering import release_source
from reports.services import render_job_run
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return get_user_model().objects.get(email="staff@example.org")


def _publish(report, staff, django_capture_on_commit_callbacks, *, include_feedback):
    report = services.report_update_settings(
        report=report, language="en", include_annex=False, include_feedback=include_feedback, user=staff
    )
    report.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        return services.release_publish(report=report, by=staff, without_sign_off_reason="Agreed at the meeting.")


def _release_pdf(release) -> str:
    job = RenderJob.objects.filter(kind=RenderJob.Kind.RELEASE, release=release).order_by("-pk").first()
    job.refresh_from_db()
    if job.status != RenderJob.Status.DONE:
        render_job_run(job_id=job.pk)
        job.refresh_from_db()
    assert job.status == RenderJob.Status.DONE, job.error
    with job.file.open("rb") as handle:
        return " ".join(pdf_text(handle.read()).split())


def test_a_release_freezes_the_feedback_section_and_its_chart_in_its_pdf(
    drafted, staff, django_capture_on_commit_callbacks
):
    release = _publish(drafted, staff, django_capture_on_commit_callbacks, include_feedback=True)
    # After the release the answers change (here: they are all gone); the release still reads as it was.
    SurveyAnswer.objects.all().delete()
    SurveyResponse.objects.all().delete()
    release = ReportRelease.objects.get(pk=release.pk)

    html = release_source(release).html
    text = _release_pdf(release)

    assert release.feedback_heading == "What participants said"
    assert "3 of the 4 delegates answered the feedback survey (75 %)" in release.feedback_text
    assert release.feedback_chart.startswith("<svg")
    assert 'id="section-feedback"' in html and "<svg" in html.split('id="section-feedback"')[1]
    assert "What participants said" in text
    assert "3 of the 4 delegates answered the feedback survey (75 %)" in text
    assert "Bars: how far the exchange met each objective" in text  # the chart's caption beside it


def test_a_release_of_a_report_without_the_section_has_none(drafted, staff, django_capture_on_commit_callbacks):
    release = _publish(drafted, staff, django_capture_on_commit_callbacks, include_feedback=False)

    text = _release_pdf(release)

    assert (release.feedback_heading, release.feedback_text, release.feedback_chart) == ("", "", "")
    assert "What participants said" not in text

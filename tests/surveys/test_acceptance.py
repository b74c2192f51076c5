"""Issue 19's acceptance, with a real worker: the survey goes out when the exchange ends, answers move the
scores and chart, and the drafted "What participants said" section with its chart is in the report PDF."""

import re
import time
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail

from exchanges.models import SurveyResponse
from exchanges.tasks import send_surveys
from reports import services as report_services
from reports.models import RenderJob
from tests.factories import (
    CityFactory,
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    ObjectiveFactory,
    PersonFactory,
    StaffFactory,
)
from tests.reports.helpers import pdf_text

# 19 October 2017, 14:00 UTC: the day after the exchange, 10:00 in Montréal and 14:00 in Dakar.
AFTER_END = datetime(2017, 10, 19, 14, 0, tzinfo=UTC)


def _wait_for(job: RenderJob, timeout: float = 60) -> RenderJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if not job.is_pending:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job.pk} still {job.status}")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_ending_an_exchange_sends_the_survey_and_answers_reach_the_report_pdf(celery_worker, client):
    montreal = CityFactory(name="Montréal", time_zone="America/Toronto")
    exchange = ExchangeFactory(host_city=montreal, start_date=date(2017, 10, 16), end_date=date(2017, 10, 18))
    first = ObjectiveFactory(exchange=exchange, position=1, lead_en="Sharing tools", lead_fr="Partager des outils")
    ObjectiveFactory(exchange=exchange, position=2, lead_en="A partnership", lead_fr="Un partenariat")
    dakar = DelegationFactory(exchange=exchange, city=CityFactory(name="Dakar", time_zone="Africa/Dakar"))
    host = DelegationFactory(exchange=exchange, city=montreal, role="host")
    MembershipFactory(delegation=dakar, person=PersonFactory(city=dakar.city, language="fr", email="maye@example.org"))
    MembershipFactory(delegation=host, person=PersonFactory(city=montreal, language="en", email="jo@example.org"))
    staff = StaffFactory()

    # The beat task, run by the worker once the exchange has ended, then again an hour later.
    with time_machine.travel(AFTER_END, tick=True):
        sent = send_surveys.delay().get(timeout=30)
    with time_machine.travel(AFTER_END.replace(hour=15), tick=True):
        again = send_surveys.delay().get(timeout=30)
        by_recipient = {message.to[0]: message for message in mail.outbox}
        link = re.search(r"http\S+/surveys/\S+/", by_recipient["maye@example.org"].body).group(0)
        answered = client.post(
            urlsplit(link).path,
            {f"met_{first.pk}": "4", f"before_{first.pk}": "2", f"after_{first.pk}": "5", "named": ""},
        )
        client.force_login(staff)
        page = client.get(exchange.get_absolute_url()).content.decode()
        report = report_services.report_get_or_create(exchange=exchange)
        report.include_feedback = True
        report.save()
        client.post(f"/exchanges/{exchange.slug}/report/pdf/", HTTP_HX_REQUEST="true")
        job = _wait_for(RenderJob.objects.get(kind=RenderJob.Kind.REPORT))
        data = b"".join(client.get(f"/reports/files/{job.pk}/download/").streaming_content)

    assert (sent, again) == (2, 0)
    assert by_recipient["maye@example.org"].subject.startswith("Votre avis sur")
    assert by_recipient["jo@example.org"].subject.startswith("Your feedback on")
    assert answered.status_code == 302
    assert SurveyResponse.objects.filter(submitted_at__isnull=False).count() == 1
    panel = page.split('id="survey-heading"')[1]
    assert "Response rate: 50 % (1 of 2 delegates)." in panel
    assert "<td>4.0</td><td>2.0</td><td>5.0</td><td>+3.0</td>" in panel.replace("\n", "")
    assert '<rect x="300" y="28" width="320" height="14"' in panel  # the bar of a mean of 4 on a scale to 5
    assert job.status == RenderJob.Status.DONE, job.error
    text = pdf_text(data)
    assert "What participants said" in text
    assert "1 of the 2 delegates answered the feedback survey (50 %)" in text
    assert "met 4.0; before 2.0, after 5.0" in text
    # The chart is drawn in the PDF: its labels are there beside the list's (and only the chart has the 1–5 scale).
    assert text.count("1. Sharing tools") >= 2
    assert "Bars: how far the exchange met each objective" in text

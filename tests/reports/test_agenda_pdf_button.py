"""The agenda page's "Download PDF": the printable agenda's render job, with the delegation filter's home time."""

import pytest
from django.urls import reverse

from exchanges.models import Delegation, Session
from reports.models import RenderJob
from reports.rendering import pdf_fingerprint
from tests.factories import DelegationFactory
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db
AGENDA_URL = "/exchanges/dakar-montreal-2017/agenda/"
AGENDA_PDF_URL = "/exchanges/dakar-montreal-2017/report/agenda-pdf/"
HTMX = {"HTTP_HX_REQUEST": "true"}


def _dakar(exchange):
    return Delegation.objects.get(exchange=exchange, city__name="Dakar")


def test_agenda_page_offers_the_pdf_polled_with_htmx(login, demo):
    client = login("delegate@example.org")

    page = client.get(AGENDA_URL).content.decode()

    assert f'hx-post="{AGENDA_PDF_URL}" hx-target="#render-job"' in page
    assert ">Download PDF</button>" in page and 'name="delegation"' not in page.split("agenda-pdf")[1]


def test_agenda_page_with_a_delegation_filter_asks_for_that_delegations_pdf(login, demo):
    client = login("delegate@example.org")
    dakar = _dakar(demo)

    page = client.get(f"{AGENDA_URL}?delegation={dakar.pk}").content.decode()

    assert f'<input type="hidden" name="delegation" value="{dakar.pk}">' in page
    assert ">Download PDF (Dakar delegation)</button>" in page


def test_agenda_pdf_for_a_delegation_shows_its_home_time(login, demo, django_capture_on_commit_callbacks):
    client = login("delegate@example.org")
    dakar = _dakar(demo)

    with django_capture_on_commit_callbacks(execute=True):
        fragment = client.post(AGENDA_PDF_URL, {"delegation": dakar.pk}, **HTMX).content.decode()

    job = RenderJob.objects.get()
    download = client.get(reverse("reports:download", args=[job.pk]))
    text = pdf_text(b"".join(download.streaming_content))
    assert job.delegation == dakar and job.status == RenderJob.Status.DONE
    assert 'filename="dakar-montreal-2017-agenda-dakar-en.pdf"' in download["Content-Disposition"]
    assert "Queued" in fragment and f'hx-get="/reports/jobs/{job.pk}/"' in fragment
    assert "AGENDA OF THE\nDAKAR DELEGATION" in text
    # The roundtable starts at 08:30 in Montréal (UTC-4 in October): 12:30 in Dakar (UTC).
    assert "08:30" in text and "12:30" in text and "Dakar time" in text


def test_agenda_pdf_without_a_delegation_has_no_home_time(login, demo, django_capture_on_commit_callbacks):
    client = login("delegate@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(AGENDA_PDF_URL, **HTMX)

    job = RenderJob.objects.get()
    text = pdf_text(b"".join(client.get(reverse("reports:download", args=[job.pk])).streaming_content))
    assert job.delegation is None
    assert "08:30" in text and "Dakar time" not in text


def test_agenda_pdf_ignores_a_delegation_of_another_exchange(login, demo):
    client = login("delegate@example.org")
    elsewhere = DelegationFactory()

    client.post(AGENDA_PDF_URL, {"delegation": elsewhere.pk}, **HTMX)

    assert RenderJob.objects.get().delegation is None


def test_failed_delegation_agenda_job_tries_again_for_the_same_delegation(login, demo):
    client = login("delegate@example.org")
    dakar = _dakar(demo)
    client.post(AGENDA_PDF_URL, {"delegation": dakar.pk}, **HTMX)
    job = RenderJob.objects.get()
    RenderJob.objects.filter(pk=job.pk).update(status=RenderJob.Status.FAILED)

    fragment = client.get(reverse("reports:job", args=[job.pk]), **HTMX).content.decode()

    assert "Try again" in fragment
    assert f'<input type="hidden" name="delegation" value="{dakar.pk}">' in fragment


def _agenda_fingerprint(exchange, delegation=None):
    return pdf_fingerprint(kind=RenderJob.Kind.AGENDA, exchange=exchange, language="en", delegation=delegation)


def test_each_delegations_agenda_has_its_own_fingerprint(demo):
    dakar = _dakar(demo)
    montreal = Delegation.objects.get(exchange=demo, city__name="Montréal")

    fingerprints = [_agenda_fingerprint(demo, delegation) for delegation in (None, dakar, montreal)]

    assert len(set(fingerprints)) == 3
    assert _agenda_fingerprint(demo, dakar) == fingerprints[1]


def test_who_attends_a_session_changes_a_delegations_fingerprint_only(demo):
    dakar = _dakar(demo)
    montreal = Delegation.objects.get(exchange=demo, city__name="Montréal")
    whole, dakars = _agenda_fingerprint(demo), _agenda_fingerprint(demo, dakar)
    session = Session.objects.filter(exchange=demo).exclude(attending_delegations=montreal).first()

    session.attending_delegations.set([montreal])  # Dakar no longer attends it; the session's row is unchanged

    assert _agenda_fingerprint(demo, dakar) != dakars
    assert _agenda_fingerprint(demo) == whole


def test_the_whole_agenda_pdf_is_never_handed_out_for_a_delegations(login, demo, django_capture_on_commit_callbacks):
    client = login("delegate@example.org")
    dakar = _dakar(demo)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(AGENDA_PDF_URL, **HTMX)
    whole = RenderJob.objects.get()

    client.post(AGENDA_PDF_URL, {"delegation": dakar.pk}, **HTMX)
    client.post(AGENDA_PDF_URL, **HTMX)

    dakars = RenderJob.objects.exclude(pk=whole.pk).get()
    assert whole.status == RenderJob.Status.DONE and whole.delegation is None
    assert dakars.delegation == dakar and dakars.content_hash != whole.content_hash
    assert RenderJob.objects.count() == 2  # the second whole agenda reused the first

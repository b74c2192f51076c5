import pytest
from django.contrib.auth import get_user_model

from cities.models import City
from reports import services
from reports.access import can_edit_report
from reports.models import RenderJob, Report
from tests.factories import CoordinatorFactory

pytestmark = pytest.mark.django_db
BASE = "/exchanges/dakar-montreal-2017/report/"
EDITOR_GETS = [
    f"{BASE}draft/",
    f"{BASE}sections/summary/",
    f"{BASE}settings/",
    f"{BASE}publish/",
    f"{BASE}versions/",
    f"{BASE}versions/1/",
    f"{BASE}versions/1/restore/",
]
EDITOR_GETS += [url.replace(BASE, f"{BASE}en/") for url in EDITOR_GETS] + [f"{BASE}en/copy-into/fr/"]
EDITOR_POSTS = [*EDITOR_GETS]


@pytest.fixture
def rendered(drafted, private_demo, django_capture_on_commit_callbacks):
    """The drafted demo report (of the exchange made private) with a finished PDF job, and a finished agenda job."""
    drafted.exchange.is_public = False
    staff = get_user_model().objects.get(email="staff@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        report_job = services.render_job_request(exchange=drafted.exchange, kind="report", report=drafted, user=staff)
        agenda_job = services.render_job_request(exchange=drafted.exchange, kind="agenda", user=staff)
    return drafted, report_job, agenda_job


def _all_urls(report_job, agenda_job):
    return [
        ("get", BASE),
        *[("get", url) for url in EDITOR_GETS],
        *[("post", url) for url in EDITOR_POSTS],
        ("post", f"{BASE}pdf/"),
        ("post", f"{BASE}en/pdf/"),
        ("get", f"{BASE}en/"),
        ("get", f"{BASE}fr/"),
        ("post", f"{BASE}agenda-pdf/"),
        ("get", f"/reports/jobs/{report_job.pk}/"),
        ("get", f"/reports/files/{report_job.pk}/download/"),
        ("get", f"/reports/jobs/{agenda_job.pk}/"),
        ("get", f"/reports/files/{agenda_job.pk}/download/"),
    ]


def test_outsider_gets_404_on_every_report_job_and_file_url(client, outsider, rendered):
    report, report_job, agenda_job = rendered
    services.report_set_published(report=report, published=True, user=outsider)
    client.force_login(outsider)

    for method, url in _all_urls(report_job, agenda_job):
        response = getattr(client, method)(url)

        assert response.status_code == 404, (method, url)
    release_job = RenderJob.objects.get(kind=RenderJob.Kind.RELEASE)  # queued by publishing release 1
    assert client.get(f"/reports/files/{release_job.pk}/download/").status_code == 404
    assert RenderJob.objects.count() == 3


def test_anonymous_gets_404_on_a_private_exchange_even_when_published(client, rendered):
    report, report_job, agenda_job = rendered
    services.report_set_published(report=report, published=True, user=report.updated_by)

    for method, url in _all_urls(report_job, agenda_job):
        response = getattr(client, method)(url)

        if url in EDITOR_GETS:  # editing pages ask for a login first, for any slug, revealing nothing
            assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
        else:
            assert response.status_code == 404, (method, url)


def test_delegate_cannot_see_a_draft_report_or_its_pdf(login, rendered):
    _report, report_job, _agenda_job = rendered
    client = login("delegate@example.org")

    assert client.get(BASE).status_code == 404
    assert client.get(f"/reports/jobs/{report_job.pk}/").status_code == 404
    assert client.get(f"/reports/files/{report_job.pk}/download/").status_code == 404
    assert client.post(f"{BASE}pdf/").status_code == 404


def test_delegate_downloads_the_published_report_but_cannot_edit(login, rendered):
    report, report_job, _agenda_job = rendered
    services.report_set_published(report=report, published=True, user=report.updated_by)
    release_job = RenderJob.objects.get(kind=RenderJob.Kind.RELEASE)
    services.render_job_run(job_id=release_job.pk)
    client = login("delegate@example.org")

    page = client.get(BASE).content.decode()
    download = client.get(f"/reports/files/{release_job.pk}/download/")

    assert "Download PDF" in page and "Edit Summary" not in page and "Version history" not in page
    assert download["Content-Type"] == "application/pdf"
    # Readers download the release's PDF, never one of the draft (even of the same text).
    assert client.get(f"/reports/files/{report_job.pk}/download/").status_code == 404
    for url in EDITOR_GETS:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    assert client.get(f"{BASE}fr/").status_code == 404  # no French version: nothing to read, nothing to start
    assert Report.objects.count() == 1


def test_readers_cannot_fetch_the_pdf_of_an_older_version(login, rendered):
    report, report_job, _agenda_job = rendered
    staff = get_user_model().objects.get(email="staff@example.org")
    report = services.report_save_section(
        report=report, section="summary", text="Newer.", base_version=report.version, user=staff
    )
    services.report_set_published(report=report, published=True, user=staff)
    client = login("delegate@example.org")

    assert client.get(f"/reports/files/{report_job.pk}/download/").status_code == 404
    assert "Download PDF" not in client.get(BASE).content.decode()


def test_public_exchange_lists_its_published_report_for_anonymous_visitors(client, rendered):
    report, _report_job, _agenda_job = rendered
    report.exchange.is_public = True
    report.exchange.save()
    listing_before = client.get("/reports/").content.decode()
    services.report_set_published(report=report, published=True, user=report.updated_by)

    listing = client.get("/reports/").content.decode()
    page = client.get(BASE).content.decode()

    assert "Dakar–Montréal city exchange" not in listing_before
    assert "Dakar–Montréal city exchange" in listing
    assert "Opening roundtables." in page


def test_coordinator_of_a_visiting_city_edits_the_report(login, demo):
    user = CoordinatorFactory(city=City.objects.get(slug="dakar")).user
    other = CoordinatorFactory().user

    assert can_edit_report(user, demo)
    assert not can_edit_report(other, demo)
    assert not can_edit_report(get_user_model().objects.get(email="delegate@example.org"), demo)

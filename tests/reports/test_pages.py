import pytest
from django.contrib.auth import get_user_model

from reports import services
from reports.models import Report, ReportVersion
from tests.factories import ExchangeFactory

pytestmark = pytest.mark.django_db
BASE = "/exchanges/dakar-montreal-2017/report/"


def test_empty_state_offers_to_draft(login, demo):
    page = login("coordinator@example.org").get(BASE).content.decode()

    assert "No summary report yet" in page and "Draft the report" in page


def test_coordinator_drafts_the_report_from_the_exchange(login, demo):
    client = login("coordinator@example.org")

    response = client.post(f"{BASE}draft/")

    report = Report.objects.get(exchange=demo)
    assert response["Location"] == f"{BASE}en/"
    assert report.version == 1 and report.drafted_at is not None
    assert report.summary.startswith("The exchange began with a series of roundtables")
    page = client.get(BASE).content.decode()
    for heading in ("Introduction", "Aims and objectives", "Summary", "Next steps"):
        assert f">{heading}" in page
    spvm = "Service de Police de la Ville de Montréal"
    assert f'<a href="https://spvm.qc.ca/" rel="noopener noreferrer">{spvm}</a>' in page


def test_redraft_of_an_edited_report_asks_first(login, drafted):
    client = login("coordinator@example.org")
    client.post(f"{BASE}sections/summary/", {"text": "Our words.", "base_version": drafted.version})

    question = client.post(f"{BASE}draft/")
    unchanged = Report.objects.get(pk=drafted.pk).summary
    client.post(f"{BASE}draft/", {"replace": "1"})

    assert "These sections were edited since the last draft" in question.content.decode()
    assert "Replace the edited text" in question.content.decode()
    assert unchanged == "Our words."
    assert Report.objects.get(pk=drafted.pk).summary.startswith("The exchange began")


def test_page_says_when_the_exchange_changed_after_the_draft(login, drafted):
    client = login("coordinator@example.org")
    assert "changed after this report was drafted" not in client.get(BASE).content.decode()
    session = drafted.exchange.sessions.first()
    session.notes = "New notes."
    session.save()

    page = client.get(BASE).content.decode()

    assert "changed after this report was drafted" in page and "Draft again" in page


def test_edit_preview_then_save_keeps_a_version(login, drafted):
    client = login("coordinator@example.org")
    form = client.get(f"{BASE}sections/next_steps/").content.decode()
    assert f'name="base_version" value="{drafted.version}"' in form

    preview = client.post(
        f"{BASE}sections/next_steps/", {"text": "**Meet** in Dakar.", "base_version": 1, "action": "preview"}
    )
    version_after_preview = Report.objects.get(pk=drafted.pk).version
    saved = client.post(f"{BASE}sections/next_steps/", {"text": "**Meet** in Dakar.", "base_version": 1})

    assert "<strong>Meet</strong> in Dakar." in preview.content.decode()
    assert version_after_preview == 1
    report = Report.objects.get(pk=drafted.pk)
    assert saved.status_code == 302
    assert report.next_steps == "**Meet** in Dakar." and report.version == 2
    version = ReportVersion.objects.get(report=report, number=2)
    assert version.created_by.email == "coordinator@example.org" and version.next_steps == "**Meet** in Dakar."
    assert version.note == "Edited: Next steps"


def test_stale_save_is_refused_and_the_text_kept(login, drafted):
    staff = get_user_model().objects.get(email="staff@example.org")
    services.report_save_section(report=drafted, section="summary", text="Staff's summary.", base_version=1, user=staff)
    client = login("coordinator@example.org")

    response = client.post(f"{BASE}sections/summary/", {"text": "My summary, typed for an hour.", "base_version": 1})

    page = response.content.decode()
    assert response.status_code == 200
    # A staff editor is "the organisers" to a coordinator, never their e-mail address (issue 14).
    assert "Not saved: the organisers saved this report (version 2) while you were editing" in page
    assert "staff@example.org" not in page.split("</header>", 1)[1]
    assert "My summary, typed for an hour.</textarea>" in page
    assert "as saved by the other person" in page and "<p>Staff's summary.</p>" in page
    assert 'name="base_version" value="2"' in page
    assert Report.objects.get(pk=drafted.pk).summary == "Staff's summary."


def test_bad_form_input_gets_an_error_not_a_500(login, drafted):
    client = login("coordinator@example.org")

    response = client.post(f"{BASE}sections/summary/", {"text": "x" * 70_000, "base_version": "nope"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value has at most 60000 characters" in page
    assert Report.objects.get(pk=drafted.pk).version == 1


def test_unknown_section_is_404(login, drafted):
    assert login("coordinator@example.org").get(f"{BASE}sections/passwords/").status_code == 404


def test_versions_list_diff_and_restore(login, drafted):
    client = login("coordinator@example.org")
    client.post(f"{BASE}sections/next_steps/", {"text": "Meet in Dakar.", "base_version": 1})

    listing = client.get(f"{BASE}versions/").content.decode()
    detail = client.get(f"{BASE}versions/1/").content.decode()
    confirm = client.get(f"{BASE}versions/1/restore/").content.decode()
    client.post(f"{BASE}versions/1/restore/")

    assert "Drafted from the exchange" in listing and "Edited: Next steps" in listing
    assert "<ins>+ Meet in Dakar.</ins>" in detail
    assert "<del>- The participants committed to the following next steps:</del>" in detail
    assert "Restore version 1?" in confirm
    report = Report.objects.get(pk=drafted.pk)
    assert report.version == 3 and report.next_steps.startswith("The participants committed")
    assert report.versions.get(number=3).note == "Restored version 1"


def test_settings_change_language_and_annex(login, drafted, django_capture_on_commit_callbacks):
    client = login("coordinator@example.org")

    client.post(f"{BASE}settings/", {"language": "fr", "include_annex": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}pdf/")

    report = Report.objects.get(pk=drafted.pk)
    assert report.language == "fr" and report.include_annex
    job = report.jobs.get()
    assert job.language == "fr"
    assert job.download_name() == "dakar-montreal-2017-summary-report-fr.pdf"


def test_settings_refuse_an_unknown_language(login, drafted):
    response = login("coordinator@example.org").post(f"{BASE}settings/", {"language": "xx"})

    assert "Select a valid choice" in response.content.decode()
    assert Report.objects.get(pk=drafted.pk).language == "en"


def test_publish_asks_then_publishes(login, drafted):
    client = login("coordinator@example.org")

    confirm = client.get(f"{BASE}publish/").content.decode()
    client.post(f"{BASE}publish/", {"publish": "1"})

    assert "Publish the report?" in confirm
    report = Report.objects.get(pk=drafted.pk)
    assert report.is_published and report.published_at is not None


def test_exchange_page_links_the_report_for_editors_only_until_published(client, login, drafted):
    coordinator_page = login("coordinator@example.org").get("/exchanges/dakar-montreal-2017/").content.decode()
    before = login("delegate@example.org").get("/exchanges/dakar-montreal-2017/").content.decode()
    services.report_set_published(report=drafted, published=True, user=drafted.updated_by)

    after = client.get("/exchanges/dakar-montreal-2017/").content.decode()

    assert 'href="/exchanges/dakar-montreal-2017/report/"' in coordinator_page
    assert 'href="/exchanges/dakar-montreal-2017/report/"' not in before
    assert 'href="/exchanges/dakar-montreal-2017/report/"' in after


@pytest.mark.parametrize("size", [1, 20])
def test_report_list_query_count_does_not_grow(client, django_assert_num_queries, size, staff_user):
    for _ in range(size):
        exchange = ExchangeFactory(is_public=True)
        report = services.report_get_or_create(exchange=exchange)
        services.report_set_published(report=report, published=True, user=staff_user)

    with django_assert_num_queries(3):
        page = client.get("/reports/").content.decode()

    assert page.count('class="card"') == size


def test_report_list_empty_state(client, db):
    page = client.get("/reports/").content.decode()

    assert "No published reports yet" in page

"""Releases (issue 14, item 1): publishing makes an immutable release; readers read it, page and PDF, until the next
one; the history shows the releases and their differences; a release is withdrawn with a reason."""

from datetime import datetime

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils import timezone

from reports import services
from reports.access import current_release, published_releases
from reports.models import ImmutableRelease, RenderJob, Report, ReportRelease
from reports.rendering import release_source
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db
BASE = "/exchanges/dakar-montreal-2017/report/"
FIRST = "Release one says the roundtables opened the exchange."
SECOND = "Release two says the roundtables and a site visit opened the exchange."


@pytest.fixture
def staff():
    return get_user_model().objects.get(email="staff@example.org")


@pytest.fixture
def public_release_1(drafted, staff, django_capture_on_commit_callbacks):
    """The demo exchange made public, its report's summary set, published by staff without sign-off as release 1,
    with the release's PDF made (in-process, at commit, as without a broker)."""
    drafted.exchange.is_public = True
    drafted.exchange.save()
    report = services.report_save_section(
        report=drafted, section="summary", text=FIRST, base_version=drafted.version, user=staff
    )
    with django_capture_on_commit_callbacks(execute=True):
        release = services.release_publish(report=report, by=staff, without_sign_off_reason="Agreed at the meeting.")
    return release


def _edit(report, text, user):
    report.refresh_from_db()
    return services.report_save_section(
        report=report, section="summary", text=text, base_version=report.version, user=user
    )


def _download(client, page: str) -> bytes:
    job = RenderJob.objects.filter(kind=RenderJob.Kind.RELEASE).order_by("-pk").first()
    assert f"/reports/files/{job.pk}/download/" in page
    response = client.get(f"/reports/files/{job.pk}/download/")
    return b"".join(response.streaming_content)


def test_readers_keep_release_1_page_and_pdf_after_an_edit_until_release_2(
    client, login, public_release_1, staff, django_capture_on_commit_callbacks
):
    report = public_release_1.report
    _edit(report, "Unfinished test sentence of a coordinator.", staff)

    anonymous_page = client.get(BASE).content.decode()
    anonymous_pdf = pdf_text(_download(client, anonymous_page))
    delegate = login("delegate@example.org")
    delegate_page = delegate.get(BASE).content.decode()
    delegate_pdf = pdf_text(_download(delegate, delegate_page))

    for page in (anonymous_page, delegate_page):
        assert FIRST in page and "Unfinished test sentence" not in page
        assert "Release 1 of" in page
    for text in (anonymous_pdf, delegate_pdf):
        assert "Release one says the roundtables" in text and "Unfinished" not in text
        assert "Release 1" in text

    _edit(report, SECOND, staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.release_publish(report=report, by=staff, without_sign_off_reason="Corrected.")
    client.logout()
    after = client.get(BASE).content.decode()
    history = client.get(f"{BASE}en/releases/").content.decode()
    diff = client.get(f"{BASE}en/releases/2/").content.decode()

    assert SECOND in after and FIRST not in after and "Release 2 of" in after
    assert "Release 1" in history and "Release 2" in history
    assert "Changes from release 1 to release 2" in diff
    assert f'<del><span class="visually-hidden">removed: </span>- {FIRST}</del>' in diff
    assert f'<ins><span class="visually-hidden">added: </span>+ {SECOND}</ins>' in diff
    assert "style=" not in diff


def test_editors_see_the_draft_with_a_banner_naming_the_release_readers_see(login, public_release_1, staff):
    _edit(public_release_1.report, "Draft sentence.", staff)

    page = login("coordinator@example.org").get(BASE).content.decode()

    day = timezone.localdate(public_release_1.released_at)
    assert f"Draft — readers see release 1 of {day.day} " in page
    assert "Draft sentence." in page and FIRST not in page


def test_release_pdf_is_dated_on_the_release_day_not_the_render_day(public_release_1):
    ReportRelease.objects.filter(pk=public_release_1.pk).update(
        released_at=timezone.make_aware(datetime(2026, 3, 2, 12, 0))
    )  # as if published in March and rendered today (update(): a release's own save refuses changes)
    release = ReportRelease.objects.get(pk=public_release_1.pk)

    html = release_source(release).html

    assert "2 March 2026" in html and 'content="2026-03-02"' in html
    assert timezone.localdate().strftime("%Y-%m-%d") not in html


def test_a_release_is_immutable_and_read_only_in_the_admin(public_release_1, rf, staff):
    release = public_release_1
    release.summary = "Changed afterwards."
    model_admin = admin.site._registry[ReportRelease]
    request = rf.get("/admin/")
    request.user = staff

    with pytest.raises(ImmutableRelease):
        release.save()
    with pytest.raises(ImmutableRelease):
        release.save(update_fields=["summary"])

    assert ReportRelease.objects.get(pk=release.pk).summary == FIRST
    assert not model_admin.has_change_permission(request, release)
    assert not model_admin.has_delete_permission(request, release)
    assert not model_admin.has_add_permission(request)


def test_withdrawing_asks_for_a_reason_then_readers_see_the_previous_release_or_none(
    client, login, public_release_1, staff
):
    report = public_release_1.report
    _edit(report, SECOND, staff)
    services.release_publish(report=report, by=staff, without_sign_off_reason="Second.")
    editor = login("coordinator@example.org")
    confirm = editor.get(f"{BASE}en/releases/2/withdraw/").content.decode()
    refused = editor.post(f"{BASE}en/releases/2/withdraw/", {"reason": "  "})

    editor.post(f"{BASE}en/releases/2/withdraw/", {"reason": "A name was wrong."})
    client.logout()
    after_one = client.get(BASE).content.decode()
    services.release_withdraw(release=public_release_1, by=staff, reason="Not ready after all.")
    after_both = client.get(BASE)
    history = login("coordinator@example.org").get(f"{BASE}en/releases/").content.decode()

    assert "Withdraw release 2?" in confirm and "Readers will see release 1 again." in confirm
    assert "This field is required." in refused.content.decode()
    assert FIRST in after_one and "Release 1 of" in after_one
    assert after_both.status_code == 404
    assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFT
    assert "A name was wrong." in history and "Not ready after all." in history
    assert current_release(report) is None and not published_releases(staff).exists()


def test_readers_get_404_on_a_withdrawn_release_and_on_the_pdf_of_an_older_release(
    client, public_release_1, staff, django_capture_on_commit_callbacks
):
    report = public_release_1.report
    old_job = public_release_1.jobs.get()
    _edit(report, SECOND, staff)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.release_publish(report=report, by=staff, without_sign_off_reason="Second.")
    services.release_withdraw(release=second, by=staff, reason="Wrong.")

    assert client.get(f"{BASE}en/releases/2/").status_code == 404
    assert client.get(f"/reports/files/{second.jobs.get().pk}/download/").status_code == 404
    assert client.get(f"/reports/files/{old_job.pk}/download/").status_code == 200  # release 1 is read again


def test_search_finds_the_release_text_not_the_draft(client, public_release_1, staff):
    _edit(public_release_1.report, "Zanzibar draft wording.", staff)

    draft_hit = client.get("/search/", {"q": "Zanzibar", "kind": "reports"}).content.decode()
    release_hit = client.get("/search/", {"q": "roundtables", "kind": "reports"}).content.decode()

    assert "Summary report:" not in draft_hit
    assert "Summary report: Dakar–Montréal city exchange" in release_hit


def test_a_reader_asking_for_the_pdf_gets_the_current_release_never_the_draft(login, public_release_1, staff):
    _edit(public_release_1.report, "Draft only.", staff)
    RenderJob.objects.filter(release=public_release_1).update(status=RenderJob.Status.FAILED)  # its file was lost

    response = login("delegate@example.org").post(f"{BASE}pdf/")

    job = RenderJob.objects.order_by("-pk").first()
    assert response["Location"] == f"/reports/jobs/{job.pk}/"
    assert (job.kind, job.release_id) == (RenderJob.Kind.RELEASE, public_release_1.pk)
    assert not RenderJob.objects.filter(kind=RenderJob.Kind.REPORT).exists()

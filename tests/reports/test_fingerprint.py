"""A PDF request decides reuse from a fingerprint, without rendering; the worker builds the HTML once."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import F
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

from exchanges.models import Exchange, Session, Venue
from reports import services
from reports.models import RenderJob
from reports.rendering import agenda_source, pdf_fingerprint, report_source
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db
REPORT_PDF_URL = "/exchanges/dakar-montreal-2017/report/pdf/"
AGENDA_PDF_URL = "/exchanges/dakar-montreal-2017/report/agenda-pdf/"


@pytest.fixture
def rendered_templates():
    names = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


def _staff():
    return get_user_model().objects.get(email="staff@example.org")


def _with_annex(report):
    return services.report_update_settings(report=report, language=report.language, include_annex=True, user=_staff())


@pytest.mark.templates
@pytest.mark.parametrize("url", [REPORT_PDF_URL, AGENDA_PDF_URL])
def test_pdf_request_renders_no_report_template(login, drafted, rendered_templates, url):
    _with_annex(drafted)
    client = login("coordinator@example.org")

    fragment = client.post(url, HTTP_HX_REQUEST="true")
    redirect = client.post(url)

    job = RenderJob.objects.get()
    assert job.status == RenderJob.Status.QUEUED and len(job.content_hash) == 64
    assert f'hx-get="/reports/jobs/{job.pk}/"' in fragment.content.decode()
    assert redirect["Location"] == f"/reports/jobs/{job.pk}/"
    # The only template of both requests is the job's status fragment: no PDF template, no report page.
    assert rendered_templates == ["reports/includes/job_status.html"]


def _agenda_fingerprint(exchange):
    return pdf_fingerprint(kind=RenderJob.Kind.AGENDA, exchange=exchange, language="en")


def _report_fingerprint(report):
    return pdf_fingerprint(kind=RenderJob.Kind.REPORT, exchange=report.exchange, language="en", report=report)


def _retitle_person(exchange):
    membership = _memberships(exchange).get(person__name="Maye Seck")
    person = membership.person
    person.job_title = "Adviser on urban security"
    person.save()


def _move_venue(exchange):
    venue = Venue.objects.filter(sessions__exchange=exchange).first()
    venue.address = "1 rue Nouvelle"
    venue.save()


def _memberships(exchange):
    # Through the relations, not the model: Delegation and Membership are moving between apps.
    delegation = Exchange._meta.get_field("delegations").related_model
    return delegation._meta.get_field("memberships").related_model.objects.filter(delegation__exchange=exchange)


def _promote_member(exchange):
    membership = _memberships(exchange).filter(role="member").first()
    membership.role = "facilitator"
    membership.save()


def _retitle_session(exchange):
    session = Session.objects.filter(exchange=exchange).first()
    session.title = "A new title"
    session.save()


def _drop_presenter(exchange):
    session = Session.objects.filter(exchange=exchange, presenters__isnull=False).first()
    session.presenters.remove(session.presenters.first())


@pytest.mark.parametrize(
    "change",
    [_retitle_person, _move_venue, _promote_member, _retitle_session, _drop_presenter],
    ids=lambda f: f.__name__,
)
def test_agenda_data_the_pdf_shows_changes_its_fingerprint(demo, change):
    before = _agenda_fingerprint(demo)
    unchanged = _agenda_fingerprint(demo)

    change(demo)

    assert unchanged == before
    assert _agenda_fingerprint(demo) != before


def test_report_fingerprint_follows_its_version_annex_exchange_and_cities_not_the_agenda(drafted):
    plain = _report_fingerprint(drafted)
    _retitle_session(drafted.exchange)  # the report without an annex does not show the agenda
    after_session = _report_fingerprint(drafted)
    with_annex = _report_fingerprint(_with_annex(drafted))
    _retitle_person(drafted.exchange)  # the annex lists the delegations' members
    after_person = _report_fingerprint(drafted)
    edited = services.report_save_section(
        report=drafted, section="aims", text="New aims.", base_version=drafted.version, user=_staff()
    )
    after_edit = _report_fingerprint(edited)
    Exchange.objects.filter(pk=edited.exchange_id).update(end_date=F("end_date") + timedelta(days=1))
    after_dates = _report_fingerprint(edited)  # the instance passed in is stale: the rows are read again
    edited.exchange.visiting_cities.update(name="Saint-Louis")

    assert after_session == plain
    assert len({plain, with_annex, after_person, after_edit, after_dates, _report_fingerprint(edited)}) == 6
    assert _report_fingerprint(edited) == _report_fingerprint(edited)


def test_changed_data_gives_a_new_job_and_unchanged_data_reuses_it(login, drafted, django_capture_on_commit_callbacks):
    _with_annex(drafted)
    client = login("coordinator@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REPORT_PDF_URL)
    with django_capture_on_commit_callbacks(execute=True) as unchanged:
        client.post(REPORT_PDF_URL)
    _retitle_person(drafted.exchange)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(REPORT_PDF_URL)

    assert unchanged == []  # the second request reused the finished job: nothing queued
    first, second = RenderJob.objects.order_by("pk")
    assert first.content_hash != second.content_hash and first.html_hash != second.html_hash
    assert second.status == RenderJob.Status.DONE and second.file.name != first.file.name
    assert "Adviser on urban security" in pdf_text(second.file.read())
    assert "Adviser on urban security" not in pdf_text(first.file.read())


def test_text_changed_back_is_a_new_job_that_reuses_the_earlier_file(drafted, django_capture_on_commit_callbacks):
    staff = _staff()
    original = drafted.aims
    with django_capture_on_commit_callbacks(execute=True):
        first = services.render_job_request(exchange=drafted.exchange, kind="report", report=drafted, user=staff)
    edited = services.report_save_section(
        report=drafted, section="aims", text="Other aims.", base_version=drafted.version, user=staff
    )
    back = services.report_save_section(
        report=edited, section="aims", text=original, base_version=edited.version, user=staff
    )

    with django_capture_on_commit_callbacks(execute=True):
        second = services.render_job_request(exchange=drafted.exchange, kind="report", report=back, user=staff)

    first.refresh_from_db()
    second.refresh_from_db()
    assert second.pk != first.pk and second.report_version == back.version
    assert second.content_hash != first.content_hash  # a new version: the request cannot know it reads the same
    assert second.status == RenderJob.Status.DONE and second.html_hash == first.html_hash
    assert second.file.name == first.file.name  # the worker found the same HTML and rendered nothing


DELEGATIONS = Exchange._meta.get_field("delegations").related_model._meta.db_table


def _loads_of(table: str, queries: list[dict]) -> int:
    """Queries that load rows of ``table`` (a prefetch of another relation that joins it does not count)."""
    return sum(query["sql"].startswith(f'SELECT "{table}".') for query in queries)


def test_report_with_annex_is_built_from_one_load_of_the_agenda(drafted, django_assert_num_queries):
    report = _with_annex(drafted)

    with django_assert_num_queries(8) as captured:
        source = report_source(report)

    assert "Roundtables with the Ville de Montréal" in source.html and "Maye Seck" in source.html
    assert _loads_of("exchanges_session", captured.captured_queries) == 1
    assert _loads_of(DELEGATIONS, captured.captured_queries) == 1


def test_agenda_is_built_from_one_load_of_the_agenda(demo, django_assert_num_queries):
    with django_assert_num_queries(8) as captured:
        source = agenda_source(demo, "en")

    assert "Roundtables with the Ville de Montréal" in source.html and "Maye Seck" in source.html
    assert _loads_of("exchanges_session", captured.captured_queries) == 1
    assert _loads_of(DELEGATIONS, captured.captured_queries) == 1


def test_worker_loads_the_agenda_once_per_render(drafted):
    job = services.render_job_request(exchange=drafted.exchange, kind="report", report=_with_annex(drafted), user=None)

    with CaptureQueriesContext(connection) as captured:
        services.render_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == RenderJob.Status.DONE and job.file and job.html_hash
    # Progress writes depend on how long WeasyPrint takes (a few a second): every other query is counted.
    counted = [query for query in captured.captured_queries if 'SET "progress" = ' not in query["sql"]]
    assert len(counted) == 14
    assert _loads_of("exchanges_session", counted) == 1

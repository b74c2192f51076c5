"""Release 1 of the demo's summary report, in English and in French, as the demo's two coordinators publish it.

``load_demo`` (the management command) calls ``publish_demo_release`` after ``exchanges.demo.load_demo``: the
exchanges app may not import reports, so the step that publishes lives here. Each language's report is written
through the reports services (created, then each section saved as a coordinator would) with the texts of
``exchanges.demo.release.RELEASE_1``, then published as release 1 with the approval of the Montréal (host) and
Dakar coordinators. Its date is fixed (``RELEASE_DATE``), so the page and the PDF read the same on every run.

Idempotent: a language whose report has a release already is left alone (no release 2, no edit).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from cities.models import City
from exchanges.demo.release import RELEASE_1
from exchanges.models import Exchange
from reports import services
from reports.models import SECTION_NAMES, Report, ReportRelease, SignOff, SignOffDecision

# Two weeks after the exchange (16–18 October 2017), noon in Montréal: the reference report gives no date.
RELEASE_DATE = datetime(2017, 11, 1, 12, 0, tzinfo=ZoneInfo("America/Toronto"))
# (coordinator's e-mail, city slug): the host city's coordinator publishes; both approve.
APPROVERS = [("coordinator@example.org", "montreal"), ("coordinator.dakar@example.org", "dakar")]


@transaction.atomic
def publish_demo_release(exchange: Exchange) -> list[ReportRelease]:
    """Write and publish release 1 of the exchange's English and French reports; return the releases made now
    (none on a second run). The releases' PDFs are queued at commit, as any publication's."""
    User = get_user_model()
    approvals = [(User.objects.get(email=email), City.objects.get(slug=slug)) for email, slug in APPROVERS]
    publisher = approvals[0][0]
    made = []
    english = None
    for language in ("en", "fr"):
        report = Report.objects.filter(exchange=exchange, language=language).first()
        if report is None:
            if language == "fr" and english is not None:
                report = services.report_copy_into(report=english, language="fr", user=publisher)
            else:
                report = services.report_get_or_create(exchange=exchange, language=language)
        if language == "en":
            english = report
        if report.releases.exists():
            continue
        report = _write(report, RELEASE_1[language], user=publisher)
        release = services.release_publish(report=report, by=publisher, approvals=approvals)
        _date(release)
        made.append(release)
    return made


def _write(report: Report, sections: dict[str, str], *, user) -> Report:
    """Save each section whose text differs from ``sections``, as a coordinator's edit (a version each)."""
    for name in SECTION_NAMES:
        if getattr(report, name) != sections[name]:
            report = services.report_save_section(
                report=report, section=name, text=sections[name], base_version=report.version, user=user
            )
    return report


def _date(release: ReportRelease) -> None:
    """Give the release, its approvals and the report the fixed publication date (rows written just now, in the
    same transaction, before the PDF job reads the release at commit)."""
    ReportRelease.objects.filter(pk=release.pk).update(released_at=RELEASE_DATE)
    SignOffDecision.objects.filter(sign_off__release=release).update(decided_at=RELEASE_DATE)
    SignOff.objects.filter(release=release).update(requested_at=RELEASE_DATE, closed_at=RELEASE_DATE)
    Report.objects.filter(pk=release.report_id).update(published_at=RELEASE_DATE)
    release.released_at = RELEASE_DATE

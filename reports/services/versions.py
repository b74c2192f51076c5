"""Saving report text with optimistic locking, and the version history every save keeps."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import SECTION_NAMES, SECTIONS, Report, ReportVersion


class StaleVersion(Exception):
    """Someone saved the report after the version the edit was based on."""

    def __init__(self, report: Report):
        super().__init__(f"report {report.pk} is at version {report.version}")
        self.report = report


def _save_version(report: Report, *, user, note: str) -> ReportVersion:
    return ReportVersion.objects.create(
        report=report,
        number=report.version,
        created_by=user if user is not None and user.is_authenticated else None,
        note=note,
        **report.section_texts(),
    )


@transaction.atomic
def report_save_section(*, report: Report, section: str, text: str, base_version: int, user) -> Report:
    """Save one section if nobody saved the report since ``base_version``; keep a version.

    Raises StaleVersion (with the current report) when the report moved on;
    raises ValueError for an unknown section.
    """
    if section not in SECTION_NAMES:
        raise ValueError(f"unknown section {section!r}")
    # The row lock makes the version check and the save one step; save() (not update()) keeps the change history.
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.version != base_version:
        raise StaleVersion(report)
    setattr(report, section, text)
    report.version += 1
    report.edited_at = timezone.now()
    report.updated_by = user if user.is_authenticated else None
    report.save()
    _save_version(report, user=user, note=_("Edited: %(section)s") % {"section": section_heading(section)})
    return report


@transaction.atomic
def report_restore_version(*, report: Report, version: ReportVersion, user) -> Report:
    """Make an earlier version's text the current text again, as a new version."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    for name, text in version.section_texts().items():
        setattr(report, name, text)
    report.version += 1
    report.edited_at = timezone.now()
    report.updated_by = user if user.is_authenticated else None
    report.save()
    _save_version(report, user=user, note=_("Restored version %(number)s") % {"number": version.number})
    return report


def section_heading(name: str) -> str:
    return str(dict(SECTIONS)[name])

"""Creating, copying, drafting, configuring and publishing summary reports."""

import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchanges.models import Exchange
from reports.drafting import draft_sections
from reports.models import SECTION_NAMES, Report
from reports.selectors import draft_data
from reports.services.versions import _save_version

# The note of a copy's first version, per language of the original (a language's name reads differently in French).
COPIED_NOTE = {
    "en": gettext_lazy("Copied from the English version"),
    "fr": gettext_lazy("Copied from the French version"),
}


class EditedSections(Exception):
    """Re-drafting would replace sections that people have edited; ask first."""

    def __init__(self, sections: list[str]):
        super().__init__(", ".join(sections))
        self.sections = sections


class ReportExists(Exception):
    """The exchange already has a report in that language (one per language)."""

    def __init__(self, report: Report):
        super().__init__(f"exchange {report.exchange_id} has a {report.language} report")
        self.report = report


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode()).hexdigest()


def report_get_or_create(*, exchange: Exchange, language: str | None = None) -> Report:
    """The exchange's report in ``language`` (default English), created empty when there is none."""
    report, _created = Report.objects.get_or_create(exchange=exchange, language=language or "en")
    return report


def report_copy_into(*, report: Report, language: str, user) -> Report:
    """A new draft report in ``language`` holding a copy of ``report``'s four sections and annex choice, linked
    to it as its translation, at version 1 with a history of its own.

    The copied text counts as edited (it was not drafted in ``language``), so drafting over it asks first.
    Raises ReportExists when the exchange already has a report in ``language``; ValueError for the same language.
    """
    if language == report.language:
        raise ValueError("a report cannot be copied into its own language")
    now = timezone.now()
    copy = Report(
        exchange=report.exchange,
        language=language,
        translation_of=report,
        status=Report.Status.DRAFT,
        include_annex=report.include_annex,
        version=1,
        edited_at=now,
        updated_by=user if user is not None and user.is_authenticated else None,
        **report.section_texts(),
    )
    try:
        with transaction.atomic():
            copy.save()
            _save_version(
                copy,
                user=user,
                note=str(COPIED_NOTE.get(report.language, report.get_language_display())),
            )
    except IntegrityError as exc:
        existing = Report.objects.filter(exchange=report.exchange, language=language).first()
        if existing is None:
            raise
        raise ReportExists(existing) from exc
    return copy


def edited_sections(report: Report) -> list[str]:
    """Sections whose text is no longer what the last draft wrote (or that were written by hand)."""
    return [
        name
        for name in SECTION_NAMES
        if getattr(report, name).strip() and report.draft_hashes.get(name) != _text_hash(getattr(report, name))
    ]


@transaction.atomic
def report_draft(*, report: Report, user, sections: list[str] | None = None, replace_edited: bool = False) -> Report:
    """Draft ``sections`` (default: all four) from the exchange's current data, in the report's language.

    Raises EditedSections, changing nothing, when a section to be drafted was
    edited since the last draft and ``replace_edited`` is false.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    targets = [name for name in (sections or SECTION_NAMES) if name in SECTION_NAMES]
    if not replace_edited:
        edited = [name for name in edited_sections(report) if name in targets]
        if edited:
            raise EditedSections(edited)
    drafted = draft_sections(draft_data(report.exchange), report.language)
    now = timezone.now()
    for name in targets:
        setattr(report, name, drafted[name])
        report.draft_hashes[name] = _text_hash(drafted[name])
    report.drafted_at = now
    report.edited_at = now
    report.version += 1
    report.updated_by = user if user is not None and user.is_authenticated else None
    report.save()
    _save_version(report, user=user, note=_("Drafted from the exchange"))
    return report


def report_update_settings(
    *, report: Report, language: str, include_annex: bool, user, include_feedback: bool | None = None
) -> Report:
    report.language = language
    report.include_annex = include_annex
    if include_feedback is not None:
        report.include_feedback = include_feedback
    report.updated_by = user if user.is_authenticated else None
    report.save(update_fields=["language", "include_annex", "include_feedback", "updated_by", "updated_at"])
    return report

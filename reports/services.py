"""Writes of the reports app: drafting, editing with optimistic locking, versions, publishing and render jobs."""

import hashlib
import logging
import time
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from kombu.exceptions import OperationalError as BrokerError

from exchanges.models import Delegation, Exchange
from reports.drafting import draft_sections
from reports.models import SECTION_NAMES, SECTIONS, RenderJob, Report, ReportVersion
from reports.rendering import RenderSource, RenderTimeout, agenda_source, html_to_pdf, report_source
from reports.selectors import draft_data

logger = logging.getLogger(__name__)

# A job redelivered this many times (its worker was killed mid-render) is given up.
MAX_ATTEMPTS = 5
# The worker's hard time limit is this many seconds past REPORT_RENDER_TIME_LIMIT (see reports.tasks).
HARD_LIMIT_MARGIN = 30


# The note of a copy's first version, per language of the original (a language's name reads differently in French).
COPIED_NOTE = {
    "en": gettext_lazy("Copied from the English version"),
    "fr": gettext_lazy("Copied from the French version"),
}


class StaleVersion(Exception):
    """Someone saved the report after the version the edit was based on."""

    def __init__(self, report: Report):
        super().__init__(f"report {report.pk} is at version {report.version}")
        self.report = report


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


def _save_version(report: Report, *, user, note: str) -> ReportVersion:
    return ReportVersion.objects.create(
        report=report,
        number=report.version,
        created_by=user if user is not None and user.is_authenticated else None,
        note=note,
        **report.section_texts(),
    )


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


def report_update_settings(*, report: Report, language: str, include_annex: bool, user) -> Report:
    report.language = language
    report.include_annex = include_annex
    report.updated_by = user if user.is_authenticated else None
    report.save(update_fields=["language", "include_annex", "updated_by", "updated_at"])
    return report


def report_set_published(*, report: Report, published: bool, user) -> Report:
    report.status = Report.Status.PUBLISHED if published else Report.Status.DRAFT
    if published and report.published_at is None:
        report.published_at = timezone.now()
    report.updated_by = user if user.is_authenticated else None
    report.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
    return report


def section_heading(name: str) -> str:
    return str(dict(SECTIONS)[name])


# ---- Render jobs -------------------------------------------------------------------------------


def _source_for(job: RenderJob) -> RenderSource:
    if job.kind == RenderJob.Kind.REPORT:
        return report_source(job.report)
    return agenda_source(job.exchange, job.language, job.delegation)


def _reusable(content_hash: str) -> RenderJob | None:
    """A finished job whose file is still in storage, for the same content."""
    for job in RenderJob.objects.filter(content_hash=content_hash, status=RenderJob.Status.DONE).exclude(file=""):
        if job.file.storage.exists(job.file.name):
            return job
    return None


def render_job_request(
    *,
    exchange: Exchange,
    kind: str,
    user,
    report: Report | None = None,
    language: str = "en",
    delegation: Delegation | None = None,
):
    """Ask for a PDF. Returns at once with a job: an existing one for the same content when there is one
    (finished, or still queued or running), else a new queued job whose task starts after commit.
    An agenda may be one delegation's (its sessions, its home time)."""
    if kind == RenderJob.Kind.REPORT:
        source = report_source(report)
        language = report.language
        delegation = None
    else:
        source = agenda_source(exchange, language, delegation)
    existing = _reusable(source.content_hash)
    if existing is None:
        existing = (
            RenderJob.objects.filter(
                content_hash=source.content_hash, status__in=[RenderJob.Status.QUEUED, RenderJob.Status.RUNNING]
            )
            .order_by("-created_at")
            .first()
        )
    delegation_id = delegation.pk if delegation is not None else None
    if (
        existing is not None
        and existing.exchange_id == exchange.pk
        and existing.kind == kind
        and existing.delegation_id == delegation_id
    ):
        if report is None or existing.report_version == report.version or existing.is_pending:
            return existing
        # Same content under a newer version number (a restore, say): a new row, the same file, no render.
        return RenderJob.objects.create(
            kind=kind,
            exchange=exchange,
            report=report,
            report_version=report.version,
            language=language,
            delegation=delegation,
            requested_by=user if user is not None and user.is_authenticated else None,
            content_hash=source.content_hash,
            status=RenderJob.Status.DONE,
            progress=100,
            file=existing.file.name,
            started_at=timezone.now(),
            finished_at=timezone.now(),
        )
    job = RenderJob.objects.create(
        kind=kind,
        exchange=exchange,
        report=report,
        report_version=report.version if report is not None else None,
        language=language,
        delegation=delegation,
        requested_by=user if user is not None and user.is_authenticated else None,
        content_hash=source.content_hash,
    )
    render_job_enqueue(job)
    return job


def render_job_enqueue(job: RenderJob) -> None:
    transaction.on_commit(lambda: render_job_dispatch(job_id=job.pk))


def render_job_dispatch(*, job_id: int) -> bool:
    """Hand one job's task to the broker and note when.

    Returns False, changing nothing, when the broker cannot be reached (after the short publish
    retry policy of the settings): the job stays queued and ``render_jobs_sweep`` sends it again.
    Raises nothing for an unreachable broker, so the request that asked for the PDF still answers.
    """
    from reports.tasks import render_pdf

    try:
        render_pdf.delay(job_id=job_id)
    except (BrokerError, ConnectionError) as exc:
        logger.warning("Render job %s stays queued: the broker could not be reached (%s)", job_id, exc)
        return False
    RenderJob.objects.filter(pk=job_id).update(dispatched_at=timezone.now())
    return True


def render_jobs_sweep(*, limit: int = 200) -> list[int]:
    """Send again the jobs no worker will run otherwise; returns the ids sent.

    Three kinds: queued jobs whose task never reached the broker (it was down when they were asked
    for), queued jobs handed over long ago that no worker took (the message was lost with the
    broker's memory), and running jobs past the worker's hard time limit (their worker is gone; a
    job that ran MAX_ATTEMPTS times is marked failed by the next run). Running a job twice is safe.
    """
    now = timezone.now()
    grace = timedelta(seconds=settings.REPORT_DISPATCH_GRACE)
    hard_limit = timedelta(seconds=settings.REPORT_RENDER_TIME_LIMIT + HARD_LIMIT_MARGIN)
    queued = Q(status=RenderJob.Status.QUEUED)
    stale = RenderJob.objects.filter(
        (queued & Q(dispatched_at__isnull=True, created_at__lt=now - grace))
        | (queued & Q(dispatched_at__lt=now - timedelta(seconds=settings.REPORT_REQUEUE_AFTER)))
        | Q(status=RenderJob.Status.RUNNING, started_at__lt=now - hard_limit - grace)
    )
    sent = []
    for job_id in stale.order_by("created_at").values_list("pk", flat=True)[:limit]:
        logger.info("Sending render job %s again", job_id)
        if not render_job_dispatch(job_id=job_id):
            break  # the broker is still away: the next sweep tries again
        sent.append(job_id)
    return sent


def render_job_run(*, job_id: int) -> RenderJob | None:
    """Render one job's PDF, store it and mark the job done, or failed with a message for people.

    Idempotent: a job that is done (or gone) is left alone; the same content
    already rendered by another job is reused, not rendered again. Errors of
    the database or the storage propagate so that the task retries them.
    """
    claimed = RenderJob.objects.filter(pk=job_id, status__in=[RenderJob.Status.QUEUED, RenderJob.Status.RUNNING])
    job = claimed.select_related("exchange", "report__exchange").first()
    if job is None:
        return None
    if job.status == RenderJob.Status.RUNNING and job.attempts >= MAX_ATTEMPTS:
        _fail(job, RenderJob.Error.WORKER_LOST)
        return job
    started = timezone.now()
    # Claim the job as it was read: of two deliveries reading the same state at once, one runs it.
    won = RenderJob.objects.filter(pk=job.pk, status=job.status, attempts=job.attempts).update(
        status=RenderJob.Status.RUNNING, attempts=F("attempts") + 1, started_at=started, progress=1
    )
    if not won:
        return None
    job.refresh_from_db()

    try:
        source = _source_for(job)
    except (Report.DoesNotExist, Exchange.DoesNotExist):
        return None
    other = _reusable(source.content_hash)
    if other is not None and other.pk != job.pk:
        _finish(job, file_name=other.file.name, content_hash=source.content_hash)
        return job

    last = [0.0]

    def on_progress(value: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.25:  # a few writes a second at most
            last[0] = now
            RenderJob.objects.filter(pk=job.pk, status=RenderJob.Status.RUNNING).update(progress=value)

    try:
        pdf = html_to_pdf(source.html, on_progress=on_progress)
    except (RenderTimeout, SoftTimeLimitExceeded):
        logger.warning("Render job %s stopped at the time limit", job.pk)
        _fail(job, RenderJob.Error.TOO_LONG)
        return job
    except DatabaseError:
        raise  # transient: the task retries
    except Exception:
        logger.exception("Render job %s failed", job.pk)
        _fail(job, RenderJob.Error.FAILED)
        return job
    name = f"{job.download_name()[:-4]}-{source.content_hash[:12]}.pdf"
    job.file.save(name, ContentFile(pdf), save=False)
    _finish(job, file_name=job.file.name, content_hash=source.content_hash)
    return job


def _finish(job: RenderJob, *, file_name: str, content_hash: str) -> None:
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderJob.Status.DONE,
        progress=100,
        file=file_name,
        content_hash=content_hash,
        error="",
        finished_at=timezone.now(),
    )
    job.refresh_from_db()


def _fail(job: RenderJob, message: str) -> None:
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderJob.Status.FAILED, error=message, finished_at=timezone.now()
    )
    job.refresh_from_db()


def render_job_give_up(*, job_id: int) -> None:
    """After the last retry of a transient error: tell the people waiting."""
    RenderJob.objects.filter(pk=job_id, status__in=[RenderJob.Status.QUEUED, RenderJob.Status.RUNNING]).update(
        status=RenderJob.Status.FAILED, error=RenderJob.Error.FAILED, finished_at=timezone.now()
    )


def report_pdf_bytes(report: Report) -> bytes:
    """The command line's path: the same HTML and the same renderer as a job, without a job row."""
    return html_to_pdf(report_source(report).html)

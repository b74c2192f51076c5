"""PDF render jobs: asking for one, handing it to the workers, running it, and sweeping the forgotten ones."""

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from exchanges.models import Delegation, Exchange, Programme
from reports.models import RenderJob, Report, ReportRelease
from reports.rendering import (
    RenderSource,
    RenderTimeout,
    agenda_source,
    html_to_pdf,
    pdf_fingerprint,
    programme_fingerprint,
    programme_source,
    release_fingerprint,
    release_source,
    report_source,
)

logger = logging.getLogger(__name__)

# A job redelivered this many times (its worker was killed mid-render) is given up.
MAX_ATTEMPTS = 5
# The worker's hard time limit is this many seconds past REPORT_RENDER_TIME_LIMIT (see reports.tasks).
HARD_LIMIT_MARGIN = 30


def _source_for(job: RenderJob) -> RenderSource:
    if job.kind == RenderJob.Kind.REPORT:
        return report_source(job.report)
    if job.kind == RenderJob.Kind.RELEASE:
        return release_source(job.release)
    if job.kind == RenderJob.Kind.PROGRAMME:
        return programme_source(job.programme, job.year, job.language)
    return agenda_source(job.exchange, job.language, job.delegation)


def _reusable(**same) -> RenderJob | None:
    """A finished job whose file is still in storage, with the same fingerprint (or HTML) as given."""
    for job in RenderJob.objects.filter(status=RenderJob.Status.DONE, **same).exclude(file="").order_by("-pk"):
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
    release: ReportRelease | None = None,
    delegation: Delegation | None = None,
):
    """Ask for a PDF. Returns at once with a job: an existing one with the same fingerprint when there is one
    (finished with its file, or still queued or running), else a new queued job whose task starts after commit.
    An agenda may be one delegation's (its sessions, its home time).

    Decides from ``pdf_fingerprint`` (a few narrow queries), never by rendering the HTML: the worker does that.
    A release's PDF (kind RELEASE, ``release`` given) is made from the release's own text and dated on its day.
    """
    if kind == RenderJob.Kind.RELEASE:
        report, language, delegation = release.report, release.language, None
        content_hash = release_fingerprint(release)
    else:
        if kind == RenderJob.Kind.REPORT:
            language = report.language
            delegation = None
        content_hash = pdf_fingerprint(
            kind=kind, exchange=exchange, language=language, report=report, delegation=delegation
        )
    same = {"content_hash": content_hash, "exchange": exchange, "kind": kind, "delegation": delegation}
    existing = _reusable(**same) or (
        RenderJob.objects.filter(status__in=[RenderJob.Status.QUEUED, RenderJob.Status.RUNNING], **same)
        .order_by("-created_at", "-pk")
        .first()
    )
    if existing is not None:
        return existing
    job = RenderJob.objects.create(
        kind=kind,
        exchange=exchange,
        report=report,
        report_version=(release.report_version if release else report.version) if report is not None else None,
        release=release,
        language=language,
        delegation=delegation,
        requested_by=user if user is not None and user.is_authenticated else None,
        content_hash=content_hash,
    )
    render_job_enqueue(job)
    return job


def programme_report_request(*, programme: Programme, year: int | None, language: str, user) -> RenderJob:
    """Ask for a programme's yearly (or whole) report of indicators as a PDF; as ``render_job_request``, an
    existing job with the same fingerprint (the same figures) is returned instead of a new one."""
    content_hash = programme_fingerprint(programme, year, language)
    same = {"content_hash": content_hash, "kind": RenderJob.Kind.PROGRAMME, "programme": programme, "year": year}
    existing = _reusable(**same) or (
        RenderJob.objects.filter(status__in=[RenderJob.Status.QUEUED, RenderJob.Status.RUNNING], **same)
        .order_by("-created_at", "-pk")
        .first()
    )
    if existing is not None:
        return existing
    job = RenderJob.objects.create(
        kind=RenderJob.Kind.PROGRAMME,
        programme=programme,
        year=year,
        language=language,
        requested_by=user if user is not None and user.is_authenticated else None,
        content_hash=content_hash,
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


def _claim(job_id: int) -> RenderJob | None:
    """The job, now running under this delivery; None when it is done, gone or claimed by another delivery.

    A job redelivered MAX_ATTEMPTS times is marked failed and returned as such.
    """
    claimed = RenderJob.objects.filter(pk=job_id, status__in=[RenderJob.Status.QUEUED, RenderJob.Status.RUNNING])
    job = claimed.select_related("exchange", "report__exchange", "release", "delegation__city", "programme").first()
    if job is None:
        return None
    if job.status == RenderJob.Status.RUNNING and job.attempts >= MAX_ATTEMPTS:
        _fail(job, RenderJob.Error.WORKER_LOST)
        return job
    # Claim the job as it was read: of two deliveries reading the same state at once, one runs it.
    won = RenderJob.objects.filter(pk=job.pk, status=job.status, attempts=job.attempts).update(
        status=RenderJob.Status.RUNNING, attempts=F("attempts") + 1, started_at=timezone.now(), progress=1
    )
    if not won:
        return None
    job.refresh_from_db(fields=["status", "attempts", "started_at", "progress"])  # keeps the loaded exchange
    return job


def _progress_writer(job: RenderJob) -> Callable[[int], None]:
    last = [0.0]

    def on_progress(value: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.25:  # a few writes a second at most
            last[0] = now
            RenderJob.objects.filter(pk=job.pk, status=RenderJob.Status.RUNNING).update(progress=value)

    return on_progress


def _render(job: RenderJob, source: RenderSource) -> RenderJob:
    try:
        pdf = html_to_pdf(source.html, on_progress=_progress_writer(job))
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
    _finish(job, file_name=job.file.name, html_hash=source.content_hash)
    return job


def render_job_run(*, job_id: int) -> RenderJob | None:
    """Render one job's PDF, store it and mark the job done, or failed with a message for people.

    Idempotent: a job that is done (or gone) is left alone; the same HTML
    already rendered by another job is reused, not rendered again. Errors of
    the database or the storage propagate so that the task retries them.
    """
    job = _claim(job_id)
    if job is None or job.status != RenderJob.Status.RUNNING:
        return job
    try:
        source = _source_for(job)  # the HTML, built once, from one load of the data
    except (Report.DoesNotExist, Exchange.DoesNotExist, ReportRelease.DoesNotExist, Programme.DoesNotExist):
        return None
    other = _reusable(html_hash=source.content_hash)
    if other is not None and other.pk != job.pk:
        # The same HTML was rendered already (a restored version, or data that changed and changed back).
        _finish(job, file_name=other.file.name, html_hash=source.content_hash)
        return job
    return _render(job, source)


def _finish(job: RenderJob, *, file_name: str, html_hash: str) -> None:
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderJob.Status.DONE,
        progress=100,
        file=file_name,
        html_hash=html_hash,
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

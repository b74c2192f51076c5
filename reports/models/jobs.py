"""PDF render jobs: a report, a release, an agenda or a programme report, rendered by a Celery worker."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import ascii_filename
from exchanges.models import Delegation, Exchange, Programme
from reports.models.reports import Report


class RenderJob(models.Model):
    """One request to render a PDF, run by a Celery worker (or in-process without a broker)."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Summary report")
        AGENDA = "agenda", _("Agenda")
        RELEASE = "release", _("Summary report release")
        PROGRAMME = "programme", _("Programme report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Error(models.TextChoices):
        FAILED = "failed", _("The PDF could not be made. Try again; if it fails again, tell the network staff.")
        TOO_LONG = "too_long", _("The PDF took too long to make and was stopped.")
        WORKER_LOST = "worker_lost", _("The PDF worker stopped while making this PDF.")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REPORT)
    # Every job is of one exchange, but a programme report's (kind PROGRAMME): of a programme, for a year or all.
    exchange = models.ForeignKey(
        Exchange,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="render_jobs",
        verbose_name=_("exchange"),
    )
    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="render_jobs",
        verbose_name=_("programme"),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("report")
    )
    report_version = models.PositiveIntegerField(_("report version"), null=True, blank=True)
    # A release's PDF (kind RELEASE) is made from the release's own text, never from the draft.
    release = models.ForeignKey(
        "ReportRelease", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("release")
    )
    # A printable agenda for one delegation: the sessions it attends, with its home time beside the host's.
    delegation = models.ForeignKey(
        Delegation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="render_jobs",
        verbose_name=_("delegation"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    # Decided by the request without rendering (reports.rendering.pdf_fingerprint): same fingerprint, same job.
    content_hash = models.CharField(_("content fingerprint"), max_length=64, db_index=True)
    # Of the HTML the worker rendered: another job with the same HTML (a restored version, say) shares its file.
    html_hash = models.CharField(_("HTML fingerprint"), max_length=64, blank=True, db_index=True)
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True, max_length=255)
    error = models.CharField(_("error"), max_length=20, choices=Error.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    # When the task last reached the broker; empty while the broker could not be reached (the sweeper retries).
    dispatched_at = models.DateTimeField(_("sent to the workers"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("render job")
        verbose_name_plural = _("render jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["exchange", "kind", "-created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def error_message(self) -> str:
        return self.get_error_display() if self.error else ""

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    def download_name(self) -> str:
        # Folded to ASCII letters, digits and hyphens: it goes into a Content-Disposition header.
        if self.kind == self.Kind.PROGRAMME:
            year = f"-{self.year}" if self.year else ""
            return f"{ascii_filename(self.programme.slug, fallback='programme')}-report{year}-{self.language}.pdf"
        slug = ascii_filename(self.exchange.slug, fallback="exchange")
        if self.kind == self.Kind.RELEASE:
            return f"{slug}-summary-report-{self.language}-release-{self.release.number}.pdf"
        what = "summary-report" if self.kind == self.Kind.REPORT else "agenda"
        if self.delegation_id:
            what = f"{what}-{ascii_filename(self.delegation.city.name, fallback='delegation')}"
        return f"{slug}-{what}-{self.language}.pdf"

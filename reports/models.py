from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.text import ascii_filename
from exchanges.models import Delegation, Exchange

# The four sections of a summary report, in reading order: (field name, heading).
SECTIONS = (
    ("introduction", _("Introduction")),
    ("aims", _("Aims and objectives")),
    ("summary", _("Summary")),
    ("next_steps", _("Next steps")),
)
SECTION_NAMES = tuple(name for name, _heading in SECTIONS)


class Report(models.Model):
    """The summary report of one exchange in one language: four Markdown sections, drafted from the exchange
    and then edited. An exchange has at most one report per language; a translation names its original."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    exchange = models.ForeignKey(
        Exchange, on_delete=models.CASCADE, related_name="summary_reports", verbose_name=_("exchange")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    include_annex = models.BooleanField(
        _("annex"), default=False, help_text=_("Add the delegations and the agenda after the next steps.")
    )
    introduction = models.TextField(_("introduction"), blank=True)
    aims = models.TextField(_("aims and objectives"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    # Optimistic locking: every save of the text increments this; a form carries the number it was based on.
    version = models.PositiveIntegerField(_("version"), default=0)
    # Hash of each section as last drafted, to tell a drafted section from an edited one.
    draft_hashes = models.JSONField(_("drafted text fingerprints"), default=dict, blank=True)
    drafted_at = models.DateTimeField(_("drafted"), null=True, blank=True)
    edited_at = models.DateTimeField(_("text last changed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("summary report")
        verbose_name_plural = _("summary reports")
        ordering = ["-exchange__start_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["exchange", "language"], name="one_report_per_exchange_and_language")
        ]

    def __str__(self):
        return _("Summary report: %(exchange)s") % {"exchange": self.exchange}

    def get_absolute_url(self):
        return reverse("reports:report", kwargs={"slug": self.exchange.slug, "lang": self.language})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def section_texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in SECTION_NAMES}


class ReportVersion(models.Model):
    """The four sections as they were after one save, so that any save can be compared and restored."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions", verbose_name=_("report"))
    number = models.PositiveIntegerField(_("version"))
    introduction = models.TextField(_("introduction"), blank=True)
    aims = models.TextField(_("aims and objectives"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    note = models.CharField(_("what happened"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="one_report_version_per_number")]

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}

    def section_texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in SECTION_NAMES}


class RenderJob(models.Model):
    """One request to render a PDF, run by a Celery worker (or in-process without a broker)."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Summary report")
        AGENDA = "agenda", _("Agenda")

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
    exchange = models.ForeignKey(
        Exchange, on_delete=models.CASCADE, related_name="render_jobs", verbose_name=_("exchange")
    )
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("report")
    )
    report_version = models.PositiveIntegerField(_("report version"), null=True, blank=True)
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
        what = "summary-report" if self.kind == self.Kind.REPORT else "agenda"
        if self.delegation_id:
            what = f"{what}-{ascii_filename(self.delegation.city.name, fallback='delegation')}"
        # Folded to ASCII letters, digits and hyphens: it goes into a Content-Disposition header.
        return f"{ascii_filename(self.exchange.slug, fallback='exchange')}-{what}-{self.language}.pdf"

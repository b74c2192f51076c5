from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.models import City
from core.text import ascii_filename
from exchanges.models import Delegation, Exchange, Programme

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
    include_feedback = models.BooleanField(
        _("what participants said"),
        default=False,
        help_text=_("Add the feedback survey's results, drafted from the answers, with the chart of scores."),
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


class ImmutableRelease(Exception):
    """A release's text, number, date and approvals never change; only its withdrawal is recorded on it."""


class ReportRelease(models.Model):
    """One published state of a report: its title and four sections as released, numbered 1, 2, … per report.

    Readers who do not edit the report read its latest release that is not withdrawn, page and PDF. Saved once;
    afterwards only the withdrawal fields may be written (``save`` refuses anything else).
    """

    WITHDRAWAL_FIELDS = frozenset({"withdrawn_at", "withdrawn_by", "withdrawal_reason"})

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="releases", verbose_name=_("report"))
    number = models.PositiveIntegerField(_("release"))
    report_version = models.PositiveIntegerField(_("report version"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=255)
    # The PDF's header line under the title (host city, dates) as it read on the release day.
    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    include_annex = models.BooleanField(_("annex"), default=False)
    introduction = models.TextField(_("introduction"), blank=True)
    aims = models.TextField(_("aims and objectives"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    # "What participants said" as drafted on the release day, when the report included it: its heading, its
    # Markdown text and its chart (the SVG as rendered then), so that the release keeps them as they read.
    feedback_heading = models.CharField(_("feedback heading"), max_length=255, blank=True)
    feedback_text = models.TextField(_("what participants said"), blank=True)
    feedback_chart = models.TextField(_("feedback chart (SVG)"), blank=True)
    released_at = models.DateTimeField(_("released"))
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("released by"),
    )
    # Set when staff published without the sign-off the programme asks for: why.
    sign_off_waived_reason = models.TextField(_("published without sign-off because"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True)

    class Meta:
        verbose_name = _("report release")
        verbose_name_plural = _("report releases")
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="one_release_per_number")]

    def __str__(self):
        return _("Release %(number)s") % {"number": self.number}

    def save(self, *args, **kwargs):
        if self.pk is not None:
            fields = set(kwargs.get("update_fields") or ())
            if not fields or not fields <= self.WITHDRAWAL_FIELDS:
                raise ImmutableRelease(f"release {self.pk} cannot be changed, only withdrawn")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "reports:release",
            kwargs={"slug": self.report.exchange.slug, "lang": self.language, "number": self.number},
        )

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def section_texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in SECTION_NAMES}


class SignOff(models.Model):
    """A request that the partner cities' coordinators approve one version of a report before its release.

    Pending until every partner city approved and the release is published (PUBLISHED), one approver asks for
    changes (CHANGES_REQUESTED), or a newer request replaces it (REPLACED). An edit of the report after the
    request leaves it pending but stale: its approvals are for ``report_version`` only.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        REPLACED = "replaced", _("Replaced by a newer request")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sign_offs", verbose_name=_("report"))
    report_version = models.PositiveIntegerField(_("version reviewed"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    release = models.OneToOneField(
        ReportRelease,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sign_off",
        verbose_name=_("release"),
    )
    # The day the last reminder went out: the reminder task claims a period by moving it (sent once per period).
    reminded_on = models.DateField(_("last reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-off request")
        verbose_name_plural = _("sign-off requests")
        ordering = ["report", "-requested_at", "-pk"]

    def __str__(self):
        return _("Sign-off of version %(version)s") % {"version": self.report_version}

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class SignOffDecision(models.Model):
    """One partner city's answer to a sign-off request, given by one of its coordinators."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")

    sign_off = models.ForeignKey(
        SignOff, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("sign-off request")
    )
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+", verbose_name=_("city"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    decided_at = models.DateTimeField(_("decided"))

    class Meta:
        verbose_name = _("sign-off decision")
        verbose_name_plural = _("sign-off decisions")
        ordering = ["sign_off", "decided_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["sign_off", "city"], name="one_decision_per_city")]

    def __str__(self):
        return f"{self.city}: {self.get_decision_display()}"

    @property
    def approved(self) -> bool:
        return self.decision == self.Decision.APPROVED

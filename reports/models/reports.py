"""Summary reports and their versions: the text coordinators write, section by section."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exchanges.models import Exchange

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

"""Releases of a report (its published states, which never change) and the sign-offs that publish them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.models import City
from reports.models.reports import SECTION_NAMES, Report


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

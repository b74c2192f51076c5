"""Next steps (commitments made at an exchange) and their dated updates."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.models import Organisation
from core.validators import validate_calendar_date
from exchanges.models.programmes import Exchange, Objective
from participants.models import Person


class NextStep(models.Model):
    """A commitment a party made at the exchange, followed up afterwards."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    exchange = models.ForeignKey(
        Exchange, on_delete=models.CASCADE, related_name="next_steps", verbose_name=_("exchange")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("commitment"))
    owner_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_steps",
        verbose_name=_("owner organisation"),
    )
    owner_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="next_steps", verbose_name=_("owner")
    )
    objective = models.ForeignKey(
        Objective,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_steps",
        verbose_name=_("objective served"),
    )
    sessions = models.ManyToManyField(
        "exchanges.Session",
        blank=True,
        related_name="next_steps",
        verbose_name=_("sessions it came from"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True, validators=[validate_calendar_date])
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    # Reminder bookkeeping: the due date each reminder was last sent for, so that
    # each is sent once per due date (a new due date earns new reminders).
    reminder_week_sent_for = models.DateField(_("week reminder sent for due date"), null=True, editable=False)
    overdue_sent_for = models.DateField(_("overdue reminder sent for due date"), null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    ACTIVE_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    class Meta:
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")
        ordering = ["exchange", "position", "pk"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("exchanges:next_step_detail", kwargs={"slug": self.exchange.slug, "pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    def is_overdue(self, today) -> bool:
        """Open or in progress, and its due date has passed."""
        return self.is_active and self.due_date is not None and self.due_date < today


class NextStepUpdate(models.Model):
    """One dated entry in a next step's trail: what happened, and the status it left the step in."""

    next_step = models.ForeignKey(
        NextStep, on_delete=models.CASCADE, related_name="updates", verbose_name=_("next step")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_step_updates",
        verbose_name=_("author"),
    )
    text = models.TextField(_("update"))
    new_status = models.CharField(
        _("status set to"), max_length=12, choices=NextStep.Status.choices, blank=True, help_text=_("Empty: unchanged.")
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("next step update")
        verbose_name_plural = _("next step updates")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text[:80]


class NextStepCheckIn(models.Model):
    """A follow-up check-in: some months after the exchange, the owner is asked by e-mail for an update.

    One row per step and month (``Programme.check_in_months``), created when the e-mail is sent: the row is the
    claim that the check-in went, so each goes once. The owner answers on a signed page, which posts an update.
    """

    next_step = models.ForeignKey(
        NextStep, on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("next step")
    )
    months = models.PositiveSmallIntegerField(_("months after the exchange"))
    due_on = models.DateField(_("due on"), validators=[validate_calendar_date])
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    update = models.OneToOneField(
        NextStepUpdate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="check_in",
        verbose_name=_("answer"),
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["next_step", "months"]
        constraints = [models.UniqueConstraint(fields=["next_step", "months"], name="check_in_once_per_month")]

    def __str__(self):
        return f"{self.next_step_id} · {self.months}"

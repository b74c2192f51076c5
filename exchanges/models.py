import uuid
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.models import City, Initiative, Organisation, Theme
from core.fields import SingleLineCharField
from participants.models import Delegation, Person


class Programme(models.Model):
    """A series of exchanges run by one organiser, e.g. SCN bilateral city exchanges 2017–2018."""

    name = SingleLineCharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    organiser = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("organiser")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    planned_exchanges = models.PositiveSmallIntegerField(_("planned number of exchanges"), default=1)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="programme_ends_after_start",
                violation_error_message=_("The programme must end on or after its start date."),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The programme must end on or after its start date.")})


class Exchange(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        UNDER_WAY = "under_way", _("Under way")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="exchanges", verbose_name=_("programme")
    )
    title = SingleLineCharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    host_city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="hosted_exchanges", verbose_name=_("host city")
    )
    visiting_cities = models.ManyToManyField(City, related_name="visited_exchanges", verbose_name=_("visiting cities"))
    start_date = models.DateField(_("first day"), help_text=_("In the host city's time zone."))
    end_date = models.DateField(_("last day"), help_text=_("In the host city's time zone."))
    host_contact = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_exchanges",
        verbose_name=_("host contact"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    themes = models.ManyToManyField(Theme, blank=True, related_name="exchanges", verbose_name=_("themes"))
    description = models.TextField(
        _("purpose"), blank=True, help_text=_("What the exchange sets out to do, in a sentence or two.")
    )
    outcome = models.TextField(
        _("overall outcome"), blank=True, help_text=_("Markdown. Closes the summary of the report.")
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Show the agenda and published report to everyone.")
    )
    transfer_buffer_minutes = models.PositiveSmallIntegerField(
        _("transfer buffer (minutes)"),
        default=30,
        help_text=_("Warn when sessions at different venues are closer together than this."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        ordering = ["-start_date", "title"]
        # The home page lists upcoming exchanges by start and recent ones by end.
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="exchange_ends_after_start",
                violation_error_message=_("The last day must be on or after the first day."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("exchanges:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day must be on or after the first day.")})

    @property
    def tzinfo(self):
        return self.host_city.tzinfo

    @property
    def days(self) -> list:
        """Every date of the exchange, in the host city's calendar."""
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + timedelta(days=offset) for offset in range(count)]

    def local_bounds(self) -> tuple[datetime, datetime]:
        """The exchange's first and last instant as aware datetimes in the host city."""
        tz = self.tzinfo
        start = datetime.combine(self.start_date, time.min, tzinfo=tz)
        end = datetime.combine(self.end_date + timedelta(days=1), time.min, tzinfo=tz)
        return start, end


class Objective(models.Model):
    """One ✓ of an exchange's aims: a bold lead and a detail."""

    exchange = models.ForeignKey(
        Exchange, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("exchange")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    lead = SingleLineCharField(_("lead"), max_length=255)
    detail = models.TextField(_("detail"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["exchange", "position", "pk"]

    def __str__(self):
        return self.lead

    @property
    def detail_separator(self) -> str:
        """The space between the bold lead and its detail, unless the detail starts with punctuation."""
        return "" if self.detail[:1] in {",", ";", ":", "."} else " "


class Venue(models.Model):
    """A meeting room or a site that delegates visit."""

    class Kind(models.TextChoices):
        VENUE = "venue", _("Meeting venue")
        SITE = "site", _("Site")

    name = SingleLineCharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.VENUE)
    address = SingleLineCharField(_("address"), max_length=255, blank=True)
    district = SingleLineCharField(_("district"), max_length=120, blank=True)
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="venues", verbose_name=_("city"))
    host_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="venues",
        verbose_name=_("host organisation"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("venue or site")
        verbose_name_plural = _("venues and sites")
        ordering = ["city__name", "name"]

    def __str__(self):
        return self.name

    @property
    def full_address(self) -> str:
        return ", ".join(part for part in (self.name, self.address, self.district, str(self.city)) if part)


class Session(models.Model):
    """One item of an exchange's agenda."""

    class Kind(models.TextChoices):
        ROUNDTABLE = "roundtable", _("Roundtable")
        BRIEFING = "briefing", _("Briefing")
        PRESENTATION = "presentation", _("Presentation")
        WORKSHOP = "workshop", _("Workshop")
        SITE_VISIT = "site_visit", _("Site visit")
        MEAL = "meal", _("Meal")
        TRAVEL = "travel", _("Travel")
        OTHER = "other", _("Other")

    exchange = models.ForeignKey(
        Exchange, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("exchange")
    )
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRESENTATION)
    title = SingleLineCharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("venue or site")
    )
    presenters = models.ManyToManyField(
        Person, blank=True, related_name="presented_sessions", verbose_name=_("presenters")
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="sessions", verbose_name=_("organisations involved")
    )
    initiatives = models.ManyToManyField(
        Initiative, blank=True, related_name="sessions", verbose_name=_("initiatives presented")
    )
    attending_delegations = models.ManyToManyField(
        Delegation,
        blank=True,
        related_name="sessions",
        verbose_name=_("attending delegations"),
        help_text=_("Leave empty when every delegation attends."),
    )
    notes = models.TextField(
        _("notes and outcome"), blank=True, help_text=_("Markdown. The summary report draws on these.")
    )
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "end", "pk"]
        indexes = [models.Index(fields=["exchange", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="session_ends_after_start",
                violation_error_message=_("The session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="site_visit") | Q(venue__isnull=False),
                name="site_visit_has_venue",
                violation_error_message=_("A site visit needs a site."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("exchanges:detail", kwargs={"slug": self.exchange.slug}) + f"#session-{self.pk}"

    def save(self, *args, **kwargs):
        # Calendar clients replace an event only when its SEQUENCE grows (RFC 5545, 3.8.7.4).
        if self.pk is not None and not kwargs.get("force_insert"):
            self.sequence += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The session must end after it starts.")
        if self.kind == self.Kind.SITE_VISIT and not self.venue_id:
            errors["venue"] = _("A site visit needs a site: choose where the delegation goes.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_outside_exchange_dates(self) -> bool:
        """True when the session starts or ends outside the exchange's days (host time).

        A warning, not an error: exchanges change dates after sessions exist,
        and staff must be able to save first and fix the dates later.
        """
        first, last = self.exchange.local_bounds()
        return self.start < first or self.end > last

    def local_start(self):
        return self.start.astimezone(self.exchange.tzinfo)

    def local_end(self):
        return self.end.astimezone(self.exchange.tzinfo)


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
    due_date = models.DateField(_("due date"), null=True, blank=True)
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


class AgendaChange(models.Model):
    """One recorded change to the agenda of a scheduled exchange, so delegates can be told."""

    class Action(models.TextChoices):
        ADDED = "added", _("Added")
        CHANGED = "changed", _("Changed")
        REMOVED = "removed", _("Removed")

    exchange = models.ForeignKey(
        Exchange, on_delete=models.CASCADE, related_name="agenda_changes", verbose_name=_("exchange")
    )
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes", verbose_name=_("session")
    )
    session_title = models.CharField(_("session title"), max_length=255)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    summary = models.TextField(_("what changed"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("changed by")
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    notified_at = models.DateTimeField(_("delegates notified"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda change")
        verbose_name_plural = _("agenda changes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.session_title}"

"""Venues, the agenda's sessions and the record of agenda changes."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.models import City, Initiative, Organisation
from core.fields import SingleLineCharField
from exchanges.models.delegations import Delegation
from exchanges.models.programmes import Exchange
from participants.models import Person


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

    class Confidentiality(models.TextChoices):
        """Who may learn of a session; ``exchanges.confidentiality`` applies it to every page, feed and report."""

        PUBLIC = "public", _("Public")
        PARTICIPANTS = "participants", _("Participants only")
        CHATHAM_HOUSE = "chatham_house", _("Chatham House rule")
        RESTRICTED = "restricted", _("Restricted to its attendees")

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
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.PUBLIC,
        help_text=_(
            "Participants only: not on public pages nor in the report. Chatham House rule: the content may be"
            " reported, its presenters and their organisations are not named. Restricted: only its attendees see"
            " it; others who see the exchange see a busy slot; never in a report, a search or a public page."
        ),
    )
    notes = models.TextField(
        _("notes and outcome"), blank=True, help_text=_("Markdown. The summary report draws on these.")
    )
    # The daily blocks of one session over several days (a two-day workshop: two blocks with the same
    # hours) share a series; each block is a session of its own: its own calendar event, agenda entry, notes.
    series = models.UUIDField(_("series of daily blocks"), null=True, blank=True, db_index=True, editable=False)
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
        return reverse("exchanges:session_detail", kwargs={"slug": self.exchange.slug, "pk": self.pk})

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


class SessionMove(models.Model):
    """The last move of a session in the builder, per user and exchange, so that it can be undone.

    One row per user and exchange: a new move replaces it, an undo deletes it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="+", verbose_name=_("exchange"))
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+", verbose_name=_("session"))
    old_start = models.DateTimeField(_("start before the move"))
    old_end = models.DateTimeField(_("end before the move"))
    moved_at = models.DateTimeField(_("moved"), auto_now=True)

    class Meta:
        verbose_name = _("session move")
        verbose_name_plural = _("session moves")
        constraints = [models.UniqueConstraint(fields=["user", "exchange"], name="one_undoable_move_per_user")]

    def __str__(self):
        return f"{self.session_id}: {self.old_start:%Y-%m-%d %H:%M}"


class AgendaChange(models.Model):
    """One recorded change to the agenda of a scheduled exchange, so delegates can be told.

    ``changes`` holds what changed as raw values, worded in each reader's language when read
    (``exchanges.wording``); ``summary`` is the text of changes recorded before that, in their
    editor's language, shown as it was written.
    """

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
    changes = models.JSONField(
        _("changes"),
        default=list,
        blank=True,
        help_text=_('What changed: a list of {"field", "old", "new"} with raw values, worded for each reader.'),
    )
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

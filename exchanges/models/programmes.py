"""Programmes, their exchanges and each exchange's objectives."""

from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_comma_separated_integer_list
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.models import City, Organisation, Theme
from core.fields import SingleLineCharField
from core.validators import validate_calendar_date
from participants.models import Person


def validate_check_in_months(value: str) -> None:
    """Months after an exchange, comma-separated, each from 1 to 60."""
    validate_comma_separated_integer_list(value)
    if any(not 1 <= int(part) <= 60 for part in value.split(",") if part.strip()):
        raise ValidationError(_("Give months from 1 to 60, e.g. 3,6,12."))


class Programme(models.Model):
    """A series of exchanges run by one organiser, e.g. SCN bilateral city exchanges 2017–2018."""

    name = SingleLineCharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    organiser = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("organiser")
    )
    start_date = models.DateField(_("start date"), validators=[validate_calendar_date])
    end_date = models.DateField(_("end date"), validators=[validate_calendar_date])
    planned_exchanges = models.PositiveSmallIntegerField(_("planned number of exchanges"), default=1)
    description = models.TextField(_("description"), blank=True)
    requires_sign_off = models.BooleanField(
        _("reports need sign-off by both cities"),
        default=True,
        help_text=_(
            "Before a report is published, a coordinator of the host city and of each visiting city approves it."
        ),
    )
    check_in_months = models.CharField(
        _("follow-up check-ins (months after an exchange)"),
        max_length=40,
        default="3,6,12",
        blank=True,
        validators=[validate_check_in_months],
        help_text=_("Comma-separated, e.g. 3,6,12: the owners of open actions are asked for an update then."),
    )

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

    @property
    def check_in_month_list(self) -> list[int]:
        """The months of ``check_in_months``, sorted, without zeros or repeats."""
        return sorted({int(part) for part in self.check_in_months.split(",") if part.strip().isdigit()} - {0})


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
    start_date = models.DateField(
        _("first day"), help_text=_("In the host city's time zone."), validators=[validate_calendar_date]
    )
    end_date = models.DateField(
        _("last day"), help_text=_("In the host city's time zone."), validators=[validate_calendar_date]
    )
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
    is_template = models.BooleanField(
        _("exchange template"),
        default=False,
        help_text=_("Offered on the programme's page as the start of a new exchange (“New exchange from template”)."),
    )
    transfer_buffer_minutes = models.PositiveSmallIntegerField(
        _("transfer buffer (minutes)"),
        default=30,
        help_text=_("Warn when sessions at different venues are closer together than this."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Grows by one on every change to what the exchange's pages show (exchanges.versions.exchange_touch): its
    # rendered agenda and feeds are cached under it. Written only by that UPDATE, never by save().
    content_version = models.PositiveBigIntegerField(_("content version"), default=0, editable=False)

    class Meta:
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        ordering = ["-start_date", "title"]
        # The home page lists upcoming exchanges (end_date >= today) by start: with end_date beside start_date in the
        # index, the scan from the first start skips the past exchanges inside the index, without reading their rows
        # (20,000 exchanges, 15,700 past: 7.6 ms → 0.3 ms on PostgreSQL). Recent ones by end.
        indexes = [models.Index(fields=["start_date", "end_date"]), models.Index(fields=["end_date"])]
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

    def save(self, *args, **kwargs):
        # Never write back the content version read with this instance (a concurrent bump would be undone, and a
        # rendered agenda cached under an older version served again): an update leaves it out, then bumps it.
        adding = self._state.adding
        if not adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "content_version"
            ]
        super().save(*args, **kwargs)
        if not adding:
            Exchange.objects.filter(pk=self.pk).update(content_version=F("content_version") + 1)
            self.content_version += 1

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

import zoneinfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import SingleLineCharField, WebsiteField
from core.validators import validate_calendar_date, validate_time_zone


class Theme(models.Model):
    """A subject that exchanges and initiatives are filed under (P/CVE, youth, policing…)."""

    name = SingleLineCharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class City(models.Model):
    name = SingleLineCharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    country = SingleLineCharField(_("country"), max_length=120)
    region = SingleLineCharField(
        _("region"), max_length=120, blank=True, help_text=_("For example: West Africa, North America.")
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, validators=[validate_time_zone], help_text=_("IANA name, e.g. America/Toronto.")
    )
    languages = SingleLineCharField(
        _("languages"), max_length=120, blank=True, help_text=_("For example: French, Wolof.")
    )
    member_since = models.DateField(_("member since"), null=True, blank=True, validators=[validate_calendar_date])
    is_member = models.BooleanField(_("member city"), default=True)
    is_public = models.BooleanField(
        _("public profile"), default=True, help_text=_("Show the city profile to everyone.")
    )
    profile = models.TextField(_("profile"), blank=True, help_text=_("Markdown."))
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Coordinator",
        related_name="coordinated_cities",
        blank=True,
        verbose_name=_("coordinators"),
    )

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def get_absolute_url(self):
        return reverse("cities:city_detail", kwargs={"slug": self.slug})


class Coordinator(models.Model):
    """A user who is the focal point of a city: manages its profile and delegations."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user"))
    city = models.ForeignKey(City, on_delete=models.CASCADE, verbose_name=_("city"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("city coordinator")
        verbose_name_plural = _("city coordinators")
        constraints = [models.UniqueConstraint(fields=["user", "city"], name="unique_coordinator_per_city")]

    def __str__(self):
        return f"{self.user} – {self.city}"


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal")
        POLICE = "police", _("Police")
        NGO = "ngo", _("NGO")
        ACADEMIC = "academic", _("Academic")
        NETWORK = "network", _("Network")
        GOVERNMENT = "government", _("Government")
        INTERNATIONAL = "international", _("International organisation")
        OTHER = "other", _("Other")

    name = SingleLineCharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    acronym = SingleLineCharField(_("acronym"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    city = models.ForeignKey(
        City, null=True, blank=True, on_delete=models.SET_NULL, related_name="organisations", verbose_name=_("city")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
        verbose_name=_("part of"),
        help_text=_("For a unit or department of a larger organisation."),
    )
    website = WebsiteField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Initiative(models.Model):
    """A best practice a city runs, such as RÉSAL or Dakar's Volunteer Programme."""

    name = SingleLineCharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    acronym = SingleLineCharField(_("acronym"), max_length=32, blank=True)
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("city"))
    lead_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
        verbose_name=_("lead organisation"),
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="initiatives", verbose_name=_("themes"))
    summary = SingleLineCharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    website = WebsiteField(_("website"), blank=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cities:initiative_detail", kwargs={"slug": self.slug})

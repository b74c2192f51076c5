"""Partnerships of cities over the years, and the practices one city adopted from another after an exchange."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.models import City, Initiative
from core.validators import validate_calendar_date
from exchanges.models.programmes import Exchange


class Partnership(models.Model):
    """A pair (or a group) of cities that hold exchanges together over the years.

    Its page is public when every one of its cities chose so (``PartnershipCity.publishes``): staff may
    set the choice of every city, a coordinator the choice of their own city.
    """

    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    cities = models.ManyToManyField(
        City, through="PartnershipCity", related_name="partnerships", verbose_name=_("cities")
    )
    since = models.DateField(_("since"), null=True, blank=True, validators=[validate_calendar_date])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["slug"]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return reverse("overview:partnership_detail", kwargs={"slug": self.slug})


class PartnershipCity(models.Model):
    """One city of a partnership, and whether it chose to make the partnership's page public."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="members", verbose_name=_("partnership")
    )
    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="partnership_memberships", verbose_name=_("city")
    )
    publishes = models.BooleanField(_("agrees to a public page"), default=False)

    class Meta:
        verbose_name = _("city of a partnership")
        verbose_name_plural = _("cities of partnerships")
        ordering = ["partnership", "city__name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "city"], name="partnership_city_once")]

    def __str__(self):
        return f"{self.partnership} · {self.city}"


class PracticeAdoption(models.Model):
    """A city took up another's practice (an initiative) after an exchange.

    "Dakar adopted the CPRLV's awareness training after the 2017 exchange". ``text`` says how, in English and
    French; the initiative's public page lists it under "Adopted by".
    """

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("city"))
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("initiative adopted")
    )
    exchange = models.ForeignKey(
        Exchange,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoptions",
        verbose_name=_("after the exchange"),
    )
    adopted_on = models.DateField(_("adopted on"), validators=[validate_calendar_date])
    text = models.TextField(_("how it was adopted"), blank=True)

    class Meta:
        verbose_name = _("practice adopted")
        verbose_name_plural = _("practices adopted")
        ordering = ["-adopted_on", "pk"]

    def __str__(self):
        return f"{self.city} · {self.initiative}"

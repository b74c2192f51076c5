"""Delegations: one city's party in one exchange, and its members."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cities.models import City
from exchanges.models.programmes import Exchange
from participants.models import Person


class Delegation(models.Model):
    """One city's party in one exchange."""

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        VISITING = "visiting", _("Visiting")

    exchange = models.ForeignKey(
        Exchange, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("exchange")
    )
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="delegations", verbose_name=_("city"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VISITING)
    members = models.ManyToManyField(
        Person, through="Membership", related_name="delegations", verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["role", "city__name"]
        constraints = [
            models.UniqueConstraint(fields=["exchange", "city"], name="one_delegation_per_city_and_exchange")
        ]

    def __str__(self):
        return _("%(city)s delegation") % {"city": self.city}


class Membership(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Head of delegation")
        MEMBER = "member", _("Member")
        HOST_COORDINATOR = "host_coordinator", _("Host coordinator")
        FACILITATOR = "facilitator", _("Facilitator")
        INTERPRETER = "interpreter", _("Interpreter")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person"))
    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("delegation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["delegation", "role", "person__name"]
        constraints = [models.UniqueConstraint(fields=["person", "delegation"], name="one_membership_per_delegation")]

    def __str__(self):
        return f"{self.person} – {self.delegation} ({self.get_role_display()})"

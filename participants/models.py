import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cities.models import City, Organisation
from core.fields import SingleLineCharField


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class Person(models.Model):
    """A practitioner: a delegate, a presenter, a host contact."""

    name = SingleLineCharField(_("name"), max_length=200)
    honorific = SingleLineCharField(
        _("honorific"), max_length=60, blank=True, help_text=_("For example: Commander, Dr.")
    )
    job_title = SingleLineCharField(_("job title"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("organisation"),
    )
    city = models.ForeignKey(
        City, null=True, blank=True, on_delete=models.SET_NULL, related_name="people", verbose_name=_("city")
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    languages = SingleLineCharField(_("languages spoken"), max_length=120, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Language of e-mails, agendas and calendar feeds."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("user account"),
    )
    feed_token = models.CharField(
        _("calendar feed token"), max_length=64, unique=True, default=new_feed_token, editable=False
    )
    notify_changes = models.BooleanField(_("e-mail me agenda changes"), default=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~models.Q(email=""), name="unique_person_email_when_set"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}" if self.honorific else self.name


class Delegation(models.Model):
    """One city's party in one exchange."""

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        VISITING = "visiting", _("Visiting")

    # Named by label so that no import runs from participants to exchanges.
    exchange = models.ForeignKey(
        "exchanges.Exchange", on_delete=models.CASCADE, related_name="delegations", verbose_name=_("exchange")
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

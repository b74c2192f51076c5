import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

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
    phone = PhoneNumberField(
        _("phone number"), blank=True, help_text=_("In international form, for example +221 33 889 12 34. Optional.")
    )
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
    def mail_address(self) -> str:
        """Where e-mails to this person go: their own address, else their account's ("" if neither)."""
        return self.email or (self.user.email if self.user_id else "")

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}" if self.honorific else self.name


class Invitation(models.Model):
    """A staff invitation for a Person to open an account.

    Only a SHA-256 of the token is stored: a copy of the database cannot be
    used to accept someone's invitation. The token itself exists only in the
    e-mail (see participants.services.invitation_send).
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("person"))
    email = models.EmailField(_("e-mail address"))
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, null=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.email

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and not self.is_expired

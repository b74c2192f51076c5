"""Writes of the participants app: invitations of a person to open an account. Views call these."""

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.site import site_url
from core.text import header_safe
from participants.models import Invitation, Person


class InvitationError(Exception):
    """An invitation cannot be created or accepted; the message says why, for the user."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(*, person: Person, email: str, invited_by) -> Invitation:
    """Invite a person to open an account; the e-mail goes out after commit (Celery).

    Earlier pending invitations of the person stop working: only the newest
    link opens an account. Raises InvitationError when the person already has
    an account or another account uses the address.
    """
    from participants.tasks import send_invitation

    email = get_user_model().objects.normalize_email(email).lower()
    if person.user_id is not None:
        raise InvitationError(_("%(name)s already has an account.") % {"name": person.name})
    if get_user_model().objects.filter(email__iexact=email).exists():
        raise InvitationError(_("Another account already uses this e-mail address."))
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(person=person, accepted_at__isnull=True, expires_at__gt=now).update(expires_at=now)
        invitation = Invitation.objects.create(
            person=person,
            email=email,
            invited_by=invited_by if invited_by is not None and invited_by.is_authenticated else None,
            expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        transaction.on_commit(lambda: send_invitation.delay(invitation_id=invitation.pk))
    return invitation


def invitation_send(*, invitation: Invitation) -> None:
    """Give the invitation a fresh token and e-mail it, in the person's language.

    The token is made here, not when the invitation is created, so that it
    never travels through the broker or sits in the database in clear.
    """
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["token_hash", "sent_at"])
    person = invitation.person
    language = person.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "person": person,
            "invitation": invitation,
            "url": site_url() + reverse("participants:invitation_accept", kwargs={"token": token}),
            "valid_days": settings.INVITATION_VALID_DAYS,
            "NETWORK_NAME": settings.NETWORK_NAME,
        }
        subject = header_safe(render_to_string("participants/email/invitation_subject.txt", context))
        body = render_to_string("participants/email/invitation_message.txt", context)
    EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email], headers={"Content-Language": language}
    ).send()


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation this token belongs to (accepted and expired ones included), or None."""
    if not token or len(token) > 128:
        return None
    return Invitation.objects.select_related("person").filter(token_hash=token_hash(token)).first()


def invitation_accept(*, invitation: Invitation, password: str):
    """Open the account: create the user with a verified e-mail and link the person.

    Returns the new user. Raises InvitationError if the invitation was used,
    has expired, or its address or person got an account in the meantime.
    """
    User = get_user_model()
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("person").get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise InvitationError(_("This invitation has already been used."))
        if invitation.is_expired:
            raise InvitationError(_("This invitation has expired."))
        person = Person.objects.select_for_update().get(pk=invitation.person_id)
        if person.user_id is not None or User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationError(_("An account already exists for this person or address."))
        user = User.objects.create_user(email=invitation.email, password=password, language=person.language)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        person.user = user
        person.save(update_fields=["user"])
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return user

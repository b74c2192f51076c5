"""Writes that reach across apps for one person: anonymisation (GDPR erasure).

It lives above the apps because it empties records of several of them: the
person (participants), their invitations, their coordinator roles (cities),
their change history (audit) and their sign-in records (accounts, allauth).
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction

from cities.models import Coordinator
from participants.models import Person, new_feed_token

# Every language's column of the translated ones (modeltranslation): an English-only erasure left the French job title.
ANONYMISED_FIELDS = {
    **{f"{name}{suffix}": "" for name in ("honorific", "job_title") for suffix in ("", "_en", "_fr")},
    "email": "",
    "phone": "",
    "languages": "",
}


def person_anonymise(*, person: Person) -> Person:
    """Replace a person's identifying details, keeping the row so exchanges and reports still hold.

    The person's name becomes "Anonymised person #id"; e-mail, phone number, job title,
    honorific and languages are emptied, in the person's change history too.
    Their user account (if any) is unlinked, deactivated and stripped of
    e-mail, password, authenticators and coordinator roles; their invitations
    are deleted. Memberships, presentations and next steps stay, under the
    new name.
    """
    name = f"Anonymised person #{person.pk}"
    with transaction.atomic():
        user = person.user
        for field, value in ANONYMISED_FIELDS.items():
            setattr(person, field, value)
        person.name = name
        person.user = None
        person.notify_changes = False
        person.feed_token = new_feed_token()
        person.save()
        person.history.filter(id=person.pk).update(name=name, user=None, **ANONYMISED_FIELDS)
        person.invitations.all().delete()
        if user is not None:
            user_deactivate(user=user)
    return person


def user_deactivate(*, user) -> None:
    """Close an account for good: no login, no address, no roles."""
    user.email = f"anonymised-{user.pk}@invalid.invalid"
    user.first_name = user.last_name = user.language = user.time_zone = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    Coordinator.objects.filter(user=user).delete()

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from participants.models import Invitation, Person
from participants.services import token_hash

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-new-password-1"


def _staff(client):
    client.force_login(get_user_model().objects.get(email="staff@example.org"))


def _invite(client, person, email, capture):
    _staff(client)
    with capture(execute=True):
        response = client.post(reverse("participants:person_invite", kwargs={"pk": person.pk}), {"email": email})
    client.logout()
    return response


def _link(message) -> str:
    return re.search(r"https?://\S+(/invitations/\S+/)", message.body).group(1)


@pytest.fixture
def jocelyne(demo):
    return Person.objects.get(email="jocelyne.lebrun@example.org")


def test_invitation_email_goes_out_in_the_person_language_with_a_single_use_link(
    client, jocelyne, django_capture_on_commit_callbacks
):
    response = _invite(client, jocelyne, "jocelyne.lebrun@example.org", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["jocelyne.lebrun@example.org"]
    assert message.extra_headers["Content-Language"] == "fr"
    assert message.subject == "Votre invitation au Portail des échanges du Strong Cities Network"
    assert "Bonjour Jocelyne Lebrun" in message.body and "7 jours" in message.body
    assert "invitation" in message.body and "Hello" not in message.body and " days" not in message.body
    invitation = Invitation.objects.get(person=jocelyne)
    token = _link(message).split("/")[-2]
    assert invitation.token_hash == token_hash(token) and token not in invitation.token_hash
    assert abs(invitation.expires_at - invitation.created_at - timedelta(days=7)) < timedelta(seconds=5)
    assert invitation.invited_by.email == "staff@example.org"


def test_invite_page_shows_the_pending_invitation_to_staff(client, jocelyne, django_capture_on_commit_callbacks):
    _invite(client, jocelyne, "jocelyne.lebrun@example.org", django_capture_on_commit_callbacks)
    _staff(client)

    page = client.get(reverse("participants:person_invite", kwargs={"pk": jocelyne.pk})).content.decode()

    assert "Waiting, expires on" in page and "staff@example.org" in page


@pytest.mark.templates
def test_accepting_sets_a_password_links_the_person_and_shows_their_exchanges(
    client, jocelyne, django_capture_on_commit_callbacks
):
    _invite(client, jocelyne, "jocelyne.lebrun@example.org", django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])

    form_page = client.get(link).content.decode()
    response = client.post(link, {"password1": PASSWORD, "password2": PASSWORD}, follow=True)

    assert "Open your account" in form_page and "jocelyne.lebrun@example.org" in form_page
    user = get_user_model().objects.get(email="jocelyne.lebrun@example.org")
    jocelyne.refresh_from_db()
    assert jocelyne.user == user and user.language == "fr"
    assert EmailAddress.objects.filter(user=user, email=user.email, verified=True, primary=True).exists()
    assert response.context["user"] == user
    assert "Échange Dakar–Montréal" in response.content.decode()  # her language: French
    assert Invitation.objects.get(person=jocelyne).accepted_at is not None
    client.logout()
    assert client.login(email="jocelyne.lebrun@example.org", password=PASSWORD)


def test_a_used_invitation_is_refused_with_a_clear_page(client, jocelyne, django_capture_on_commit_callbacks):
    _invite(client, jocelyne, "jocelyne.lebrun@example.org", django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    client.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    client.logout()

    response = client.post(link, {"password1": "another-password-2", "password2": "another-password-2"})

    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert not client.login(email="jocelyne.lebrun@example.org", password="another-password-2")


def test_an_invitation_expires_after_seven_days(client, jocelyne, django_capture_on_commit_callbacks):
    _invite(client, jocelyne, "jocelyne.lebrun@example.org", django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])

    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        get = client.get(link)
        post = client.post(link, {"password1": PASSWORD, "password2": PASSWORD})

    assert get.status_code == post.status_code == 410
    assert "has expired" in post.content.decode()
    assert not get_user_model().objects.filter(email="jocelyne.lebrun@example.org").exists()


def test_an_invitation_still_works_on_its_last_day(client, jocelyne, django_capture_on_commit_callbacks):
    _invite(client, jocelyne, "jocelyne.lebrun@example.org", django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])

    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23)):
        response = client.get(link)

    assert "Open your account" in response.content.decode()


def test_a_new_invitation_replaces_the_earlier_link(client, jocelyne, django_capture_on_commit_callbacks):
    _invite(client, jocelyne, "jocelyne.lebrun@example.org", django_capture_on_commit_callbacks)
    _invite(client, jocelyne, "jocelyne.lebrun@example.org", django_capture_on_commit_callbacks)
    first, second = _link(mail.outbox[0]), _link(mail.outbox[1])

    assert client.get(first).status_code == 410
    assert "Open your account" in client.get(second).content.decode()


def test_an_unknown_token_gets_a_clear_404(client, demo):
    response = client.get(reverse("participants:invitation_accept", kwargs={"token": "not-a-token"}))

    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()


def test_different_passwords_are_refused_next_to_the_field(client, jocelyne, django_capture_on_commit_callbacks):
    _invite(client, jocelyne, "jocelyne.lebrun@example.org", django_capture_on_commit_callbacks)

    response = client.post(_link(mail.outbox[0]), {"password1": PASSWORD, "password2": PASSWORD + "x"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "The two passwords differ." in page and "field--error" in page
    assert not get_user_model().objects.filter(email="jocelyne.lebrun@example.org").exists()


def test_a_weak_password_is_refused(client, jocelyne, django_capture_on_commit_callbacks):
    _invite(client, jocelyne, "jocelyne.lebrun@example.org", django_capture_on_commit_callbacks)

    response = client.post(_link(mail.outbox[0]), {"password1": "12345678", "password2": "12345678"})

    assert "This password is too common." in response.content.decode()
    assert not get_user_model().objects.filter(email="jocelyne.lebrun@example.org").exists()


def test_inviting_a_person_who_has_an_account_says_so_and_sends_nothing(
    client, demo, django_capture_on_commit_callbacks
):
    maye = Person.objects.get(email="maye.seck@example.org")
    _staff(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("participants:person_invite", kwargs={"pk": maye.pk}), {"email": "new@example.org"}
        )

    assert "already has an account" in response.content.decode()
    assert mail.outbox == [] and not Invitation.objects.exists()


def test_inviting_with_an_address_another_account_uses_is_refused(client, jocelyne):
    _staff(client)

    response = client.post(
        reverse("participants:person_invite", kwargs={"pk": jocelyne.pk}), {"email": "Delegate@Example.org"}
    )

    assert "Another account already uses this e-mail address." in response.content.decode()
    assert not Invitation.objects.exists()


def test_invite_page_is_404_for_a_coordinator(client, jocelyne):
    client.force_login(get_user_model().objects.get(email="coordinator@example.org"))

    response = client.post(
        reverse("participants:person_invite", kwargs={"pk": jocelyne.pk}), {"email": "x@example.org"}
    )

    assert response.status_code == 404
    assert not Invitation.objects.exists()

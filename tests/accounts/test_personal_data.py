import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from cities.models import Coordinator
from exchanges.models import Exchange, Membership
from participants.models import Person
from tests.factories import UserFactory
from tests.mfa import activate_totp

pytestmark = pytest.mark.django_db


def _user(email):
    return get_user_model().objects.get(email=email)


def test_my_data_page_shows_the_delegates_profile_and_delegations(client, demo):
    client.force_login(_user("delegate@example.org"))

    page = client.get(reverse("overview:my_data")).content.decode()

    assert "Maye Seck" in page and "Urban security adviser to the Mayor" in page
    assert "Dakar–Montréal city exchange · Dakar · Head of delegation" in page


def test_my_data_download_is_a_json_attachment_without_secrets(client, demo):
    user = _user("delegate@example.org")
    activate_totp(user)
    maye = Person.objects.get(user=user)
    client.force_login(user)

    response = client.get(reverse("overview:my_data_download"))

    assert response["Content-Disposition"] == 'attachment; filename="exchange-portal-my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == "delegate@example.org"
    assert data["account"]["two_factor_methods"] == ["totp"]
    assert data["person"]["name"] == "Maye Seck"
    assert data["person"]["delegations"] == [
        {"exchange": "Dakar–Montréal city exchange", "delegation": "Dakar", "role": "Head of delegation"}
    ]
    assert data["person"]["next_steps_owned"]
    body = response.content.decode()
    assert maye.feed_token not in body and user.password not in body


def test_my_data_of_an_account_without_a_person_says_what_to_do(client, db):
    client.force_login(UserFactory(email="lonely@example.org"))

    page = client.get(reverse("overview:my_data")).content.decode()

    assert "lonely@example.org" in page
    assert "not linked to a profile" in page


def test_anonymising_keeps_the_exchange_whole_and_erases_the_person(client, demo):
    maye = Person.objects.get(email="maye.seck@example.org")
    user = maye.user
    memberships = Membership.objects.filter(person=maye).count()
    client.force_login(_user("staff@example.org"))

    response = client.post(reverse("overview:person_anonymise", kwargs={"pk": maye.pk}), {"confirm": "on"}, follow=True)

    maye.refresh_from_db()
    user.refresh_from_db()
    assert "Maye Seck has been anonymised." in response.content.decode()
    assert maye.name == f"Anonymised person #{maye.pk}"
    assert (maye.email, maye.job_title, maye.user) == ("", "", None)
    assert Membership.objects.filter(person=maye).count() == memberships
    assert not user.is_active and not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert "maye" not in user.email
    exchange_page = client.get(Exchange.objects.get(slug="dakar-montreal-2017").get_absolute_url()).content.decode()
    assert f"Anonymised person #{maye.pk}" in exchange_page and "Maye Seck" not in exchange_page
    history = list(maye.history.values_list("name", "email", "job_title"))
    assert len(history) >= 2
    assert all(name == maye.name and email == "" and job == "" for name, email, job in history)


def test_an_anonymised_account_can_no_longer_log_in(client, demo):
    maye = Person.objects.get(email="maye.seck@example.org")
    client.force_login(_user("staff@example.org"))
    client.post(reverse("overview:person_anonymise", kwargs={"pk": maye.pk}), {"confirm": "on"})
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "delegate@example.org", "password": "exchange-demo-2017"}
    )

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200 and "not correct" in response.content.decode()  # the form, with its error


def test_anonymising_a_coordinator_removes_their_role(client, demo):
    esteban = Person.objects.get(email="esteban.benavides@example.org")
    client.force_login(_user("staff@example.org"))

    client.post(reverse("overview:person_anonymise", kwargs={"pk": esteban.pk}), {"confirm": "on"})

    assert not Coordinator.objects.exists()


def test_anonymising_needs_the_box_ticked(client, demo):
    maye = Person.objects.get(email="maye.seck@example.org")
    client.force_login(_user("staff@example.org"))

    response = client.post(reverse("overview:person_anonymise", kwargs={"pk": maye.pk}), {})

    maye.refresh_from_db()
    assert "Tick the box to confirm." in response.content.decode()
    assert maye.name == "Maye Seck" and maye.user is not None


def test_the_confirmation_page_says_what_stays(client, demo):
    maye = Person.objects.get(email="maye.seck@example.org")
    client.force_login(_user("staff@example.org"))

    page = client.get(reverse("overview:person_anonymise", kwargs={"pk": maye.pk})).content.decode()

    assert "The person stays in 1 delegation" in page and "Anonymise for good" in page

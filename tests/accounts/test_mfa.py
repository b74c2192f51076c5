import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import PASSWORD, StaffFactory, UserFactory
from tests.mfa import activate_totp, totp_code

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_required")]

STAFF_PAGES = ["home", "cities:coordinator_list", "admin:index", "overview:my_data"]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_without_totp_are_sent_to_set_it_up(client, name):
    client.force_login(StaffFactory())

    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_without_totp_may_still_open_the_mfa_pages_and_log_out(client):
    staff = StaffFactory()
    client.force_login(staff)

    index = client.get(reverse("mfa_index"))
    logout = client.post(reverse("account_logout"))

    assert "Authenticator App" in index.content.decode()
    assert logout.status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_with_totp_reach_staff_pages(client, demo):
    staff = get_user_model().objects.get(email="staff@example.org")
    activate_totp(staff)
    client.force_login(staff)

    response = client.get(reverse("cities:coordinator_list"))

    assert "City coordinators" in response.content.decode()


def test_non_staff_are_not_asked_for_totp(client, demo):
    client.force_login(get_user_model().objects.get(email="delegate@example.org"))

    response = client.get(reverse("home"))

    assert "Dakar–Montréal city exchange" in response.content.decode()


def test_staff_enrol_totp_at_first_login_and_then_reach_the_dashboard(client):
    staff = StaffFactory(email="new-staff@example.org")

    login = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD}, follow=True)
    confirm = client.post(
        reverse("account_reauthenticate") + "?next=" + reverse("mfa_activate_totp"), {"password": PASSWORD}, follow=True
    )
    activate_page = confirm.content.decode()
    secret = client.session["mfa.totp.secret"]
    activated = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, follow=True)
    admin = client.get(reverse("admin:index"))

    assert [url.split("?")[0] for url, _ in login.redirect_chain] == [
        reverse("exchanges:dashboard"),
        reverse("mfa_activate_totp"),
        reverse("account_reauthenticate"),
    ]
    assert "two-factor authentication" in activate_page and secret in activate_page
    assert activated.status_code == 200
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert "Site administration" in admin.content.decode()


def test_a_wrong_code_does_not_enrol(client):
    staff = StaffFactory()
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))

    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})

    assert "Incorrect code" in response.content.decode()
    assert not Authenticator.objects.filter(user=staff).exists()


def test_login_of_enrolled_staff_asks_for_the_code(client):
    staff = StaffFactory()
    secret = activate_totp(staff)

    first = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    before_code = client.get(reverse("cities:coordinator_list"))
    second = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    after_code = client.get(reverse("cities:coordinator_list"))

    assert first["Location"] == reverse("mfa_authenticate")
    assert before_code.status_code == 302 and before_code["Location"].startswith(reverse("account_login"))
    assert second.status_code == 302
    assert "City coordinators" in after_code.content.decode()


def test_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_non_staff_account_is_refused_by_the_admin_login(client):
    client.force_login(UserFactory())

    response = client.get(reverse("admin:login"))

    assert response.status_code == 403


def test_enrolment_ends_on_recovery_codes_with_a_way_back_to_the_page_the_user_wanted(client):
    staff = StaffFactory()
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    sent_away = client.get(reverse("cities:coordinator_list") + "?page=1")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]

    activated = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, follow=True)
    page = activated.content.decode()

    assert sent_away["Location"] == reverse("mfa_activate_totp")
    assert activated.redirect_chain[-1][0] == reverse("mfa_view_recovery_codes")
    assert "Unused codes" in page
    assert f'<a class="button" href="{reverse("cities:coordinator_list")}?page=1">Continue</a>' in page


def test_recovery_codes_page_leads_to_the_dashboard_when_the_user_came_of_their_own_accord(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    staff = StaffFactory()
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]

    page = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, follow=True).content.decode()

    assert f'<a class="button" href="{reverse("exchanges:dashboard")}">Continue</a>' in page


def test_production_settings_enforce_staff_mfa_and_development_settings_do_not():
    import os
    import subprocess
    import sys
    from pathlib import Path

    base = Path(__file__).resolve().parent.parent.parent
    code = "from django.conf import settings; print(settings.MFA_REQUIRED_FOR_STAFF)"
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "MFA_REQUIRED_FOR_STAFF"}}
    production = dict(env, DEBUG="false", SECRET_KEY="x" * 60, ALLOWED_HOSTS="portal.example.org")
    development = dict(env, DEBUG="true")

    answers = [
        subprocess.run(  # noqa: S603 - our own manage.py with a fixed argument list
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=base,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout.split()[-1]
        for environment in (production, development)
    ]

    assert answers == ["True", "False"]


@pytest.mark.parametrize("debug", [True, False])
def test_development_banner_tells_staff_without_totp_that_production_requires_it(client, settings, debug):
    settings.DEBUG = debug
    settings.MFA_REQUIRED_FOR_STAFF = False
    staff = StaffFactory()
    client.force_login(staff)

    page = client.get(reverse("home")).content.decode()

    assert ("Production requires it for every staff account." in page) is debug
    assert (f'href="{reverse("mfa_activate_totp")}"' in page) is debug


def test_development_banner_is_not_shown_once_totp_is_set_up_nor_to_non_staff(client, settings):
    settings.DEBUG = True
    settings.MFA_REQUIRED_FOR_STAFF = False
    staff, member = StaffFactory(), UserFactory()
    activate_totp(staff)

    client.force_login(staff)
    staff_page = client.get(reverse("home")).content.decode()
    client.force_login(member)
    member_page = client.get(reverse("home")).content.decode()

    assert "Production requires it" not in staff_page and staff.email in staff_page
    assert "Production requires it" not in member_page and member.email in member_page


def test_development_run_lets_staff_reach_the_dashboard_right_after_login(client, settings):
    settings.DEBUG = True
    settings.MFA_REQUIRED_FOR_STAFF = False
    staff = StaffFactory()

    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD}, follow=True)

    assert response.redirect_chain == [(reverse("exchanges:dashboard"), 302)]
    assert "Production requires it for every staff account." in response.content.decode()


def test_login_of_non_staff_still_lands_on_the_home_page_and_next_wins_for_staff(client):
    member, staff = UserFactory(), StaffFactory()

    member_login = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    client.logout()
    staff_login = client.post(
        reverse("account_login") + "?next=" + reverse("overview:my_data"), {"login": staff.email, "password": PASSWORD}
    )

    assert member_login["Location"] == reverse("home")
    assert staff_login["Location"] == reverse("overview:my_data")


def test_development_banner_is_in_french_for_french_readers(client, settings):
    settings.DEBUG = True
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(StaffFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    page = client.get(reverse("home")).content.decode()

    assert "La production l’exige pour chaque compte du personnel." in page

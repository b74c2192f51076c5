import logging

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
LOGIN = "delegate@example.org"


def _attempt(client, password):
    return client.post(reverse("account_login"), {"login": LOGIN, "password": password})


def test_the_sixth_quick_failed_login_is_refused_even_with_the_right_password(client, demo, caplog):
    caplog.set_level(logging.WARNING, logger="exchange_portal.security")

    failures = [_attempt(client, f"wrong-{attempt}") for attempt in range(5)]
    sixth = _attempt(client, "exchange-demo-2017")

    for response in failures:
        assert "The email address and/or password you specified are not correct." in response.content.decode()
    assert "Too many failed login attempts. Try again later." in sixth.content.decode()
    assert "_auth_user_id" not in client.session
    records = [record for record in caplog.records if record.name == "exchange_portal.security"]
    assert [record.getMessage().split(":")[0] for record in records] == ["Failed login"] * 5 + [
        "Login refused by the rate limit"
    ]
    assert "delegate@example.org" in records[0].getMessage() and "127.0.0.1" in records[0].getMessage()


def test_a_good_login_after_a_few_failures_still_works(client, demo):
    for attempt in range(3):
        _attempt(client, f"wrong-{attempt}")

    response = _attempt(client, "exchange-demo-2017")

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_sign_up_is_closed(client, demo):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": "x-long-pass-1", "password2": "x-long-pass-1"},
    )

    assert "Sign Up Closed" in response.content.decode()

"""Proxy trust and the portal's own address (issue 15).

- With production defaults, X-Forwarded-For was trusted (one hop) while the compose file published
  gunicorn's port: a client sending a fresh X-Forwarded-For on each try never met the per-IP login limit.
- Links in feeds and e-mails always used SITE_URL, whose default pointed at 127.0.0.1:8000 wherever the
  portal was served, and nothing warned.
"""

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from core.checks import check_site_url
from exchanges.models import AgendaChange
from exchanges.services import agenda_change_record
from tests.factories import UserFactory
from tests.test_notices import _exchange_with_people

BASE_DIR = Path(__file__).resolve().parent.parent


def _production_settings(**env) -> dict:
    """Settings as production computes them (DEBUG off), with only the required variables set."""
    names = ["ALLAUTH_TRUSTED_PROXY_COUNT", "SECURE_PROXY_SSL_HEADER", "SITE_URL"]
    code = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'exchange_portal.settings'; "
        "from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    environment = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "false",
        "SECRET_KEY": "a-production-key",
        "ALLOWED_HOSTS": "portal.example.org",
        **env,
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, cwd=BASE_DIR, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults_trust_no_forwarded_header():
    defaults = _production_settings()
    behind_proxy = _production_settings(BEHIND_PROXY="true")

    assert defaults["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0 and defaults["SECURE_PROXY_SSL_HEADER"] is None
    assert behind_proxy["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    assert behind_proxy["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


@pytest.mark.django_db
def test_an_untrusted_peers_forwarded_for_does_not_reset_the_per_ip_login_limit(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = _production_settings()["ALLAUTH_TRUSTED_PROXY_COUNT"]

    # A different login each time (so the per-login limit never counts) and a fresh X-Forwarded-For each time.
    answers = [
        client.post(
            reverse("account_login"),
            {"login": f"guess{attempt}@example.org", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        ).content.decode()
        for attempt in range(6)
    ]

    assert all("are not correct" in answer for answer in answers[:5])
    assert "Too many failed login attempts" in answers[5]


def test_compose_publishes_only_the_proxy():
    compose = (BASE_DIR / "docker-compose.yml").read_text()
    web = compose.split("\n  web:\n")[1].split("\n  proxy:\n")[0]
    proxy = compose.split("\n  proxy:\n")[1].split("\n  worker:\n")[0]

    assert "ports:" not in web and 'BEHIND_PROXY: "true"' in compose
    assert "image: caddy:2." in proxy and '"443:443"' in proxy
    assert "reverse_proxy web:8000" in (BASE_DIR / "deploy" / "Caddyfile").read_text()


# --- the portal's own address --------------------------------------------------------------------------------


def test_site_url_is_unset_by_default_and_required_by_the_deploy_check(settings):
    settings.DEBUG = False
    settings.SITE_URL = ""
    missing = check_site_url(None)
    settings.SITE_URL = "https://portal.example.org"
    present = check_site_url(None)

    assert _production_settings()["SITE_URL"] == ""
    assert [error.id for error in missing] == ["exchange_portal.E001"] and present == []


def test_the_deploy_check_is_registered_for_manage_py_check_deploy():
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        env={"PATH": "/usr/bin:/bin", "DEBUG": "false", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "portal.example.org"},
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
    )

    assert result.returncode != 0
    assert "exchange_portal.E001" in result.stderr and "SITE_URL is not set" in result.stderr


@pytest.mark.django_db
def test_without_site_url_feed_links_follow_the_address_the_page_was_served_at(client, settings, demo):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = [*django_settings.ALLOWED_HOSTS, "portal.internal"]
    client.force_login(UserFactory._meta.model.objects.get(email="delegate@example.org"))

    page = client.get(reverse("exchanges:my_agenda"), HTTP_HOST="portal.internal:8443").content.decode()

    assert 'href="webcal://portal.internal:8443/feeds/' in page
    assert "127.0.0.1:8000" not in page


@pytest.mark.django_db
def test_with_site_url_links_and_worker_emails_use_it(client, settings, demo):
    settings.SITE_URL = "https://portal.example.org"
    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    client.force_login(UserFactory._meta.model.objects.get(email="delegate@example.org"))
    page = client.get(reverse("exchanges:my_agenda")).content.decode()
    exchange, session, _ = _exchange_with_people()
    t0 = datetime(2030, 5, 1, 12, tzinfo=UTC)
    with time_machine.travel(t0, tick=False):
        agenda_change_record(exchange=exchange, session=session, action=AgendaChange.Action.CHANGED, summary="Moved")

    with time_machine.travel(t0 + timedelta(hours=1), tick=False):
        from exchanges.notices import agenda_digest_send_due

        agenda_digest_send_due()

    assert 'href="webcal://portal.example.org/feeds/' in page
    assert mail.outbox and all("https://portal.example.org/" in message.body for message in mail.outbox)
    assert not any("127.0.0.1" in message.body or "testserver" in message.body for message in mail.outbox)

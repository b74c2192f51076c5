"""Production hardening: check --deploy, security headers, the Content Security Policy, size limits."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "portal.example.org",
    "SITE_URL": "https://portal.example.org",  # required in production (deploy check exchange_portal.E001)
}


# Set by conftest for the test process only; a deployment never has it.
NOT_INHERITED = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_check_deploy_reports_no_issue_with_production_variables():
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env.update(PRODUCTION)

    result = subprocess.run(  # noqa: S603 - our own manage.py with a fixed argument list
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env.update(DEBUG="false", ALLOWED_HOSTS="portal.example.org")

    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


@pytest.mark.django_db
def test_pages_carry_the_security_headers_and_a_policy_without_inline_code(client):
    response = client.get(reverse("home"))

    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in response.content.decode()


def test_cookies_are_http_only_and_same_site():
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


@pytest.mark.django_db
def test_an_oversized_request_is_refused_with_400(client):
    body = {"login": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), "password": "y"}

    response = client.post(reverse("account_login"), body)

    assert response.status_code == 400


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\sstyle\s*=", re.I), 'style="" attribute'),
    (re.compile(r"<style[\s>]", re.I), "<style> element"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on...= handler"),
]


def test_no_template_holds_code_the_policy_would_block():
    problems = []
    templates = sorted((BASE_DIR / "templates").rglob("*.html")) + sorted(BASE_DIR.glob("*/templates/**/*.html"))
    assert len(templates) > 20, templates  # the project's own and every app's: a wrong path would find none
    for path in templates:
        text = path.read_text()
        problems += [f"{path.relative_to(BASE_DIR)}: {label}" for pattern, label in INLINE if pattern.search(text)]

    assert not problems, problems

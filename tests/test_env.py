import pytest
from django.core.exceptions import ImproperlyConfigured

from exchange_portal.env import email_settings, env_bool, env_list, env_str


def test_env_bool_reads_true_and_false(monkeypatch):
    monkeypatch.setenv("FLAG_ON", "yes")
    monkeypatch.setenv("FLAG_OFF", "False")

    assert env_bool("FLAG_ON", False) is True
    assert env_bool("FLAG_OFF", True) is False
    assert env_bool("FLAG_UNSET", True) is True


def test_env_bool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="not a boolean"):
        env_bool("FLAG", False)


def test_env_str_reads_a_secret_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t\n")
    monkeypatch.setenv("API_KEY_FILE", str(secret))

    assert env_str("API_KEY") == "s3cr3t"


def test_env_str_required_without_default(monkeypatch):
    monkeypatch.delenv("NOT_THERE", raising=False)

    with pytest.raises(ImproperlyConfigured, match="NOT_THERE is required"):
        env_str("NOT_THERE")


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example.org, b.example.org,")

    assert env_list("HOSTS", []) == ["a.example.org", "b.example.org"]


def test_email_url_smtp_with_starttls():
    result = email_settings("smtp://mailer:p%40ss@mail.example.org:587?tls=true")

    assert result["EMAIL_HOST"] == "mail.example.org"
    assert result["EMAIL_PORT"] == 587
    assert result["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert result["EMAIL_USE_TLS"] is True


def test_email_url_unknown_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured):
        email_settings("carrier-pigeon://loft")


def test_settings_refuse_missing_secret_key_without_debug(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='exchange_portal.settings'; "
            "from django.conf import settings; settings.SECRET_KEY",
        ],
        env={"PATH": "/usr/bin:/bin", "DEBUG": "false"},
        capture_output=True,
        text=True,
        cwd=str(__import__("pathlib").Path(__file__).resolve().parent.parent),
    )

    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_settings_refuse_missing_allowed_hosts_without_debug():
    import subprocess
    import sys
    from pathlib import Path

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os; os.environ['DJANGO_SETTINGS_MODULE']='exchange_portal.settings'; "
            "from django.conf import settings; settings.ALLOWED_HOSTS",
        ],
        env={"PATH": "/usr/bin:/bin", "DEBUG": "false", "SECRET_KEY": "a-production-key"},
        capture_output=True,
        text=True,
        cwd=str(Path(__file__).resolve().parent.parent),
    )

    assert result.returncode != 0
    assert "ALLOWED_HOSTS is required when DEBUG is off" in result.stderr

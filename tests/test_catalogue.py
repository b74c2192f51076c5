"""The French catalogue is complete: every marked string translated, nothing fuzzy, nothing missing."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import require

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
SOURCE_DIRS = ["exchange_portal", "core", "accounts", "cities", "participants", "exchanges", "reports", "templates"]


def _statistics(po: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--statistics", "--check-format", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.strip()


def _assert_complete(stats: str) -> None:
    assert re.fullmatch(r"\d+ translated messages?\.", stats), f"French catalogue incomplete: {stats}"


def test_french_catalogue_has_no_untranslated_or_fuzzy_entry():
    require(shutil.which("msgfmt") is not None, "gettext (msgfmt) is not installed")

    _assert_complete(_statistics(PO))


def test_french_catalogue_covers_every_marked_string(tmp_path):
    require(shutil.which("msgfmt") is not None, "gettext (msgfmt) is not installed")
    for name in [*SOURCE_DIRS, "manage.py", "locale"]:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        elif source.exists():
            shutil.copy(source, target)
    for extra in ROOT.iterdir():
        # Apps added later (search, audit…) are picked up as long as they hold Python files.
        if extra.is_dir() and (extra / "apps.py").exists() and not (tmp_path / extra.name).exists():
            shutil.copytree(extra, tmp_path / extra.name, ignore=shutil.ignore_patterns("__pycache__"))

    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "fr", "--no-obsolete", "--verbosity", "0"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "true", "PYTHONPATH": str(tmp_path)},
        check=True,
        capture_output=True,
    )

    _assert_complete(_statistics(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po"))


@pytest.mark.django_db
def test_pages_in_french_show_french_navigation_and_dates(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="staff@example.org"))

    page = client.get("/exchanges/dakar-montreal-2017/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Accueil" in page and "Se déconnecter" in page
    assert "Buts et objectifs" in page
    assert "16 octobre 2017" in page
    assert "8 h 30" in page
    assert "lundi 16 octobre 2017" in page

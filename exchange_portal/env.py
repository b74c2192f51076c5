"""Strict readers for settings that come from the environment.

Every setting of the portal is read here, never from a local settings file. A
value that cannot be understood stops the process with ImproperlyConfigured
instead of being guessed at. ``NAME_FILE`` may point at a file holding the
value (Docker and Kubernetes secrets).
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_MISSING = object()


def _raw(name: str):
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_name!r} cannot be read: {exc}") from exc
    return os.environ.get(name, _MISSING)


def env_str(name: str, default=_MISSING) -> str:
    value = _raw(name)
    if value is _MISSING:
        if default is _MISSING:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is _MISSING:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use true or false.")


def env_int(name: str, default: int) -> int:
    value = _raw(name)
    if value is _MISSING:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is _MISSING:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def email_settings(url: str) -> dict:
    """Translate EMAIL_URL into Django's EMAIL_* settings.

    console:// (default), locmem://, dummy://, smtp://user:pass@host:port and
    smtps:// (implicit TLS) or smtp://...?tls=true (STARTTLS).
    """
    from urllib.parse import parse_qs, unquote, urlsplit

    parts = urlsplit(url)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(f"EMAIL_URL scheme {parts.scheme!r} is not one of {sorted(backends)}.")
    result = {"EMAIL_BACKEND": backends[parts.scheme]}
    if parts.scheme in ("smtp", "smtps"):
        query = parse_qs(parts.query)
        result.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if parts.scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_USE_TLS=query.get("tls", ["false"])[0].lower() in _TRUE,
        )
    return result


def filesystem_broker_options(folder: Path) -> dict:
    """Kombu's filesystem transport under ``folder`` (created): the embedded broker of ``make run``.

    Producers write where the worker reads, so both directions share one queue folder; processed
    messages are not kept.
    """
    options = {
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        "processed_folder": str(folder / "processed"),
        "control_folder": str(folder / "control"),
        "store_processed": False,
    }
    for name in ("data_folder_in", "processed_folder", "control_folder"):
        Path(options[name]).mkdir(parents=True, exist_ok=True)
    return options

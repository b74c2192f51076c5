"""Shared fixtures. Services (PostgreSQL, Redis, the browser) may be absent on a
developer's machine, where the tests that need them skip; under CI=true an
absent service is a failure, never a skip."""

import os

import pytest
from hypothesis import HealthCheck, settings

from exchange_portal.env import env_bool

# Hypothesis (tests/test_fuzz.py): few examples per form so that the fuzzing stays within a couple of
# minutes; "ci" draws the same examples on every run (derandomize) and keeps no example database.
settings.register_profile(
    "dev", max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile(
    "ci",
    parent=settings.get_profile("dev"),
    derandomize=True,
    database=None,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if env_bool("CI", False) else "dev"))

# celery_app / celery_worker fixtures: a real worker in a thread for integration tests.
pytest_plugins = ("celery.contrib.pytest",)


def require(condition: bool, reason: str) -> None:
    """Skip locally, fail under CI, when a service a test needs is missing."""
    if condition:
        return
    if env_bool("CI", False):
        pytest.fail(f"{reason} (CI=true: a missing service is a failure)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _media_and_tasks(settings, tmp_path):
    """Each test gets its own media folder; Celery tasks run in-process unless a test starts a worker."""
    from exchange_portal.celery import app

    settings.MEDIA_ROOT = tmp_path / "media"
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def demo(db):
    from exchanges.demo import load_demo

    return load_demo()


@pytest.fixture
def staff_user(db):
    from tests.factories import StaffFactory

    return StaffFactory()


@pytest.fixture
def outsider(db):
    """A logged-in user linked to a Person who takes part in nothing."""
    from tests.factories import PersonFactory, UserFactory

    user = UserFactory()
    PersonFactory(user=user)
    return user


def pytest_configure(config):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing strength is not under test; PBKDF2's cost would dominate the suite."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request in French leaves French active in the thread; each test starts in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _mfa_not_required(settings):
    """Most tests log staff in with force_login; MFA enrolment is under test in tests/accounts only,
    where tests ask for the ``mfa_required`` fixture."""
    settings.MFA_REQUIRED_FOR_STAFF = False


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: one test's failed logins must not lock out the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _task_modules() -> list[str]:
    from importlib.util import find_spec

    from django.apps import apps

    return [f"{config.name}.tasks" for config in apps.get_app_configs() if find_spec(f"{config.name}.tasks")]


@pytest.fixture(scope="session")
def celery_config():
    """The test worker's broker: Redis when CELERY_BROKER_URL is set (CI), else Kombu's in-memory transport.

    Tests using ``celery_worker`` need ``@pytest.mark.django_db(transaction=True)`` so that the worker
    thread sees committed rows and ``transaction.on_commit`` fires.
    """
    # Import every tasks module before the first test app exists: after each test, Celery's testing
    # app puts back the shared-task registrations it found when the test began, so a @shared_task
    # first imported during one worker test would be unknown to the next test's app (NotRegistered).
    from importlib import import_module

    for module in _task_modules():
        import_module(module)
    return {
        "broker_url": os.environ.get("CELERY_BROKER_URL") or "memory://",
        "result_backend": "cache+memory://",
        "task_always_eager": False,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "broker_connection_retry_on_startup": True,
    }


@pytest.fixture(scope="session")
def celery_worker_parameters():
    return {"perform_ping_check": False, "shutdown_timeout": 10.0}


@pytest.fixture(scope="session")
def celery_includes():
    """Every installed app's tasks module, so that the test worker knows all the project's tasks."""
    return _task_modules()

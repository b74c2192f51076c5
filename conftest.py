"""Shared fixtures. Services (PostgreSQL, Redis, the browser) may be absent on a
developer's machine, where the tests that need them skip; under CI=true an
absent service is a failure, never a skip."""

import gc
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


# --- the demo world, built once per module ------------------------------------------------------------------
#
# ``load_demo()`` takes over a second; most tests only read the demo and change a few rows. So the demo is
# loaded once per test module inside a transaction that is never committed, and each test runs in its own
# savepoint within it (pytest-django's ``db``), rolled back at its end: what one test writes is gone before
# the next begins, and the demo is gone at the end of the module.
#
# The transaction must be open before the test's own savepoint, so it is opened by the module-scoped
# ``_demo_world`` (higher scopes are set up first) and, when tests of one module alternate, by
# ``pytest_runtest_setup`` before any fixture of the test. A test that does not ask for ``demo``, or a
# transactional test (``transaction=True``, ``live_server``: a live server thread, a Celery worker, another
# process must see committed rows), never runs inside it: the world is rolled back first, and a
# transactional test gets ``load_demo()`` committed in its own test, flushed by pytest-django afterwards.
# Within a module, the tests that use the shared world run after the others, so it is loaded once (after
# pytest-django's own order: all non-transactional database tests, then transactional ones, then the rest).


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        flags = dict(zip(("transaction", "reset_sequences"), marker.args, strict=False)) | marker.kwargs
        if flags.get("transaction") or flags.get("reset_sequences"):
            return True
    names = getattr(item, "fixturenames", ())
    return any(name in names for name in ("transactional_db", "live_server", "django_db_reset_sequences"))


def _uses_shared_demo(item) -> bool:
    return "demo" in getattr(item, "fixturenames", ()) and not _is_transactional(item)


class DemoWorld:
    """The demo loaded inside an open, never committed transaction on the default database."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = None
        self.depth = 0
        self.exchange_pk = None
        self.loads = 0

    @property
    def is_open(self) -> bool:
        return self.atomic is not None

    def open(self) -> None:
        if self.is_open:
            return
        from django.db import connection, transaction
        from django.test import override_settings
        from django.utils import translation

        from exchanges.demo import load_demo

        with self.blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                # The hasher and language every test runs with (conftest's autouse fixtures come later).
                with override_settings(PASSWORD_HASHERS=FAST_HASHERS), translation.override("en"):
                    self.exchange_pk = load_demo().pk
            except BaseException as error:
                atomic.__exit__(type(error), error, error.__traceback__)
                raise
            self.atomic, self.depth = atomic, len(connection.atomic_blocks)
            self.loads += 1

    def close(self) -> None:
        if not self.is_open:
            return
        from django.db import connection, transaction

        with self.blocker.unblock():
            if len(connection.atomic_blocks) != self.depth:
                raise RuntimeError(
                    "the demo world's transaction is not the innermost one: a fixture opened a transaction "
                    "after it and did not close it"
                )
            transaction.set_rollback(True)
            atomic, self.atomic = self.atomic, None
            atomic.__exit__(None, None, None)


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_current = {"item": None, "world": None}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Within each module, the tests that share the demo world run last (a stable sort: order kept otherwise)."""
    modules = {}
    for item in items:
        modules.setdefault(item.module if hasattr(item, "module") else None, []).append(item)
    items[:] = [item for group in modules.values() for item in sorted(group, key=_uses_shared_demo)]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture of the test: the world open for a test that shares it, rolled back for any other."""
    _current["item"] = item
    world = _current["world"]
    if world is not None:
        world.open() if _uses_shared_demo(item) else world.close()


@pytest.fixture(scope="module")
def _demo_world(django_db_setup, django_db_blocker):
    world = DemoWorld(django_db_blocker)
    _current["world"] = world
    if _uses_shared_demo(_current["item"]):
        world.open()
    yield world
    world.close()
    _current["world"] = None


@pytest.fixture
def demo(request, _demo_world, db):
    """The demo exchange (Dakar–Montréal 2017) with its cities, people, sessions and accounts."""
    if _is_transactional(request.node):
        from exchanges.demo import load_demo

        assert not _demo_world.is_open
        return load_demo()
    from exchanges.models import Exchange

    assert _demo_world.is_open, "the demo world is not open for a test that shares it"
    return Exchange.objects.get(pk=_demo_world.exchange_pk)


@pytest.fixture
def private_demo(demo):
    """The demo exchange made private: the demo is public (issue 14); these tests ask who sees a private one."""
    from exchanges.models import Exchange

    Exchange.objects.filter(pk=demo.pk).update(is_public=False)
    demo.is_public = False
    return demo


# --- the test database -----------------------------------------------------------------------------------------
#
# On SQLite (``make test``) each xdist worker's database is made from the models (Django's TEST["MIGRATE"] =
# False), not by replaying the 48 migrations: rendering their historical states cost every worker about 14 s
# of a quiet core. The migrations are still under test: tests/test_models_and_migrations.py fails when the
# models and the migrations disagree (so the two schemas are the same), the migration tests migrate back and
# forth through most of them on this very database (one walk, tests/test_migrations.py), and on PostgreSQL
# (``.ci/run``) the test database is made by the migrations themselves, as ``make run`` and production do.


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["MIGRATE"] = False


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


def pytest_collection_finish(session):
    """Python's garbage collector, tuned for a test run: what is loaded by now (Django, the apps, every test
    module) stays out of its scans (``gc.freeze``), and it runs after 100,000 new objects instead of 700: a
    request of the test client makes thousands of short-lived objects. The suite without the browser tests
    used 192–197 s of user CPU instead of 210–249 s (three workers, measured alternately)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing strength is not under test; PBKDF2's cost would dominate the suite."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _templates_recorded_only_when_asked(request):
    """Django's test environment wraps every template render to send ``template_rendered``, and the test
    client keeps a copy of each context (``response.context``, ``response.templates``): for a page of forms,
    hundreds of copies, about a tenth of the suite's time. Tests that read them are marked ``templates``."""
    from django.template import Template
    from django.test.utils import _TestState

    if request.node.get_closest_marker("templates"):
        yield
        return
    instrumented = Template._render
    Template._render = _TestState.saved_data.template_render
    try:
        yield
    finally:
        Template._render = instrumented


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


# --- parallel runs (pytest-xdist) ------------------------------------------------------------------------
#
# Each xdist worker has its own test database (pytest-django adds the _gw<n> suffix), its own live server
# port and browser. What they could share is Redis: the cache (CACHE_URL) gets a key prefix per worker,
# and only this worker's keys are cleared between tests (RedisCache.clear() would empty the other worker's
# rate-limit counters in the middle of its test). Tests that consume from the real Celery broker (a worker
# thread or process) take turns: each holds a lock on the broker's URL while it runs, so that no other xdist
# worker (or another run of the suite on the same Redis db) takes its tasks or purges its queue. A lock, not
# ``--dist loadgroup``: xdist 3.8 groups by rewriting ``item._nodeid``, which pytest 9 no longer reads.

XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
BROKER_FIXTURES = ("celery_worker", "digest_worker", "real_broker")


@pytest.fixture(autouse=True)
def _broker_to_itself(request):
    """A test that starts a worker on the real (Redis) broker runs alone on that broker."""
    url = os.environ.get("CELERY_BROKER_URL", "").strip()
    if not url.startswith("redis") or not any(name in request.fixturenames for name in BROKER_FIXTURES):
        yield
        return
    import fcntl
    import hashlib
    import tempfile
    from pathlib import Path

    path = Path(tempfile.gettempdir()) / f"exchange-portal-broker-{hashlib.sha256(url.encode()).hexdigest()[:16]}.lock"
    with path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session", autouse=True)
def _cache_of_this_worker():
    if not XDIST_WORKER:
        yield
        return
    from django.conf import settings
    from django.test import override_settings

    caches = {
        alias: {**config, "KEY_PREFIX": f"{config.get('KEY_PREFIX', '')}test-{XDIST_WORKER}"}
        for alias, config in settings.CACHES.items()
    }
    with override_settings(CACHES=caches):
        yield


def _clear_cache() -> None:
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    from core.cache import fallback_clear

    fallback_clear()  # what a Redis outage left in this process's memory (login counters)

    cache = caches["default"]
    if not (XDIST_WORKER and isinstance(cache, RedisCache)):
        cache.clear()
        return
    from redis.exceptions import ConnectionError as RedisConnectionError

    try:
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    except RedisConnectionError:
        pass  # a Redis the test stopped (tests/test_redis_outage.py) holds nothing to clear


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: one test's failed logins must not lock out the next."""
    _clear_cache()
    yield
    _clear_cache()


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
        # The worker thread stops when its event loop next looks up: poll often, not every second.
        "broker_transport_options": {"polling_interval": 0.05},
    }


@pytest.fixture
def celery_worker(celery_worker):
    """The plugin's worker thread, stopped without waiting out its idle poll (tests/workers.py)."""
    from tests.workers import stop_promptly

    yield celery_worker
    stop_promptly(celery_worker.app)


@pytest.fixture(scope="session")
def celery_worker_parameters():
    return {"perform_ping_check": False, "shutdown_timeout": 10.0}


@pytest.fixture(scope="session")
def celery_includes():
    """Every installed app's tasks module, so that the test worker knows all the project's tasks."""
    return _task_modules()

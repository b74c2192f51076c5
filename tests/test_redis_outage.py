"""Redis away (issue 15): logins and pages keep working, the health check says 503, PDF jobs wait and finish.

With the cache on the same Redis as the broker (as docker-compose.yml has it), every login answered 500
while Redis was down: ConnectionError from the login rate limiter's cache. Each test starts its OWN
redis-server on a free port and stops it (never the shared one): a missing redis-server binary skips
locally and fails under CI=true.
"""

import logging
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest
from celery import Celery
from celery.contrib.testing.app import setup_default_app
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

import core.cache
from conftest import require
from exchange_portal.celery import app as project_app
from reports.models import RenderJob
from reports.services import report_draft, report_get_or_create
from tests.reports.drill import closed_port, wait_for, worker_process

pytestmark = pytest.mark.services
SLUG = "dakar-montreal-2017"


class PrivateRedis:
    """``redis-server`` on a port of its own, without persistence; stop() and start() keep the port."""

    def __init__(self, tmp_path):
        binary = shutil.which("redis-server")
        require(binary is not None, "redis-server is not installed (the Redis outage tests start their own)")
        self.binary, self.dir, self.port, self.process = binary, tmp_path, closed_port(), None

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        command += ["--dir", str(self.dir)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as probe:
                    probe.sendall(b"PING\r\n")
                    if probe.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"the private redis-server on port {self.port} did not come up")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def redis(tmp_path, settings):
    """A private Redis holding the cache (db 1) and the broker (db 0), as docker-compose.yml does."""
    server = PrivateRedis(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FailSafeRedisCache",
            "LOCATION": server.url(1),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.CELERY_BROKER_URL = server.url(0)
    core.cache._last_logged = 0.0  # the outage is logged once a minute: this test's outage is new
    yield server
    server.stop()


def _login(client, password, email="delegate@example.org"):
    return client.post(reverse("account_login"), {"login": email, "password": password})


@pytest.mark.django_db
def test_logins_work_and_are_still_limited_while_redis_is_stopped(redis, demo, caplog):
    before = _login(Client(), "exchange-demo-2017")
    redis.stop()

    with caplog.at_level(logging.ERROR, logger="exchange_portal.cache"):
        client = Client()
        good = _login(client, "exchange-demo-2017")
        page = client.get(reverse("exchanges:my_agenda"))
        failures = [_login(Client(), f"wrong-{attempt}", email="coordinator@example.org") for attempt in range(6)]
    health = Client().get("/healthz")

    assert before.status_code == 302 and good.status_code == 302 and good["Location"] == reverse("home")
    assert "Dakar" in page.content.decode()
    assert all("are not correct" in answer.content.decode() for answer in failures[:5])
    # The rate limit still counts, in this process's memory, while Redis is away.
    assert "Too many failed login attempts" in failures[5].content.decode()
    assert "The Redis cache is unreachable" in caplog.text
    assert health.status_code == 503 and health.json()["checks"]["broker"].startswith("error")


@contextmanager
def _publishing_to(url: str):
    """This process's Celery app publishes to ``url`` (the private Redis), as the web process would."""
    app = Celery("exchange_portal", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(broker_write_url=url, broker_url=url, task_always_eager=False)
    with setup_default_app(app):
        app.set_default()
        app.set_current()
        yield app


@pytest.mark.django_db(transaction=True)
def test_a_pdf_asked_for_while_redis_is_stopped_waits_and_finishes_when_it_is_back(redis, demo, tmp_path):
    require(connection.vendor == "postgresql", "the worker is another process: set DATABASE_URL to PostgreSQL")
    project_app.conf.task_always_eager = False  # conftest's autouse fixture puts it back
    staff = get_user_model().objects.get(email="staff@example.org")
    report_draft(report=report_get_or_create(exchange=demo), user=staff)
    client = Client()
    client.force_login(get_user_model().objects.get(email="coordinator@example.org"))
    redis.stop()

    with _publishing_to(redis.url(0)):
        login = _login(Client(), "exchange-demo-2017")
        asked = client.post(f"/exchanges/{SLUG}/report/pdf/", HTTP_HX_REQUEST="true")
    job = RenderJob.objects.get()

    assert login.status_code == 302
    assert asked.status_code == 200 and "Queued: waiting for a worker to start the PDF…" in asked.content.decode()
    assert job.status == RenderJob.Status.QUEUED and job.dispatched_at is None

    redis.start()
    environment = {
        "CELERY_BROKER_URL": redis.url(0),
        "CACHE_URL": redis.url(1),
        "REPORT_SWEEP_INTERVAL": 2,
        "REPORT_DISPATCH_GRACE": 1,
    }
    with worker_process(tmp_path, "after-outage", beat=True, **environment) as worker:
        wait_for(job, lambda j: j.status == RenderJob.Status.DONE, timeout=180, what="finished", worker=worker)

    assert job.file and job.attempts == 1

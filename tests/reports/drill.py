"""Helpers of the reliability drills: a real Celery worker process, a Celery app whose broker is away,
and waiting for job rows to change."""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from celery import Celery
from celery.contrib.testing.app import setup_default_app
from django.conf import settings
from django.db import connection

from reports.models import RenderJob

BASE_DIR = Path(settings.BASE_DIR)


def database_url() -> str:
    """The URL of the database this test runs on (pytest-django's test database), for another process."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def closed_port() -> int:
    """A local port nothing listens on (the kernel just handed it out and it was closed again)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WorkerProcess:
    """``celery -A exchange_portal worker`` (prefork, one child) in its own process group."""

    def __init__(self, log_path: Path, *, beat: bool, env: dict[str, str]):
        self.log_path = log_path
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "exchange_portal",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            f"--hostname=drill-{uuid.uuid4().hex[:8]}@%h",
        ]
        if beat:
            command += ["--beat", f"--schedule={log_path.with_suffix('.beat')}"]
        self.log = log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, cwd=BASE_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the worker exited with {self.process.returncode}:\n{self.output()}")
            if " ready." in self.output():
                return
            time.sleep(0.2)
        raise AssertionError(f"the worker was not ready after {timeout} s:\n{self.output()}")

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the whole group: the main process and its pool child die at once, nothing is acknowledged."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


@contextmanager
def worker_process(tmp_path: Path, name: str, *, beat: bool = False, **env):
    """A ready worker on the test database and the test broker; stopped (TERM, then KILL) on the way out."""
    environment = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **{key: str(value) for key, value in env.items()},
    }
    worker = WorkerProcess(tmp_path / f"{name}.log", beat=beat, env=environment)
    try:
        worker.wait_ready()
        yield worker
    finally:
        worker.stop()


@contextmanager
def broker_away():
    """Make the Celery app of this process publish to a closed port, as when Redis is down."""
    app = Celery("exchange_portal", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    # Publishing goes through broker_write_url (broker_url itself gives way to the CELERY_BROKER_URL variable).
    app.conf.update(broker_write_url=f"redis://127.0.0.1:{closed_port()}/0", task_always_eager=False)
    with setup_default_app(app):
        app.set_default()
        app.set_current()
        yield app


def wait_for(job: RenderJob, condition, *, timeout: float, what: str, worker: WorkerProcess | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if condition(job):
            return job
        time.sleep(0.2)
    log = f"\nworker log:\n{worker.output()}" if worker else ""
    raise AssertionError(f"job {job.pk} never {what} in {timeout} s: {job.status}, {job.progress}%{log}")


def stored_pdfs() -> list[Path]:
    return sorted(Path(settings.MEDIA_ROOT).rglob("*.pdf"))

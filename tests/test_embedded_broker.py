"""The embedded broker of `make run`: Kombu's filesystem transport and a real worker, no Redis."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import mail

from exchanges.models import AgendaChange
from exchanges.services import agenda_change_record
from tests.test_notices import _exchange_with_people
from tests.workers import worker_thread

BASE_DIR = Path(__file__).resolve().parent.parent
PRINT_CELERY_SETTINGS = (
    "import json; from django.conf import settings; "
    "print(json.dumps([settings.CELERY_BROKER_URL, settings.CELERY_TASK_ALWAYS_EAGER, "
    "settings.CELERY_BROKER_TRANSPORT_OPTIONS]))"
)


def _celery_settings(**variables) -> list:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CELERY_")}
    env.update(DEBUG="true", **variables)
    result = subprocess.run(  # noqa: S603 - our own manage.py with a fixed argument list
        [sys.executable, "manage.py", "shell", "-c", PRINT_CELERY_SETTINGS],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_broker_tasks_still_run_in_process():
    url, eager, options = _celery_settings()

    assert (url, eager) == ("", True)
    assert "data_folder_in" not in options


def test_the_filesystem_broker_keeps_its_messages_in_one_folder_that_settings_create(tmp_path):
    url, eager, options = _celery_settings(
        CELERY_BROKER_URL="filesystem://localhost//", CELERY_FILESYSTEM_BROKER_DIR=str(tmp_path / "broker")
    )

    assert (url, eager) == ("filesystem://localhost//", False)
    assert options["data_folder_in"] == options["data_folder_out"] == str(tmp_path / "broker" / "queue")
    assert sorted(path.name for path in (tmp_path / "broker").iterdir()) == ["control", "processed", "queue"]


@pytest.fixture
def filesystem_worker(settings, tmp_path):
    """A real worker thread reading the filesystem broker configured by the settings module itself."""
    from exchange_portal.celery import app

    url, _, options = _celery_settings(
        CELERY_BROKER_URL="filesystem://localhost//", CELERY_FILESYSTEM_BROKER_DIR=str(tmp_path / "broker")
    )
    names = ("broker_read_url", "broker_write_url", "broker_transport_options", "task_always_eager")
    previous = {name: app.conf[name] for name in names}
    # broker_url gives way to a CELERY_BROKER_URL variable (CI sets Redis); the read and write URLs do not.
    app.conf.update(
        broker_read_url=url, broker_write_url=url, broker_transport_options=options, task_always_eager=False
    )
    app._after_fork()  # drop connection pools made for another broker
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with worker_thread(app):
        yield app
    app.conf.update(previous)
    app._after_fork()


@pytest.mark.django_db(transaction=True)
def test_agenda_digest_goes_out_through_the_filesystem_broker_after_the_delay(settings, filesystem_worker):
    settings.AGENDA_DIGEST_DELAY_SECONDS = 1.5
    exchange, session, people = _exchange_with_people()

    agenda_change_record(exchange=exchange, session=session, action=AgendaChange.Action.CHANGED, summary="Moved")
    right_after = len(mail.outbox)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and AgendaChange.objects.filter(notified_at__isnull=True).exists():
        time.sleep(0.2)

    with filesystem_worker.connection_for_write() as connection:
        assert connection.transport.driver_type == "filesystem"
    assert right_after == 0
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        people[key].email for key in ("host", "visitor", "presenter")
    )
    assert all("Changed: Opening roundtable" in message.body for message in mail.outbox)

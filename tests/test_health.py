"""The benchmarks' no-database floor (/ping/) and the health check that compose and load balancers call."""

import json
import socket
import time

import pytest

from conftest import require

pytestmark = pytest.mark.django_db
CLOSED_BROKER = "redis://:s3cret-broker-pass@127.0.0.1:1/0"


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def test_ping_answers_ok_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/ping/")

    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_ping_does_no_query_for_a_logged_in_user_either(client, outsider, django_assert_num_queries):
    client.force_login(outsider)

    with django_assert_num_queries(0):
        response = client.get("/ping/")

    assert response.content == b"ok"


def test_healthz_reports_the_database_without_a_broker(client, settings):
    settings.CELERY_BROKER_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


@pytest.mark.services
def test_healthz_reports_database_and_broker_when_both_answer(client, settings):
    require(_redis_up(), "Redis is not running on 127.0.0.1:6379")
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/8"

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}


def test_healthz_is_503_and_fast_when_the_broker_port_is_closed(client, settings):
    settings.CELERY_BROKER_URL = CLOSED_BROKER

    started = time.perf_counter()
    response = client.get("/healthz")
    elapsed = time.perf_counter() - started

    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": "ok", "broker": "error: OperationalError"}}
    assert elapsed < 1.5, f"a closed broker port took {elapsed:.2f} s to report"


def test_healthz_tells_an_anonymous_outsider_nothing_sensitive(client, settings):
    settings.CELERY_BROKER_URL = CLOSED_BROKER

    response = client.get("/healthz")

    body = response.content.decode()
    assert set(json.loads(body)) == {"status", "checks"}
    for secret in (
        "s3cret-broker-pass",
        "127.0.0.1",
        "redis://",
        "Connection refused",
        "111",
        settings.SECRET_KEY,
        str(settings.DATABASES["default"]["NAME"]),
        "Traceback",
    ):
        assert secret not in body, f"/healthz leaks {secret!r}"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_healthz_answers_the_compose_health_check_behind_production_hardening(client, settings):
    # docker-compose.yml's web health check calls http://127.0.0.1:8000/healthz with the first allowed
    # host and X-Forwarded-Proto: https; without them a production instance answers 400 or 301.
    settings.CELERY_BROKER_URL = ""
    settings.ALLOWED_HOSTS = ["portal.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    plain = client.get("/healthz", HTTP_HOST="portal.example.org")
    checked = client.get("/healthz", HTTP_HOST="portal.example.org", HTTP_X_FORWARDED_PROTO="https")

    assert plain.status_code == 301
    assert checked.status_code == 200
    assert checked.json()["status"] == "ok"

"""The API against its own OpenAPI description (schemathesis), for each role: no server error, and every
answer matches the documented status codes, content types and response schemas.

Requests go in-process to the WSGI application (no server). The world (the demo, exchange B, a public
exchange, four identities) is built once for the module inside a transaction rolled back at its end.
The number of cases run is printed at the end of the module (``-s`` shows it) and must not be zero.
"""

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from django.test import Client, override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from api import services
from api.v1 import api
from exchanges.demo import load_demo
from exchanges.models import Exchange
from participants.models import Person
from reports.services import report_draft, report_get_or_create, report_set_published
from tests.factories import ExchangeFactory, SessionFactory

ROLES = ("anonymous", "delegate", "coordinator", "staff")
CASES = dict.fromkeys(ROLES, 0)
EXAMPLES = 25  # per operation; each example is sent for each of the four roles


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go through Django's WSGI handler in-process: as Django's test client does, keep the request
    signals from closing the test's database connection (PostgreSQL would answer "connection is closed")."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            exchange = load_demo()
            Exchange.objects.filter(pk=exchange.pk).update(is_public=True)
            staff = get_user_model().objects.get(email="staff@example.org")
            report_set_published(
                report=report_draft(report=report_get_or_create(exchange=exchange), user=staff),
                published=True,
                user=staff,
            )
            SessionFactory(exchange=ExchangeFactory(title="Exchange B", slug="exchange-b"))
            users = {
                email: get_user_model().objects.get(email=email)
                for email in ("delegate@example.org", "coordinator@example.org")
            }
            tokens = {
                "coordinator": services.token_create(user=users["coordinator@example.org"], name="schemathesis")[1],
                "staff": services.token_create(user=staff, name="schemathesis")[1],
            }
            client = Client()
            client.force_login(users["delegate@example.org"])
            cookie = client.cookies["sessionid"].value
            person_pk = Person.objects.get(email="maye.seck@example.org").pk
        yield {"tokens": tokens, "delegate_cookie": cookie, "slug": exchange.slug, "person_pk": person_pk}
        transaction.set_rollback(True)
    total = sum(CASES.values())
    print(f"\nschemathesis: {total} cases ({', '.join(f'{role} {count}' for role, count in CASES.items())})")
    assert total > 0


# Every operation of the description (read from the API object: no request is needed to list them).
OPERATIONS = sorted(
    (method.upper(), path)
    for path, methods in api.get_openapi_schema(path_prefix="/api/v1").get("paths", {}).items()
    for method in methods
)


def _headers(role, world) -> dict:
    if role == "delegate":
        return {"Cookie": f"sessionid={world['delegate_cookie']}"}
    if role in world["tokens"]:
        return {"Authorization": f"Bearer {world['tokens'][role]}"}
    return {}


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_the_api_answers_as_its_description_says(method, path, _world, db, settings):
    """Hypothesis draws requests for one operation; each is sent once per role and its answer checked."""
    settings.API_RATE_LIMIT_PER_MINUTE = 0  # the rate limit is tested elsewhere: here every case is answered
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    operation = schema[path][method]

    @given(case=operation.as_strategy(), real=st.booleans())
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def run(case, real):
        # A drawn slug or id names nothing (404); half the cases name the demo's exchange and a real person,
        # so that the full answers of every role are checked against the schemas too.
        if real and case.path_parameters:
            real_values = {"slug": _world["slug"], "pk": _world["person_pk"]}
            case.path_parameters = {name: real_values.get(name, value) for name, value in case.path_parameters.items()}
        drawn = [*(case.query or {}).items(), *(case.path_parameters or {}).items()]
        nul = any("\x00" in f"{name}{value}" for name, value in drawn)
        for role in ROLES:
            response = case.call(headers=_headers(role, _world))
            CASES[role] += 1
            assert response.status_code < 500, f"{role}: {case.method} {case.formatted_path}: {response.status_code}"
            if nul:
                # The portal refuses a NUL byte in any address before a view runs (issue 15): a 400 page.
                assert response.status_code == 400, f"{role}: {case.formatted_path}: {response.status_code}"
                continue
            case.validate_response(response)

    run()

import pytest
from django.contrib.auth import get_user_model

from reports import services


@pytest.fixture
def login(client):
    def _login(email):
        client.force_login(get_user_model().objects.get(email=email))
        return client

    return _login


@pytest.fixture
def drafted(demo):
    """The demo exchange's report, drafted by staff."""
    staff = get_user_model().objects.get(email="staff@example.org")
    return services.report_draft(report=services.report_get_or_create(exchange=demo), user=staff)

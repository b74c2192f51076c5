import pytest

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_delegate_logs_in_and_opens_the_exchange(page, demo):
    login(page, "delegate@example.org")

    page.get_by_role("link", name="Dakar–Montréal city exchange").click()
    page.wait_for_url("**/exchanges/dakar-montreal-2017/")

    assert page.get_by_role("heading", name="Dakar–Montréal city exchange").is_visible()
    assert page.get_by_text("Times are in Montréal time").is_visible()
    assert page.locator(".checklist li").count() == 5

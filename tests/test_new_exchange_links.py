"""'New exchange' where staff and coordinators start their day: the home page and the dashboard."""

import pytest
from django.urls import reverse

from tests.factories import CoordinatorFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_EXCHANGE = f'<a class="button" href="{reverse("exchanges:exchange_create")}">New exchange</a>'


def test_home_offers_new_exchange_to_staff_and_coordinators(client):
    staff, coordinator = StaffFactory(), CoordinatorFactory().user

    pages = []
    for user in (staff, coordinator):
        client.force_login(user)
        pages.append(client.get(reverse("home")).content.decode())

    assert all(NEW_EXCHANGE in page for page in pages)


def test_home_does_not_offer_new_exchange_to_those_who_may_not_create_one(client):
    anonymous = client.get(reverse("home")).content.decode()
    client.force_login(UserFactory())
    member = client.get(reverse("home")).content.decode()

    assert "Upcoming and under way" in anonymous and NEW_EXCHANGE not in anonymous
    assert "Upcoming and under way" in member and NEW_EXCHANGE not in member


def test_dashboard_offers_new_exchange_and_the_link_opens_the_form(client):
    client.force_login(StaffFactory())

    dashboard = client.get(reverse("exchanges:dashboard")).content.decode()
    form = client.get(reverse("exchanges:exchange_create")).content.decode()

    assert NEW_EXCHANGE in dashboard
    assert "<h1>New exchange</h1>" in form

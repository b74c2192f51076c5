import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cities.models import City, Coordinator
from tests.factories import CoordinatorFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, demo):
    client.force_login(get_user_model().objects.get(email="staff@example.org"))
    return client


def test_staff_assign_a_coordinator(staff_client):
    dakar = City.objects.get(slug="dakar")

    response = staff_client.post(
        reverse("cities:coordinator_list"), {"email": "Delegate@example.org", "city": dakar.pk}, follow=True
    )

    assert Coordinator.objects.filter(user__email="delegate@example.org", city=dakar).exists()
    assert "delegate@example.org now coordinates Dakar." in response.content.decode()


def test_an_unknown_address_is_refused_next_to_the_field(staff_client):
    dakar = City.objects.get(slug="dakar")

    response = staff_client.post(reverse("cities:coordinator_list"), {"email": "nobody@example.org", "city": dakar.pk})

    page = response.content.decode()
    assert "No active account uses this address. Invite the person first." in page and "field--error" in page
    assert Coordinator.objects.count() == 2  # the demo's Montréal and Dakar coordinators


def test_a_duplicate_assignment_is_refused(staff_client):
    montreal = City.objects.get(slug="montreal")

    response = staff_client.post(
        reverse("cities:coordinator_list"), {"email": "coordinator@example.org", "city": montreal.pk}
    )

    assert "This account already coordinates this city." in response.content.decode()
    assert Coordinator.objects.count() == 2  # the demo's Montréal and Dakar coordinators


def test_removing_asks_first_then_removes(staff_client):
    coordinator = Coordinator.objects.get(user__email="coordinator@example.org")
    url = reverse("cities:coordinator_remove", kwargs={"pk": coordinator.pk})

    confirm = staff_client.get(url).content.decode()
    still_there = Coordinator.objects.filter(pk=coordinator.pk).exists()
    staff_client.post(url)

    assert "coordinator@example.org will no longer coordinate Montréal" in confirm and still_there
    assert not Coordinator.objects.filter(pk=coordinator.pk).exists()


@pytest.mark.parametrize("count", [1, 20])
def test_coordinator_list_query_count_does_not_grow(client, db, django_assert_num_queries, count):
    CoordinatorFactory.create_batch(count)
    client.force_login(StaffFactory())

    with django_assert_num_queries(5):
        response = client.get(reverse("cities:coordinator_list"))

    assert response.content.decode().count("/remove/") == count

"""Each access question has one rule; where a rule has a queryset form and a one-object form, they agree.

The permission matrix (tests/test_permission_matrix.py) checks the answers page by page; these tests check the
rules themselves on a small world: an exchange with a host city, a visiting city and a city that only sends a
delegation, another exchange, their coordinators, staff and an outsider.
"""

import pytest

from exchanges.access import (
    can_edit_exchange,
    can_view_exchange_history,
    coordinates_city_of,
    editable_exchanges,
    exchange_city_ids,
    exchanges_of_cities,
    history_exchanges,
)
from exchanges.models import Exchange
from reports.access import can_edit_report
from tests.factories import (
    CityFactory,
    CoordinatorFactory,
    DelegationFactory,
    ExchangeFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    host, visiting, sending, elsewhere = (
        CityFactory(name=name) for name in ("Host", "Visiting", "Sending", "Elsewhere")
    )
    exchange = ExchangeFactory(host_city=host)
    exchange.visiting_cities.set([visiting])
    DelegationFactory(exchange=exchange, city=sending)
    other = ExchangeFactory(host_city=elsewhere)
    users = {
        "host": CoordinatorFactory(city=host).user,
        "visiting": CoordinatorFactory(city=visiting).user,
        "sending": CoordinatorFactory(city=sending).user,
        "elsewhere": CoordinatorFactory(city=elsewhere).user,
        "staff": StaffFactory(),
        "outsider": UserFactory(),
    }
    return {"exchange": exchange, "other": other, "cities": (host, visiting, sending, elsewhere), "users": users}


def test_the_cities_of_an_exchange_are_its_host_visiting_and_delegation_cities(world):
    host, visiting, sending, elsewhere = world["cities"]

    ids = exchange_city_ids(world["exchange"])
    found = set(Exchange.objects.filter(exchanges_of_cities([sending.pk])).values_list("pk", flat=True))

    assert ids == {host.pk, visiting.pk, sending.pk}
    assert found == {world["exchange"].pk}
    assert all(
        Exchange.objects.filter(exchanges_of_cities([city_id]), pk=world["exchange"].pk).exists() for city_id in ids
    )
    assert not Exchange.objects.filter(exchanges_of_cities([elsewhere.pk]), pk=world["exchange"].pk).exists()


def test_every_coordinator_of_a_city_taking_part_edits_the_report_and_only_the_host_edits_the_exchange(world):
    exchange, users = world["exchange"], world["users"]

    report_editors = {name for name, user in users.items() if can_edit_report(user, exchange)}
    exchange_editors = {name for name, user in users.items() if can_edit_exchange(user, exchange)}

    assert report_editors == {"host", "visiting", "sending", "staff"}
    assert exchange_editors == {"host", "staff"}


@pytest.mark.parametrize("name", ["host", "visiting", "sending", "elsewhere", "staff", "outsider"])
def test_one_object_forms_agree_with_the_querysets(world, name):
    user = world["users"][name]

    for exchange in (world["exchange"], world["other"]):
        editable = editable_exchanges(user).filter(pk=exchange.pk).exists()
        in_history = history_exchanges(user).filter(pk=exchange.pk).exists()

        assert can_edit_exchange(user, exchange) == editable
        assert can_view_exchange_history(user, exchange) == in_history
        assert coordinates_city_of(user, exchange) == (name != "staff" and in_history)

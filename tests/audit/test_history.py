import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from exchanges.models import Exchange, Session
from participants.models import Person
from tests.factories import CoordinatorFactory, ExchangeFactory, SessionFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _user(email):
    return get_user_model().objects.get(email=email)


def test_an_edit_is_kept_with_who_when_and_what_changed(client, demo):
    staff = _user("staff@example.org")
    client.force_login(staff)
    maye = Person.objects.get(email="maye.seck@example.org")
    before = maye.history.count()

    client.post(reverse("overview:person_anonymise", kwargs={"pk": maye.pk}), {"confirm": "on"})

    assert maye.history.count() == before + 1
    latest = maye.history.latest()
    assert latest.history_user == staff and latest.history_type == "~"
    assert latest.name == f"Anonymised person #{maye.pk}"


def test_exchange_history_shows_the_changed_field_old_and_new(client, demo):
    exchange = Exchange.objects.get(slug="dakar-montreal-2017")
    exchange.title = "Dakar–Montréal exchange, renamed"
    exchange.save()
    session = exchange.sessions.order_by("start").first()
    session.title = "Roundtables, moved"
    session.save()
    client.force_login(_user("coordinator@example.org"))

    page = client.get(reverse("audit:exchange_history", kwargs={"slug": exchange.slug})).content.decode()

    assert "Changed exchange: Dakar–Montréal exchange, renamed" in page
    assert "<del>Dakar–Montréal city exchange</del> → <ins>Dakar–Montréal exchange, renamed</ins>" in page
    assert "<del>Roundtables with the Ville de Montréal</del> → <ins>Roundtables, moved</ins>" in page
    assert "Created delegation: Dakar delegation" in page
    assert "Created membership: Maye Seck – Dakar" in page
    assert page.index("Roundtables, moved") < page.index("Created exchange")  # newest first


def test_session_history_lists_only_that_session(client, demo):
    exchange = Exchange.objects.get(slug="dakar-montreal-2017")
    first, second = exchange.sessions.order_by("start")[:2]
    first.title = "First, renamed"
    first.save()
    client.force_login(_user("staff@example.org"))

    page = client.get(reverse("audit:session_history", kwargs={"slug": exchange.slug, "pk": first.pk})).content.decode()

    assert "First, renamed" in page and second.title not in page


def test_session_history_of_another_exchange_is_404(client, demo):
    other = SessionFactory()
    client.force_login(_user("staff@example.org"))

    response = client.get(reverse("audit:session_history", kwargs={"slug": "dakar-montreal-2017", "pk": other.pk}))

    assert response.status_code == 404


def test_a_coordinator_of_an_uninvolved_city_gets_404(client, demo):
    client.force_login(CoordinatorFactory().user)

    response = client.get(reverse("audit:exchange_history", kwargs={"slug": "dakar-montreal-2017"}))

    assert response.status_code == 404


def test_a_delegate_gets_404_on_the_history_of_their_own_exchange(client, demo):
    client.force_login(_user("delegate@example.org"))

    response = client.get(reverse("audit:exchange_history", kwargs={"slug": "dakar-montreal-2017"}))

    assert response.status_code == 404


def test_history_paginates(client, db):
    exchange = ExchangeFactory()
    for number in range(35):
        exchange.title = f"Title {number}"
        exchange.save()
    client.force_login(StaffFactory())

    first = client.get(reverse("audit:exchange_history", kwargs={"slug": exchange.slug})).content.decode()
    second = client.get(reverse("audit:exchange_history", kwargs={"slug": exchange.slug}) + "?page=2").content.decode()

    assert "<ins>Title 34</ins>" in first and "Page 1 of 2" in first
    assert "Created exchange" in second and "<ins>Title 34</ins>" not in second


@pytest.mark.parametrize("count", [1, 20])
def test_exchange_history_query_count_does_not_grow(client, db, django_assert_num_queries, count):
    exchange = ExchangeFactory()
    SessionFactory.create_batch(count, exchange=exchange)
    for session in Session.objects.filter(exchange=exchange):
        session.title += " (edited)"
        session.save()
    exchange.title += " (edited)"
    exchange.save()  # so that both sources have entries on the first page at both sizes
    client.force_login(StaffFactory())
    url = reverse("audit:exchange_history", kwargs={"slug": exchange.slug})

    # session, user, exchange; 7 sources to order; 2 sources with entries on the page (records + predecessors)
    with django_assert_num_queries(12):
        response = client.get(url)

    assert response.content.decode().count('class="card"') == min(30, 2 + 2 * count)

"""The exchange page's programme and its JSON-LD are cached under the content version (issue 16): a warm page
reads no session, a change is on the next request, and a copy never crosses audiences."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exchanges.models import Session
from tests.factories import (
    CoordinatorFactory,
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
    host_time,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _session_reads(queries) -> int:
    return sum(query["sql"].startswith('SELECT "exchanges_session"') for query in queries.captured_queries)


@pytest.mark.parametrize("size", [1, 200])
def test_exchange_page_warm_reads_no_session(client, size):
    exchange = ExchangeFactory(is_public=True)
    for i in range(size):
        SessionFactory(exchange=exchange, start=host_time(exchange, exchange.start_date, 8) + timedelta(minutes=i))
    with CaptureQueriesContext(connection) as cold_queries:
        cold = client.get(exchange.get_absolute_url())

    with CaptureQueriesContext(connection) as queries:
        warm = client.get(exchange.get_absolute_url())

    assert _text(warm) == _text(cold) and "application/ld+json" in warm.content.decode()
    assert _session_reads(queries) == 0
    assert (len(cold_queries), len(queries)) == (14, 5)


def test_exchange_page_shows_a_change_on_the_next_request(client):
    exchange = ExchangeFactory(is_public=True)
    session = SessionFactory(exchange=exchange, title="Opening roundtable")
    page = client.get(exchange.get_absolute_url()).content.decode()
    assert "Opening roundtable" in page

    session.title = "Closing roundtable"
    session.save()

    page = client.get(exchange.get_absolute_url()).content.decode()
    assert "Closing roundtable" in page and "Opening roundtable" not in page  # programme and JSON-LD alike


def test_exchange_page_programme_cached_for_insiders_never_reaches_the_public(client):
    exchange = ExchangeFactory(is_public=True)
    SessionFactory(exchange=exchange, title="Members dinner", confidentiality=Session.Confidentiality.PARTICIPANTS)
    insider = UserFactory()
    MembershipFactory(delegation=DelegationFactory(exchange=exchange), person=PersonFactory(user=insider))
    organiser = CoordinatorFactory(city=exchange.host_city).user

    client.force_login(organiser)
    as_organiser = client.get(exchange.get_absolute_url()).content.decode()
    client.force_login(insider)
    as_insider = client.get(exchange.get_absolute_url()).content.decode()
    client.logout()
    as_public = client.get(exchange.get_absolute_url()).content.decode()

    assert "Members dinner" in as_organiser and "Edit" in _text_of(as_organiser)
    assert "Members dinner" in as_insider and "Agenda builder" not in as_insider
    assert "Members dinner" not in as_public and "Agenda builder" not in as_public


def _text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

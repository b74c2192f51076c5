"""Pages at any size (issue 16): My agenda, the personal feed, home and the exchange page run the same number of
queries for an exchange of one session and of 200, each with presenters, an organisation and an attending
delegation. Literal counts: a change that adds a query per session, or any query, shows here. No timings."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exchanges.models import Session
from exchanges.selectors.my_agenda import SESSIONS_PER_PAGE
from tests.factories import (
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
    host_time,
)

pytestmark = pytest.mark.django_db

SIZES = [1, 200]


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _exchange_of(size: int):
    """A delegate's upcoming exchange with ``size`` sessions over three days (so My agenda shows them), each with
    two presenters, an organisation and the delegate's delegation attending."""
    exchange = ExchangeFactory(start_date=date(2030, 5, 6), end_date=date(2030, 5, 8), is_public=False)
    delegation = DelegationFactory(exchange=exchange)
    user = UserFactory()
    person = PersonFactory(user=user)
    MembershipFactory(delegation=delegation, person=person)
    presenters = [PersonFactory(), PersonFactory()]
    organisation = OrganisationFactory()
    for index in range(size):
        start = host_time(exchange, exchange.start_date + timedelta(days=index % 3), 8) + timedelta(minutes=3 * index)
        SessionFactory(exchange=exchange, start=start, end=start + timedelta(minutes=2))
    sessions = list(Session.objects.filter(exchange=exchange).values_list("pk", flat=True))
    Session.presenters.through.objects.bulk_create(
        [Session.presenters.through(session_id=pk, person_id=p.pk) for pk in sessions for p in presenters]
    )
    Session.organisations.through.objects.bulk_create(
        [Session.organisations.through(session_id=pk, organisation_id=organisation.pk) for pk in sessions]
    )
    Session.attending_delegations.through.objects.bulk_create(
        [Session.attending_delegations.through(session_id=pk, delegation_id=delegation.pk) for pk in sessions]
    )
    return exchange, user, person


@pytest.mark.parametrize("size", SIZES)
def test_my_agenda_runs_the_same_queries_for_1_and_200_sessions(client, django_assert_num_queries, size):
    _exchange, user, _person = _exchange_of(size)
    client.force_login(user)

    with django_assert_num_queries(11):
        cold = client.get(reverse("exchanges:my_agenda"))
    with CaptureQueriesContext(connection) as warm_queries:
        warm = client.get(reverse("exchanges:my_agenda"))

    assert cold.content.decode().count("Attending:") == min(size, SESSIONS_PER_PAGE)
    assert _main(warm) == _main(cold)
    # A warm request reads the person's exchanges (their content versions key the cached window), no session.
    assert len(warm_queries) == 6
    assert not any('"exchanges_session"."title"' in query["sql"] for query in warm_queries.captured_queries)


@pytest.mark.parametrize("size", SIZES)
def test_personal_feed_runs_the_same_queries_for_1_and_200_sessions(client, django_assert_num_queries, size):
    _exchange, _user, person = _exchange_of(size)
    url = reverse("exchanges:personal_feed", kwargs={"token": person.feed_token})

    # Cold, nothing cached: the person, their exchanges' versions, the ids of their sessions, then the sessions
    # (no event of theirs is cached yet) and three prefetches.
    with django_assert_num_queries(7):
        cold = client.get(url)
    with django_assert_num_queries(2):
        warm = client.get(url)

    assert cold.content.count(b"BEGIN:VEVENT") == size
    assert warm.content == cold.content


@pytest.mark.parametrize("size", SIZES)
def test_home_runs_the_same_queries_for_1_and_200_sessions(client, django_assert_num_queries, size):
    exchange, user, _person = _exchange_of(size)
    client.force_login(user)

    with django_assert_num_queries(9):
        response = client.get(reverse("home"))

    assert exchange.title in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_exchange_page_runs_the_same_queries_for_1_and_200_sessions(client, django_assert_num_queries, size):
    exchange, user, _person = _exchange_of(size)
    client.force_login(user)

    with django_assert_num_queries(16):  # the feedback survey's link for a delegate included
        response = client.get(exchange.get_absolute_url())

    assert response.content.decode().count('class="agenda__item') == size

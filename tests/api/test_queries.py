"""Every API list answers with the same number of queries for 1 and 50 rows on a page (pretalx's frab export
ran 138 queries for 40 talks; ours stays flat). Counts include the session and user lookups (2 queries)."""

import pytest
from django.urls import reverse

from api import services
from tests.api import worlds
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

# route name -> (the world it lists, whether the URL names the world's exchange, queries with staff's session)
ROUTES = {
    "api:programme_list": (worlds.programmes, False, 4),
    "api:exchange_list": (worlds.exchanges, False, 7),
    "api:session_list": (worlds.sessions, True, 9),
    "api:delegation_list": (worlds.delegations, True, 6),
    "api:next_step_list": (worlds.next_steps, True, 6),
    "api:report_list": (worlds.reports, False, 4),
    # An exchange has one report per language: 1 and 2 rows are all there can be.
    "api:exchange_report_list": (worlds.exchange_reports, True, 5),
    "api:person_list": (worlds.people, False, 4),
    "api:organisation_list": (worlds.organisations, False, 4),
    "api:city_list": (worlds.cities, False, 4),
    "api:initiative_list": (worlds.initiatives, False, 5),
}


def _url(name, size):
    build, names_exchange, _queries = ROUTES[name]
    exchange = build(size)
    return reverse(name, kwargs={"slug": exchange.slug} if names_exchange else None) + "?page_size=50"


@pytest.mark.parametrize("size", [1, 50])
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_api_list_query_count_does_not_grow(name, size, client, django_assert_num_queries):
    url = _url(name, size)
    client.force_login(StaffFactory())

    with django_assert_num_queries(ROUTES[name][2]):
        response = client.get(url)

    rows = response.json()["results"]
    expected = min(size, 2) if name == "api:exchange_report_list" else size
    # The organisations world has a parent organisation besides its ``size`` units (a page holds 50).
    assert len(rows) == (min(size + 1, 50) if name == "api:organisation_list" else expected)


@pytest.mark.parametrize("size", [1, 50])
def test_api_sessions_by_token_query_count_does_not_grow(size, client, django_assert_num_queries):
    """A token costs one query (the token with its user), and one more at most once a minute (last used)."""
    url = _url("api:session_list", size)
    _token, secret = services.token_create(user=StaffFactory(), name="count")
    client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")  # first use: marks the token used

    with django_assert_num_queries(8):
        response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert len(response.json()["results"]) == size

# ruff: noqa: F811 - the permission matrix's fixtures are imported, then requested by name
"""GET fuzzing (issue 15): every URL of the portal, as four identities, with hostile query strings; no 5xx.

The POST fuzzer (tests/test_fuzz.py) never reached the GET filters, where a NUL byte sent to PostgreSQL
answered 500 (DataError). Here every named URL of the permission matrix (its kwargs resolved in the
matrix's world: the demo exchange A, exchange B, the six accounts) is fetched as anonymous, a delegate of
exchange A, the host city's coordinator and staff, with query strings carrying NUL bytes, huge and
negative numbers, invalid UTF-8 escapes, repeated parameters and very long values, in every parameter
name a view or a GET form of the portal reads. Any 5xx fails, with the list of every failing case.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from exchanges.forms.agenda import DelegationFilterForm
from participants.forms import PersonSearchForm
from tests.test_permission_matrix import MATRIX, _client_for, _world_rows, world  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

IDENTITIES = ("anonymous", "delegate_a", "coordinator_host", "staff")
SOURCE_DIRS = ("accounts", "audit", "cities", "core", "exchanges", "participants", "reports", "search")


def _parameter_names() -> list[str]:
    """Every query parameter a view reads (``request.GET.get("x")``, ``GET.getlist("x")``) or a GET form takes."""
    pattern = re.compile(r"GET\.(?:get|getlist)\(\s*[\"'](\w+)[\"']")
    names = set()
    for directory in SOURCE_DIRS:
        for path in (Path(settings.BASE_DIR) / directory).rglob("*.py"):
            source = path.read_text()
            names.update(pattern.findall(source))
            # Filters read in a loop: {name: request.GET.get(name, "") for name in ("region", "country")}
            for line in source.splitlines():
                if "GET.get(name" in line:
                    names.update(re.findall(r"[\"'](\w+)[\"']", line))
    names.update(PersonSearchForm.base_fields, DelegationFilterForm.base_fields)
    # The pickers read the chosen values under the name given in ``field``; allauth reads ``next``.
    names.update({"field", "next", "person", "organisation", "people", "organisations"})
    return sorted(names)


PARAMETERS = _parameter_names()
LONG = "x" * 5000


def _query(value: str) -> str:
    """``value`` (already percent-encoded) under every parameter name."""
    return "&".join(f"{name}={value}" for name in PARAMETERS)


# Raw query strings, percent-encoding left as a hostile client sends it.
QUERIES = {
    "NUL": _query("%00"),
    "NUL inside": _query("a%00b"),
    "NUL in a name": "q%00=1&page=1",
    "huge number": _query("9" * 40),
    "negative number": _query("-99999999999999999999"),
    "float overflow": _query("1e309"),
    "invalid UTF-8": _query("%ff%fe%c0%af"),
    "arrays": "&".join(f"{name}=a&{name}=1&{name}[]=2" for name in PARAMETERS),
    "very long": _query(LONG),
    "bad date": _query("2024-13-45"),
    "ids": _query("1,2,3") + "&field=people&people=" + "9" * 30 + "&people=%C2%B2",
}


class _Rollback(Exception):
    def __init__(self, response):
        self.response = response


def _get(client, url):
    """GET in a savepoint that is always rolled back: a GET that writes, or a database error in one
    request (PostgreSQL then refuses every query until the rollback), stays out of the next case."""
    try:
        with transaction.atomic():
            raise _Rollback(client.get(url))
    except _Rollback as answer:
        return answer.response


def test_parameters_cover_the_filters_that_answered_500():
    assert {"q", "page", "region", "country", "theme", "city", "field", "delegation"} <= set(PARAMETERS)


def test_no_url_answers_5xx_to_hostile_query_strings(client, world, capsys):
    client.raise_request_exception = False  # a view's exception becomes the 500 it would be in production
    failures, cases = [], 0

    for name in sorted(MATRIX):
        entry = MATRIX[name]
        if entry.prepare is not None:
            entry.prepare(world)
        path = reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None)
        for identity in IDENTITIES:
            _client_for(client, world, identity)
            for label, query in QUERIES.items():
                response = _get(client, f"{path}?{query}")
                cases += 1
                if response.status_code >= 500:
                    failures.append(f"{identity} GET {name} ({path}) with {label}: {response.status_code}")

    with capsys.disabled():
        print(f"\nGET fuzzer: {cases} URL × identity × query cases ({len(MATRIX)} URLs, {len(QUERIES)} queries)")
    assert cases == len(MATRIX) * len(IDENTITIES) * len(QUERIES)
    assert not failures, f"{len(failures)} of {cases} cases answered 5xx:\n" + "\n".join(failures)


@pytest.mark.parametrize(
    "url",
    [
        "/cities/?region=%00",
        "/cities/?country=%00",
        "/initiatives/?theme=%00",
        "/cities/?q=a%00b",
        "/exchanges/dakar-montreal-2017/agenda/?delegation=%00",
    ],
)
def test_nul_in_a_public_filter_answers_a_translated_400(client, world, url):
    english = client.get(url)
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")

    assert english.status_code == 400 and "This address cannot be read" in english.content.decode()
    assert french.status_code == 400 and "Cette adresse ne peut pas être lue" in french.content.decode()


@pytest.mark.parametrize(
    "name", ["cities:organisation_list", "exchanges:venue_list", "exchanges:person_options", "search"]
)
def test_nul_in_a_search_answers_400_to_staff(client, world, name):
    client.force_login(world.users["staff"])

    response = client.get(reverse(name) + "?q=a%00b")

    assert response.status_code == 400
    assert "This address cannot be read" in response.content.decode()

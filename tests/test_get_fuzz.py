# ruff: noqa: F811 - the permission matrix's fixtures are imported, then requested by name
"""GET fuzzing (issue 15): every URL of the portal, as four identities, with hostile query strings; no 5xx.

The POST fuzzer (tests/test_fuzz.py) never reached the GET filters, where a NUL byte sent to PostgreSQL
answered 500 (DataError). Here every named URL of the permission matrix (its kwargs resolved in the
matrix's world: the demo exchange A, exchange B, the six accounts) is fetched as anonymous, a delegate of
exchange A, the host city's coordinator and staff, with three query strings: one with NUL bytes (refused
by core.middleware before any view), and two that each combine several hostile values under every
parameter name a view or a GET form of the portal reads: huge and negative numbers, malformed dates and
ids and arrays in one; invalid UTF-8 escapes, very long values and repeated parameters in the other.
Any 5xx fails, with the list of every failing case; so does a NUL that reaches a view, or a combined
query that does not. Three queries rather than one per hostile value keep it near 1,100 requests.
"""

import logging
import re
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from exchanges.forms.agenda import DelegationFilterForm
from participants.forms import PersonSearchForm
from tests.test_permission_matrix import MATRIX, _client_for, _world_rows, world  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

IDENTITIES = ("anonymous", "delegate_a", "coordinator_host", "staff")


def _project_app_dirs() -> list[Path]:
    """The folders of the portal's own apps (a new app's views are read too), not of installed packages."""
    base = Path(settings.BASE_DIR).resolve()
    folders = [Path(config.path).resolve() for config in apps.get_app_configs()]
    return [folder for folder in folders if folder.is_relative_to(base) and ".venv" not in folder.parts]


def _parameter_names() -> list[str]:
    """Every query parameter a view reads (``request.GET.get("x")``, ``GET.getlist("x")``) or a GET form takes."""
    pattern = re.compile(r"GET\.(?:get|getlist)\(\s*[\"'](\w+)[\"']")
    names = set()
    for directory in _project_app_dirs():
        for path in directory.rglob("*.py"):
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
HUGE = "9" * 40

# Each request combines several hostile values, under every parameter name: a view reading one value
# (``GET.get``, a form field) sees the last one, a view reading a list (``GET.getlist``, the pickers'
# chosen ids, multiple-choice fields) sees them all. Raw query strings, percent-encoding left as a hostile
# client sends it. Only the first query holds a NUL byte: the middleware answers it before any view runs,
# so the other two must not, or they would never reach the views.
NUMBERS_AND_ARRAYS = [
    "-99999999999999999999",  # negative, beyond 64 bits
    "1e309",  # float overflow
    "2024-13-45",  # no such date
    "1,2,3",  # a list in one value
    "%C2%B2",  # a digit for str.isdigit(), not for int()
    HUGE,  # last: what GET.get and the forms read
]
ENCODINGS_AND_LENGTHS = [
    "-1",
    "%ff%fe%c0%af",  # invalid UTF-8
    "%c3%28" + LONG + "%ff",  # last: invalid UTF-8 inside a very long value
]


def _combined(values: list[str], **last: str) -> str:
    """Every parameter name repeated with each of ``values`` (and once as ``name[]``, the array syntax of
    PHP and jQuery); ``last`` gives some names another final value."""
    parts = []
    for name in PARAMETERS:
        parts += [f"{name}={value}" for value in values] + [f"{name}[]={values[0]}"]
        if name in last:
            parts.append(f"{name}={last[name]}")
    return "&".join(parts)


QUERIES = {
    # NUL in values, inside a value and in a name: the middleware's 400, for every URL and identity.
    "NUL": "&".join(f"{name}=a%00b" for name in PARAMETERS) + "&q%00=1&page=%00",
    # Huge, negative and malformed numbers, dates and id lists; ``field=people`` last so that the people
    # picker reads the hostile ids under ``people``.
    "numbers and arrays": _combined(NUMBERS_AND_ARRAYS, field="people"),
    # Invalid UTF-8 escapes, very long values, repeated parameters.
    "encodings and lengths": _combined(ENCODINGS_AND_LENGTHS),
}
WITH_NUL = {"NUL"}


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


def test_no_url_answers_5xx_to_hostile_query_strings(client, world, capsys, caplog):
    client.raise_request_exception = False  # a view's exception becomes the 500 it would be in production
    failures, cases = [], 0
    started = time.monotonic()
    caplog.set_level(logging.WARNING, logger="exchange_portal.security")

    for name in sorted(MATRIX):
        entry = MATRIX[name]
        if entry.prepare is not None:
            entry.prepare(world)
        path = reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None)
        for identity in IDENTITIES:
            _client_for(client, world, identity)
            for label, query in QUERIES.items():
                caplog.clear()
                response = _get(client, f"{path}?{query}")
                cases += 1
                case = f"{identity} GET {name} ({path}) with {label}"
                if response.status_code >= 500:
                    failures.append(f"{case}: {response.status_code}")
                # The middleware logs each request it refuses (and no view answers before it).
                refused = any(record.getMessage().startswith("Request refused: NUL") for record in caplog.records)
                if refused != (label in WITH_NUL):
                    # A NUL must be refused before any view; the other queries must reach the view.
                    failures.append(f"{case}: {response.status_code}, refused by the middleware: {refused}")

    with capsys.disabled():
        print(
            f"\nGET fuzzer: {cases} URL × identity × query cases ({len(MATRIX)} URLs, {len(IDENTITIES)} identities, "
            f"{len(QUERIES)} queries over {len(PARAMETERS)} parameters) in {time.monotonic() - started:.1f} s"
        )
    assert cases == len(MATRIX) * len(IDENTITIES) * len(QUERIES)
    assert not failures, f"{len(failures)} of {cases} cases failed:\n" + "\n".join(failures)


def test_the_combined_queries_reach_the_views_with_every_hostile_value(rf):
    for label in ("numbers and arrays", "encodings and lengths"):
        request = rf.get("/?" + QUERIES[label])
        assert not any("\x00" in key or "\x00" in "".join(values) for key, values in request.GET.lists()), label
        assert set(request.GET) >= set(PARAMETERS) and {f"{name}[]" for name in PARAMETERS} <= set(request.GET)

    numbers = rf.get("/?" + QUERIES["numbers and arrays"]).GET
    assert numbers.get("page") == HUGE and numbers.get("q") == HUGE
    assert numbers.getlist("city") == ["-99999999999999999999", "1e309", "2024-13-45", "1,2,3", "²", HUGE]
    assert numbers.get("field") == "people" and numbers.getlist("people")[-1] == HUGE

    encodings = rf.get("/?" + QUERIES["encodings and lengths"]).GET
    assert encodings.get("q") == "\ufffd(" + LONG + "\ufffd"
    assert encodings.getlist("page")[:2] == ["-1", "\ufffd\ufffd\ufffd\ufffd"]


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

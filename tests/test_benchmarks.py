"""The benchmark harness's own pieces (the benchmarks themselves run with `make bench`, never here)."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from conftest import require

pytestmark = pytest.mark.django_db
BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", BENCHMARKS / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_pages_resolve_with_their_arguments_and_answer_on_the_demo(bench, demo):
    subject = bench.subjects()
    delegate = Client()
    delegate.force_login(subject.user)

    built = {}
    for page in bench.PAGES:
        url = bench.resolve(page, subject)  # a URL name that exists with other arguments stops here
        if url is not None:
            client = delegate if page.as_delegate else Client()
            # A POST row (the PDF request) asks for a render: the page's own method, as the bench sends it.
            built[page.label] = client.post(url) if page.method == "POST" else client.get(url)

    assert bench.PAGES[0].floor and built["no-database floor"].content == b"ok"
    assert "Dakar–Montréal city exchange" in built["exchange page"].content.decode()
    assert "Dakar–Montréal city exchange" in built["home (delegate)"].content.decode()
    answered = {label: response.status_code for label, response in built.items()}
    assert answered.pop("PDF request (agenda)") == 302  # to the render job's page
    assert {label: status for label, status in answered.items() if status != 200} == {}


def test_bench_counts_the_queries_of_a_warm_request(bench, demo):
    subject = bench.subjects()
    delegate = Client()
    delegate.force_login(subject.user)

    floor = bench.count_queries("/ping/", delegate, repeat=1)
    page = bench.count_queries(subject.exchange.get_absolute_url(), delegate, repeat=1)

    assert floor["queries"] == 0 and floor["status"] == 200
    assert page["queries"] >= 5 and page["status"] == 200
    assert page["in_process_ms"] > floor["in_process_ms"]


def test_bench_markdown_flags_a_query_count_that_differs_between_sizes(bench):
    def run(size, queries):
        row = {"label": "home", "url": "/", "queries": queries, "in_process_ms": 1.0, "median_ms": 2.0, "agenda": False}
        return {
            "size": size,
            "finished_at": "now",
            "workers": 3,
            "reused": False,
            "machine": {
                "cores": 2,
                "cpu": "cpu",
                "memory_gb": 1,
                "os": "linux",
                "python": "3.11",
                "django": "5.2",
                "database": "PostgreSQL 15",
                "gunicorn": "23",
                "load_average_at_start": [0.1],
            },
            "seeding": {"total_seconds": 1, "migrate_seconds": 0.5, "demo_seconds": 0.5},
            "pages": [row],
        }

    text = bench.markdown({"demo": run("demo", 7), "large": run("large", 8)})

    assert "| home | 7 | 8 | **no** |" in text
    assert "## Demo size" in text and "## Large size" in text


@pytest.mark.services
def test_large_seeding_writes_a_consistent_data_set_on_postgresql(demo):
    require(connection.vendor == "postgresql", "the large data set is written with PostgreSQL COPY")
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from seed import Seeder
    finally:
        sys.path.remove(str(BENCHMARKS))
    from django.db.models import F, Max

    from exchanges.models import Exchange, Membership, Session
    from participants.models import Person

    delegate = Person.objects.get(user__email="delegate@example.org")

    record = Seeder(scale=0.01).run(delegate_person=delegate)

    assert record["rows"]["exchanges_exchange"] == 200
    assert record["rows"]["exchanges_session"] == 5000
    assert record["rows"]["participants_person"] == 1000
    assert Exchange.objects.count() == 201
    assert Membership.objects.filter(person=delegate).values("delegation__exchange").distinct().count() == 31
    assert not Session.objects.exclude(venue__city=F("exchange__host_city")).exists()
    assert not Session.objects.filter(end__lte=F("start")).exists()
    assert Person.objects.values("feed_token").distinct().count() == Person.objects.count()
    highest = Session.objects.aggregate(highest=Max("id"))["highest"]
    first = demo.sessions.order_by("start").first()
    added = Session.objects.create(exchange=demo, title="After the seeding", start=first.start, end=first.end)
    assert added.pk > highest  # the sequences were reset after COPY

"""The data migrations that fold line breaks in rows stored before the single-line rule (issue 15)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("recorded_migrations")]

BEFORE = [("exchanges", "0009_single_line_fields"), ("participants", "0005_single_line_fields")]
# The texts are translated (modeltranslation): the migrations that fold the original columns, then the English
# and French ones.
AFTER = [
    ("exchanges", "0012_clean_single_line_translated_rows"),
    ("participants", "0008_clean_single_line_translated_rows"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_stored_titles_and_names_with_line_breaks_are_folded_onto_one_line():
    # Rows written through the models as they were then (today's models have later columns).
    apps = _migrate(BEFORE)
    try:
        city = apps.get_model("cities", "City").objects.create(
            name="Dakar", slug="dakar", country="Senegal", time_zone="Africa/Dakar"
        )
        organiser = apps.get_model("cities", "Organisation").objects.create(name="ISD", slug="isd")
        programme = apps.get_model("exchanges", "Programme").objects.create(
            name="Exchanges", slug="p", organiser=organiser, start_date="2017-01-01", end_date="2017-12-31"
        )
        exchange = apps.get_model("exchanges", "Exchange").objects.create(
            programme=programme, title_en="Dakar–Montréal\r\n exchange\t2017 ", slug="e", host_city=city,
            start_date="2017-10-16", end_date="2017-10-18",
        )  # fmt: skip
        start = timezone.now()
        session = apps.get_model("exchanges", "Session").objects.create(
            exchange=exchange, title="Opening\nroundtable\x0b", title_en="Opening\nroundtable\x0b",
            start=start, end=start + timedelta(hours=1),
        )  # fmt: skip
        person = apps.get_model("participants", "Person").objects.create(
            name="Maye\r\nSeck", job_title_en="Adviser\u2028to the Mayor"
        )
        exchange.__class__.objects.filter(pk=exchange.pk).update(title="Dakar–Montréal\r\n exchange\t2017 ")

        apps = _migrate(AFTER)

        stored = apps.get_model("exchanges", "Exchange").objects.get(pk=exchange.pk)
        assert (stored.title, stored.title_en) == ("Dakar–Montréal exchange 2017", "Dakar–Montréal exchange 2017")
        stored = apps.get_model("exchanges", "Session").objects.get(pk=session.pk)
        assert (stored.title, stored.title_en) == ("Opening roundtable", "Opening roundtable")
        stored = apps.get_model("participants", "Person").objects.get(pk=person.pk)
        assert (stored.name, stored.job_title_en) == ("Maye Seck", "Adviser to the Mayor")
    finally:
        _migrate(_leaf_nodes())

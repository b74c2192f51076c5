"""The data migrations that fold line breaks in rows stored before the single-line rule (issue 15)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from exchanges.models import Exchange, Session
from participants.models import Person
from tests.factories import PersonFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(*targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets))


def test_stored_titles_and_names_with_line_breaks_are_folded_onto_one_line():
    _migrate(("exchanges", "0006_single_line_fields"), ("participants", "0003_single_line_fields"))
    session = SessionFactory()
    Exchange.objects.filter(pk=session.exchange_id).update(title="Dakar–Montréal\r\n exchange\t2017 ")
    Session.objects.filter(pk=session.pk).update(title="Opening\nroundtable\x0b")
    person = PersonFactory()
    Person.objects.filter(pk=person.pk).update(name="Maye\r\nSeck", job_title="Adviser\u2028to the Mayor")

    _migrate(("exchanges", "0007_clean_single_line_rows"), ("participants", "0004_clean_single_line_rows"))

    session.refresh_from_db()
    person.refresh_from_db()
    assert session.exchange.title == "Dakar–Montréal exchange 2017"
    assert session.title == "Opening roundtable"
    assert (person.name, person.job_title) == ("Maye Seck", "Adviser to the Mayor")

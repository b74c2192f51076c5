"""Moving delegations and memberships into exchanges, and invitations into participants, keeps every row.

A database at today's main has the tables ``participants_delegation``, ``participants_membership`` and
``accounts_invitation`` and the old migration names in ``django_migrations``. The squashed migrations
describe exactly that layout; ``exchanges 0005`` and ``participants 0002`` rename the tables and relabel
their content types. These tests build such a database with MigrationExecutor, fill it through the
historical models, migrate forward and compare.
"""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from cities.models import City
from exchanges.models import Delegation, Exchange, Membership, Session
from participants.models import Invitation, Person

pytestmark = pytest.mark.usefixtures("recorded_migrations")

BEFORE_THE_MOVE = [
    ("accounts", "0001_squashed_0003_user_only"),
    ("participants", "0001_squashed_0001_people"),
    ("exchanges", "0001_squashed_0004_exchange_date_indexes"),
    ("audit", "0001_squashed_0003_history_of_summary_reports"),
]
THE_MOVE = {
    ("exchanges", "0005_delegation_tables_named_for_exchanges"),
    ("participants", "0002_invitation_table_named_for_participants"),
}
# What a database at main recorded: the names the squashed migrations replace.
MAIN_RECORDS = {
    "accounts": ["0001_initial", "0002_user_time_zone", "0003_invitation"],
    "participants": ["0001_initial"],
    "exchanges": [
        "0001_initial",
        "0002_initial",
        "0003_next_step_updates_and_reminders",
        "0004_exchange_date_indexes",
    ],
    "audit": [
        "0001_history_of_exchanges_sessions_delegations_people",
        "0002_history_of_next_step_reminders",
        "0003_history_of_summary_reports",
    ],
}


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


def _leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _fill_as_main_would(apps) -> dict:
    """Two cities, an exchange with two delegations, four memberships, a session attended by one
    delegation, an invitation and a history row: written with the models as they were before the move."""
    City = apps.get_model("cities", "City")
    Organisation = apps.get_model("cities", "Organisation")
    Person = apps.get_model("participants", "Person")
    Invitation = apps.get_model("participants", "Invitation")
    Programme = apps.get_model("exchanges", "Programme")
    Exchange = apps.get_model("exchanges", "Exchange")
    Delegation = apps.get_model("exchanges", "Delegation")
    Membership = apps.get_model("exchanges", "Membership")
    Session = apps.get_model("exchanges", "Session")
    HistoricalDelegation = apps.get_model("audit", "HistoricalDelegation")
    assert Delegation._meta.db_table == "participants_delegation"
    assert Invitation._meta.db_table == "accounts_invitation"

    dakar = City.objects.create(name="Dakar", slug="dakar", country="SN", time_zone="Africa/Dakar")
    montreal = City.objects.create(name="Montréal", slug="montreal", country="CA", time_zone="America/Toronto")
    isd = Organisation.objects.create(name="ISD", slug="isd", kind="ngo")
    programme = Programme.objects.create(
        name="P", slug="p", organiser=isd, start_date="2017-10-01", end_date="2018-12-31"
    )
    exchange = Exchange.objects.create(
        programme=programme,
        title="Dakar–Montréal",
        slug="dakar-montreal",
        host_city=montreal,
        start_date="2017-10-16",
        end_date="2017-10-18",
    )
    host = Delegation.objects.create(exchange=exchange, city=montreal, role="host")
    visitors = Delegation.objects.create(exchange=exchange, city=dakar, role="visiting")
    people = [Person.objects.create(name=f"Person {n}", feed_token=f"token-{n}") for n in range(4)]
    for person, delegation, role in zip(
        people, [host, host, visitors, visitors], ["head", "member", "head", "member"], strict=True
    ):
        Membership.objects.create(person=person, delegation=delegation, role=role)
    start = timezone.now()
    session = Session.objects.create(exchange=exchange, title="Roundtable", start=start, end=start + timedelta(hours=1))
    session.attending_delegations.set([visitors])
    Invitation.objects.create(person=people[3], email="p3@example.org", expires_at=start + timedelta(days=7))
    HistoricalDelegation.objects.create(
        id=visitors.pk,
        exchange=exchange,
        city=dakar,
        role="visiting",
        history_date=start,
        history_type="+",
    )
    return {"host": host.pk, "visitors": visitors.pk, "people": [person.pk for person in people], "session": session.pk}


@pytest.mark.django_db(transaction=True)
def test_migrating_a_database_at_main_keeps_delegations_memberships_and_invitations():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_MOVE)
    try:
        apps = MigrationExecutor(connection).loader.project_state(BEFORE_THE_MOVE).apps
        ids = _fill_as_main_would(apps)
        ContentType.objects.filter(app_label="exchanges", model__in=["delegation", "membership"]).delete()
        old_type = ContentType.objects.get_or_create(app_label="participants", model="delegation")[0]
        # Record the migrations as main named them, as an existing database has them.
        recorder = MigrationRecorder(connection)
        recorder.migration_qs.filter(app__in=MAIN_RECORDS, name__contains="squashed").delete()
        for app, names in MAIN_RECORDS.items():
            for name in names:
                recorder.record_applied(app, name)
        assert {"participants_delegation", "participants_membership", "accounts_invitation"} <= _tables()

        executor = MigrationExecutor(connection)
        # To the move itself: later migrations (translated texts, single-line fields…) follow in the finally clause.
        plan = executor.migration_plan(sorted(THE_MOVE))
        assert {(migration.app_label, migration.name) for migration, _ in plan} == THE_MOVE
        executor.migrate(sorted(THE_MOVE))
    finally:
        MigrationExecutor(connection).migrate(_leaf_nodes())

    assert {"exchanges_delegation", "exchanges_membership", "participants_invitation"} <= _tables()
    assert not {"participants_delegation", "participants_membership", "accounts_invitation"} & _tables()
    assert Delegation.objects.count() == 2
    assert Membership.objects.count() == 4
    assert sorted(Membership.objects.values_list("delegation_id", "person_id", "role")) == sorted(
        [
            (ids["host"], ids["people"][0], "head"),
            (ids["host"], ids["people"][1], "member"),
            (ids["visitors"], ids["people"][2], "head"),
            (ids["visitors"], ids["people"][3], "member"),
        ]
    )
    assert list(Session.objects.get(pk=ids["session"]).attending_delegations.values_list("pk", flat=True)) == [
        ids["visitors"]
    ]
    assert Delegation.objects.get(pk=ids["visitors"]).history.get().city.name == "Dakar"
    assert Invitation.objects.get().person_id == ids["people"][3]
    assert ContentType.objects.get(pk=old_type.pk).app_label == "exchanges"
    assert set(MigrationRecorder(connection).applied_migrations()) >= {
        ("exchanges", "0001_squashed_0004_exchange_date_indexes"),
        *THE_MOVE,
    }


@pytest.mark.django_db(transaction=True)
def test_a_new_database_creates_the_tables_under_their_owners_names():
    tables = _tables()

    assert {"exchanges_delegation", "exchanges_membership", "participants_invitation"} <= tables
    assert not {"participants_delegation", "participants_membership", "accounts_invitation"} & tables


BEFORE_TRANSLATED_TEXTS = [
    ("cities", "0001_initial"),
    ("participants", "0002_invitation_table_named_for_participants"),
    ("exchanges", "0005_delegation_tables_named_for_exchanges"),
    ("audit", "0001_squashed_0003_history_of_summary_reports"),
]


@pytest.mark.django_db(transaction=True)
def test_migrating_to_translated_texts_copies_every_existing_text_into_english():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_TRANSLATED_TEXTS)
    try:
        apps = MigrationExecutor(connection).loader.project_state(BEFORE_TRANSLATED_TEXTS).apps
        city = apps.get_model("cities", "City").objects.create(
            name="Dakar", slug="dakar", country="Senegal", region="West Africa", time_zone="Africa/Dakar"
        )
        organiser = apps.get_model("cities", "Organisation").objects.create(name="Ville de Dakar", slug="vdk")
        programme = apps.get_model("exchanges", "Programme").objects.create(
            name="Exchanges 2017", slug="p", organiser=organiser, start_date="2017-01-01", end_date="2017-12-31"
        )
        exchange = apps.get_model("exchanges", "Exchange").objects.create(
            programme=programme, title="Dakar visits", slug="e", host_city=city, start_date="2017-10-16",
            end_date="2017-10-18",
        )  # fmt: skip
        start = timezone.now()
        apps.get_model("exchanges", "Session").objects.create(
            exchange=exchange, title="Roundtable", notes="", start=start, end=start + timedelta(hours=1)
        )
        apps.get_model("participants", "Person").objects.create(name="Maye Seck", job_title="Adviser")
        apps.get_model("audit", "HistoricalSession").objects.create(
            id=1, exchange=exchange, title="Roundtable", start=start, end=start, history_date=start,
            history_type="+", uid="6c1a1f0e-6a43-4d5e-9a0e-6a3f8f1a2b3c", kind="roundtable", created_at=start,
            updated_at=start,
        )  # fmt: skip
    finally:
        MigrationExecutor(connection).migrate(_leaf_nodes())

    session = Session.objects.get()
    assert (session.title_en, session.title_fr, session.notes_en) == ("Roundtable", None, "")
    assert Exchange.objects.values_list("title_en", "title_fr").get() == ("Dakar visits", None)
    assert City.objects.values_list("name", "country_en", "region_en", "country_fr").get() == (
        "Dakar",
        "Senegal",
        "West Africa",
        None,
    )
    assert Person.objects.values_list("job_title_en", "job_title_fr").get() == ("Adviser", None)
    assert session.history.model.objects.values_list("title_en", flat=True).get() == "Roundtable"


BEFORE_RELEASES = [("reports", "0005_report_releases_and_sign_off")]


@pytest.mark.django_db(transaction=True)
def test_a_report_published_before_releases_becomes_release_1_of_its_text():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_RELEASES)
    try:
        loader = MigrationExecutor(connection).loader
        apps = loader.project_state([key for key in loader.applied_migrations if key in loader.graph.nodes]).apps
        City = apps.get_model("cities", "City")
        Organisation = apps.get_model("cities", "Organisation")
        Programme = apps.get_model("exchanges", "Programme")
        Exchange = apps.get_model("exchanges", "Exchange")
        Report = apps.get_model("reports", "Report")
        dakar = City.objects.create(name="Dakar", slug="dakar", country="SN", time_zone="Africa/Dakar")
        montreal = City.objects.create(name="Montréal", slug="montreal", country="CA", time_zone="America/Toronto")
        isd = Organisation.objects.create(name="ISD", slug="isd", kind="ngo")
        programme = Programme.objects.create(
            name="P", slug="p", organiser=isd, start_date="2017-10-01", end_date="2018-12-31"
        )
        exchange = Exchange.objects.create(
            programme=programme,
            title="Dakar–Montréal",
            slug="dm",
            host_city=montreal,
            start_date="2017-10-16",
            end_date="2017-10-18",
        )
        exchange.visiting_cities.add(dakar)
        published_at = timezone.now() - timedelta(days=30)
        Report.objects.create(
            exchange=exchange, language="fr", status="published", summary="Le résumé.", version=4,
            published_at=published_at,
        )  # fmt: skip
        Report.objects.create(exchange=exchange, language="en", status="draft", summary="Draft.")
    finally:
        MigrationExecutor(connection).migrate(_leaf_nodes())

    from reports.models import ReportRelease

    release = ReportRelease.objects.get()
    assert (release.number, release.language, release.summary, release.report_version) == (1, "fr", "Le résumé.", 4)
    assert release.released_at == published_at
    assert release.title == "Échange de villes Dakar-Montréal : rapport de synthèse"
    assert release.subtitle == "Montréal, 16–18 octobre 2017"

"""Data migrations keep and convert every row, on a database filled as it was before each of them.

One walk per run, not one per test: each migration Django passes costs it a rendering of the historical model
states, most of all backwards (about 25 s for a walk back and forth on SQLite). So the ``walk`` fixture empties
the test database and migrates it forward once, from nothing: to a database as main had it before delegations
moved into exchanges, then stage by stage, filling each stage through the historical models before the
migrations under test run over it:

1. before the move: ``participants_delegation``, ``participants_membership`` and ``accounts_invitation`` and
   the old migration names in ``django_migrations``, as main had them. The squashed migrations describe
   exactly that layout; ``exchanges 0005`` and ``participants 0002`` rename the tables and relabel their
   content types;
2. before the translated texts (modeltranslation's columns): every existing text is copied into English;
3. before the single-line rule: stored titles and names with line breaks are folded onto one line;
4. before releases: a report published before releases becomes release 1 of its text.

Each stage's rows stay in the database for the stages after it, as they would in a real database. The fixture
records what each test checks (plain values), and empties the database at the end.
"""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from cities.models import City
from exchanges.models import Delegation, Exchange, Membership, Session
from participants.models import Invitation, Person

BEFORE_THE_MOVE = [
    ("accounts", "0001_squashed_0003_user_only"),
    ("cities", "0001_initial"),
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
BEFORE_TRANSLATED_TEXTS = [
    ("cities", "0001_initial"),
    ("participants", "0002_invitation_table_named_for_participants"),
    ("exchanges", "0005_delegation_tables_named_for_exchanges"),
    ("audit", "0001_squashed_0003_history_of_summary_reports"),
]
BEFORE_SINGLE_LINE = [("exchanges", "0009_single_line_fields"), ("participants", "0005_single_line_fields")]
# The texts are translated (modeltranslation): the migrations that fold the original columns, then the English
# and French ones.
AFTER_SINGLE_LINE = [
    ("exchanges", "0012_clean_single_line_translated_rows"),
    ("participants", "0008_clean_single_line_translated_rows"),
]
BEFORE_RELEASES = [("reports", "0005_report_releases_and_sign_off")]


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


def _leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _empty_database() -> None:
    """Drop every table (on PostgreSQL, everything in the schema: the search configurations too)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
            return
        with connection.constraint_checks_disabled():
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")


def _migrate(targets):
    """Migrate to ``targets`` and answer the historical models there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


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


def _move(apps) -> dict:
    """Stage 1: rows and migration records as main had them, then the move itself."""
    facts = {"ids": _fill_as_main_would(apps)}
    ContentType.objects.filter(app_label="exchanges", model__in=["delegation", "membership"]).delete()
    facts["old_type"] = ContentType.objects.get_or_create(app_label="participants", model="delegation")[0].pk
    # Record the migrations as main named them, as an existing database has them.
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app__in=MAIN_RECORDS, name__contains="squashed").delete()
    for app, names in MAIN_RECORDS.items():
        for name in names:
            recorder.record_applied(app, name)
    facts["tables_before"] = _tables()
    executor = MigrationExecutor(connection)
    facts["plan"] = {
        (migration.app_label, migration.name) for migration, _ in executor.migration_plan(sorted(THE_MOVE))
    }
    executor.migrate(sorted(THE_MOVE))
    return facts


def _fill_before_translated_texts(apps) -> None:
    """Stage 2: texts written before each had an English and a French column."""
    city = apps.get_model("cities", "City").objects.create(
        name="Thiès", slug="thies", country="Senegal", region="West Africa", time_zone="Africa/Dakar"
    )
    organiser = apps.get_model("cities", "Organisation").objects.create(name="Ville de Thiès", slug="vdt")
    programme = apps.get_model("exchanges", "Programme").objects.create(
        name="Exchanges 2016", slug="p2", organiser=organiser, start_date="2016-01-01", end_date="2016-12-31"
    )
    exchange = apps.get_model("exchanges", "Exchange").objects.create(
        programme=programme, title="Thiès visits", slug="translated", host_city=city, start_date="2016-10-16",
        end_date="2016-10-18",
    )  # fmt: skip
    start = timezone.now()
    session = apps.get_model("exchanges", "Session").objects.create(
        exchange=exchange, title="Workshop", notes="", start=start, end=start + timedelta(hours=1)
    )
    apps.get_model("participants", "Person").objects.create(name="Maye Seck", job_title="Adviser")
    apps.get_model("audit", "HistoricalSession").objects.create(
        id=session.pk, exchange=exchange, title="Workshop", start=start, end=start, history_date=start,
        history_type="+", uid="6c1a1f0e-6a43-4d5e-9a0e-6a3f8f1a2b3c", kind="roundtable", created_at=start,
        updated_at=start,
    )  # fmt: skip


def _single_line(apps) -> dict:
    """Stage 3: titles and names with line breaks, stored before the single-line rule, then its migrations."""
    city = apps.get_model("cities", "City").objects.create(
        name="Rufisque", slug="rufisque", country="Senegal", time_zone="Africa/Dakar"
    )
    organiser = apps.get_model("cities", "Organisation").objects.create(name="ISD", slug="isd-single-line")
    programme = apps.get_model("exchanges", "Programme").objects.create(
        name="Exchanges", slug="p3", organiser=organiser, start_date="2017-01-01", end_date="2017-12-31"
    )
    exchange = apps.get_model("exchanges", "Exchange").objects.create(
        programme=programme, title_en="Dakar–Montréal\r\n exchange\t2017 ", slug="single-line", host_city=city,
        start_date="2017-10-16", end_date="2017-10-18",
    )  # fmt: skip
    start = timezone.now()
    session = apps.get_model("exchanges", "Session").objects.create(
        exchange=exchange, title="Opening\nroundtable\x0b", title_en="Opening\nroundtable\x0b",
        start=start, end=start + timedelta(hours=1),
    )  # fmt: skip
    person = apps.get_model("participants", "Person").objects.create(
        name="Awa\r\nNdiaye", job_title_en="Adviser\u2028to the Mayor"
    )
    exchange.__class__.objects.filter(pk=exchange.pk).update(title="Dakar–Montréal\r\n exchange\t2017 ")

    apps = _migrate(AFTER_SINGLE_LINE)

    exchange = apps.get_model("exchanges", "Exchange").objects.get(pk=exchange.pk)
    session = apps.get_model("exchanges", "Session").objects.get(pk=session.pk)
    person = apps.get_model("participants", "Person").objects.get(pk=person.pk)
    return {
        "exchange": (exchange.title, exchange.title_en),
        "session": (session.title, session.title_en),
        "person": (person.name, person.job_title_en),
    }


def _fill_before_releases() -> str:
    """Stage 4: a report published (French) and a draft (English) before releases existed."""
    loader = MigrationExecutor(connection).loader
    apps = loader.project_state([key for key in loader.applied_migrations if key in loader.graph.nodes]).apps
    City = apps.get_model("cities", "City")
    Organisation = apps.get_model("cities", "Organisation")
    Programme = apps.get_model("exchanges", "Programme")
    Exchange = apps.get_model("exchanges", "Exchange")
    Report = apps.get_model("reports", "Report")
    dakar = City.objects.create(name="Dakar", slug="dakar-releases", country="SN", time_zone="Africa/Dakar")
    montreal = City.objects.create(name="Montréal", slug="montreal-releases", country="CA", time_zone="America/Toronto")
    isd = Organisation.objects.create(name="ISD", slug="isd-releases", kind="ngo")
    programme = Programme.objects.create(
        name="P", slug="p4", organiser=isd, start_date="2017-10-01", end_date="2018-12-31"
    )
    exchange = Exchange.objects.create(
        programme=programme,
        title="Dakar–Montréal",
        slug="releases",
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
    return published_at


def _move_facts(facts) -> dict:
    ids = facts["ids"]
    return {
        **facts,
        "tables": _tables(),
        "delegations": Delegation.objects.count(),
        "memberships": sorted(Membership.objects.values_list("delegation_id", "person_id", "role")),
        "attending": list(Session.objects.get(pk=ids["session"]).attending_delegations.values_list("pk", flat=True)),
        "history_city": Delegation.objects.get(pk=ids["visitors"]).history.get().city.name,
        "invited": Invitation.objects.get().person_id,
        "old_type_label": ContentType.objects.get(pk=facts["old_type"]).app_label,
        "applied": set(MigrationRecorder(connection).applied_migrations()),
    }


def _translated_facts() -> dict:
    session = Session.objects.get(exchange__slug="translated")
    return {
        "session": (session.title_en, session.title_fr, session.notes_en),
        "exchange": Exchange.objects.values_list("title_en", "title_fr").get(slug="translated"),
        "city": City.objects.values_list("name", "country_en", "region_en", "country_fr").get(slug="thies"),
        "person": Person.objects.values_list("job_title_en", "job_title_fr").get(name="Maye Seck"),
        "history": session.history.model.objects.filter(id=session.pk).values_list("title_en", flat=True).get(),
    }


def _release_facts(published_at) -> dict:
    from reports.models import ReportRelease

    release = ReportRelease.objects.get()
    return {
        "release": (release.number, release.language, release.summary, release.report_version),
        "released_at": release.released_at,
        "published_at": published_at,
        "texts": (release.title, release.subtitle),
    }


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker):
    """The facts each test checks, gathered on one walk back to main and forward through the stages."""
    with django_db_blocker.unblock():
        _empty_database()
        try:
            move = _move(_migrate(BEFORE_THE_MOVE))
            _fill_before_translated_texts(_migrate(BEFORE_TRANSLATED_TEXTS))
            single_line = _single_line(_migrate(BEFORE_SINGLE_LINE))
            _migrate(BEFORE_RELEASES)
            published_at = _fill_before_releases()
            _migrate(_leaf_nodes())
            yield {
                "move": _move_facts(move),
                "translated": _translated_facts(),
                "single_line": single_line,
                "releases": _release_facts(published_at),
            }
        finally:
            MigrationExecutor(connection).migrate(_leaf_nodes())
            call_command("flush", interactive=False, verbosity=0)
            ContentType.objects.clear_cache()


def test_migrating_a_database_at_main_keeps_delegations_memberships_and_invitations(walk):
    facts = walk["move"]
    ids = facts["ids"]

    assert {"participants_delegation", "participants_membership", "accounts_invitation"} <= facts["tables_before"]
    assert facts["plan"] == THE_MOVE
    assert {"exchanges_delegation", "exchanges_membership", "participants_invitation"} <= facts["tables"]
    assert not {"participants_delegation", "participants_membership", "accounts_invitation"} & facts["tables"]
    assert facts["delegations"] == 2
    assert facts["memberships"] == sorted(
        [
            (ids["host"], ids["people"][0], "head"),
            (ids["host"], ids["people"][1], "member"),
            (ids["visitors"], ids["people"][2], "head"),
            (ids["visitors"], ids["people"][3], "member"),
        ]
    )
    assert facts["attending"] == [ids["visitors"]]
    assert facts["history_city"] == "Dakar"
    assert facts["invited"] == ids["people"][3]
    assert facts["old_type_label"] == "exchanges"
    assert facts["applied"] >= {("exchanges", "0001_squashed_0004_exchange_date_indexes"), *THE_MOVE}


@pytest.mark.django_db(transaction=True)
def test_a_new_database_creates_the_tables_under_their_owners_names():
    tables = _tables()

    assert {"exchanges_delegation", "exchanges_membership", "participants_invitation"} <= tables
    assert not {"participants_delegation", "participants_membership", "accounts_invitation"} & tables


def test_migrating_to_translated_texts_copies_every_existing_text_into_english(walk):
    facts = walk["translated"]

    assert facts["session"] == ("Workshop", None, "")
    assert facts["exchange"] == ("Thiès visits", None)
    assert facts["city"] == ("Thiès", "Senegal", "West Africa", None)
    assert facts["person"] == ("Adviser", None)
    assert facts["history"] == "Workshop"


def test_stored_titles_and_names_with_line_breaks_are_folded_onto_one_line(walk):
    facts = walk["single_line"]

    assert facts["exchange"] == ("Dakar–Montréal exchange 2017", "Dakar–Montréal exchange 2017")
    assert facts["session"] == ("Opening roundtable", "Opening roundtable")
    assert facts["person"] == ("Awa Ndiaye", "Adviser to the Mayor")


def test_a_report_published_before_releases_becomes_release_1_of_its_text(walk):
    facts = walk["releases"]

    assert facts["release"] == (1, "fr", "Le résumé.", 4)
    assert facts["released_at"] == facts["published_at"]
    assert facts["texts"] == ("Échange de villes Dakar-Montréal : rapport de synthèse", "Montréal, 16–18 octobre 2017")

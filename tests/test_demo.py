import pytest
from django.apps import apps
from django.core.management import call_command

from exchanges.demo import OBJECTIVES
from exchanges.models import Exchange, Session

pytestmark = pytest.mark.django_db


def _row_counts():
    return {
        model._meta.label: model.objects.count()
        for app in ("accounts", "cities", "participants", "exchanges", "account")
        for model in apps.get_app_config(app).get_models()
    }


def test_load_demo_recreates_the_reference_exchange(demo):
    exchange = Exchange.objects.get(slug="dakar-montreal-2017")

    assert exchange.host_city.name == "Montréal"
    assert [c.name for c in exchange.visiting_cities.all()] == ["Dakar"]
    assert exchange.programme.planned_exchanges == 3
    assert exchange.programme.organiser.acronym == "ISD"
    assert exchange.delegations.count() == 2
    assert exchange.sessions.count() == 5
    assert exchange.next_steps.filter(text__startswith="The CPRLV sends round a first concept note").exists()


def test_load_demo_keeps_the_five_objectives_verbatim(demo):
    objectives = list(demo.objectives.values_list("lead", "detail"))

    assert objectives == OBJECTIVES
    assert objectives[0] == (
        "Sharing vital practical tools and initiatives",
        "to reduce local risk, prevent violence and build cohesive communities;",
    )
    assert objectives[4][0] == "Building a long-term partnership between two SCN member cities"


def test_load_demo_sessions_follow_the_report_in_montreal_time(demo):
    sessions = list(demo.sessions.order_by("start"))
    tz = demo.host_city.tzinfo

    assert [s.kind for s in sessions] == ["roundtable", "site_visit", "site_visit", "presentation", "workshop"]
    assert "Saint-Pierre" in sessions[1].venue.name
    assert sessions[0].local_start().strftime("%Y-%m-%d %H:%M %Z") == "2017-10-16 08:30 EDT"
    assert sessions[0].start.utcoffset().total_seconds() == 0  # stored as UTC
    workshop = sessions[-1]
    assert (workshop.start.astimezone(tz).date().day, workshop.end.astimezone(tz).date().day) == (17, 18)
    assert all("illustrative" in s.notes for s in sessions)
    assert all(not s.is_outside_exchange_dates for s in sessions)


def test_load_demo_names_the_people_of_the_report(demo):
    names = set(
        Session.objects.none().model._meta.get_field("presenters").related_model.objects.values_list("name", flat=True)
    )

    assert {"Esteban Benavides", "Maye Seck", "Papa Alassane Seck", "Sylvain Bissonnette", "Jocelyne Lebrun"} <= names


def test_load_demo_twice_changes_no_row_count(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = _row_counts()

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert _row_counts() == first
    assert first["exchanges.Session"] == 5


def test_load_demo_prints_the_logins(db, capsys):
    call_command("load_demo")

    out = capsys.readouterr().out
    assert "staff@example.org" in out
    assert "exchange-demo-2017" in out


def test_load_demo_twice_writes_nothing_the_second_time(demo):
    before = list(Session.objects.order_by("pk").values_list("pk", "sequence", "updated_at"))

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert list(Session.objects.order_by("pk").values_list("pk", "sequence", "updated_at")) == before


def test_load_demo_makes_the_exchange_and_its_agenda_public(client, demo):
    home = client.get("/").content.decode()
    agenda = client.get("/exchanges/dakar-montreal-2017/agenda/").content.decode()

    assert demo.is_public
    assert 'href="/exchanges/dakar-montreal-2017/"' in home
    assert "Roundtables with the Ville de Montréal" in agenda


def test_load_demo_has_a_coordinator_for_each_city(demo):
    from cities.models import Coordinator

    coordinated = set(Coordinator.objects.values_list("user__email", "city__slug"))

    assert coordinated == {("coordinator@example.org", "montreal"), ("coordinator.dakar@example.org", "dakar")}


def test_load_demo_writes_every_text_in_both_languages(demo):
    session = demo.sessions.get(title_en="Roundtables with the Ville de Montréal")
    objective = demo.objectives.get(position=1)

    assert (demo.title_en, demo.title_fr) == ("Dakar–Montréal city exchange", "Échange Dakar–Montréal")
    assert session.title_fr == "Tables rondes avec la Ville de Montréal"
    assert "**Opening roundtables.**" in session.notes_en
    assert "**Tables rondes d'ouverture.**" in session.notes_fr
    assert objective.lead_fr == "Partager des outils et des initiatives pratiques essentiels"

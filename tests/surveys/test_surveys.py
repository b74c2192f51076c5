"""Feedback against the objectives: sending once at a local hour, one-click links, answers, results (issue 19)."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from exchanges.models import SurveyAnswer, SurveyResponse
from exchanges.selectors.surveys import survey_results
from exchanges.services import surveys as services
from tests.factories import (
    CityFactory,
    CoordinatorFactory,
    DelegationFactory,
    ExchangeFactory,
    MembershipFactory,
    ObjectiveFactory,
    PersonFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# The exchange ends on 18 October 2017 in Montréal; 19 October, 14:00 UTC is 10:00 in Montréal and 14:00 in Dakar.
AFTER_END = datetime(2017, 10, 19, 14, 0, tzinfo=UTC)


@pytest.fixture
def exchange():
    montreal = CityFactory(name="Montréal", time_zone="America/Toronto")
    exchange = ExchangeFactory(host_city=montreal, start_date=date(2017, 10, 16), end_date=date(2017, 10, 18))
    ObjectiveFactory(exchange=exchange, position=1, lead_en="Sharing tools", lead_fr="Partager des outils")
    ObjectiveFactory(exchange=exchange, position=2, lead_en="A lasting partnership", lead_fr="Un partenariat durable")
    dakar = DelegationFactory(exchange=exchange, city=CityFactory(name="Dakar", time_zone="Africa/Dakar"))
    host = DelegationFactory(exchange=exchange, city=montreal, role="host")
    MembershipFactory(delegation=dakar, person=PersonFactory(city=dakar.city, language="fr", email="maye@example.org"))
    MembershipFactory(delegation=host, person=PersonFactory(city=montreal, language="en", email="jo@example.org"))
    return exchange


def _answers(exchange, **fields):
    return {objective.pk: dict(fields) for objective in exchange.objectives.all()}


def test_survey_sends_each_delegate_one_email_in_their_language(exchange):
    sent = services.surveys_send(now=AFTER_END)
    again = services.surveys_send(now=AFTER_END + timedelta(hours=1))

    assert (sent, again) == (2, 0)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert by_recipient["maye@example.org"].subject.startswith("Votre avis sur")
    assert by_recipient["jo@example.org"].subject.startswith("Your feedback on")
    assert "/surveys/" in by_recipient["jo@example.org"].body
    assert SurveyResponse.objects.filter(invited_at__isnull=False).count() == 2


def test_survey_waits_for_the_local_daytime_of_each_person(exchange):
    # 19 October, 04:00 UTC: midnight in Montréal, 04:00 in Dakar: nobody is written to at night.
    night = services.surveys_send(now=datetime(2017, 10, 19, 4, 0, tzinfo=UTC))
    # 10:00 UTC: 10:00 in Dakar, 06:00 in Montréal: Dakar only.
    dakar_morning = services.surveys_send(now=datetime(2017, 10, 19, 10, 0, tzinfo=UTC))

    assert (night, dakar_morning) == (0, 1)
    assert mail.outbox[0].to == ["maye@example.org"]


def test_survey_is_not_sent_before_the_exchange_ends(exchange):
    sent = services.surveys_send(now=datetime(2017, 10, 18, 14, 0, tzinfo=UTC))

    assert sent == 0 and mail.outbox == []


def test_survey_reminds_once_those_who_have_not_answered(exchange):
    services.surveys_send(now=AFTER_END)
    answered = SurveyResponse.objects.get(person__email="jo@example.org")
    services.survey_response_save(
        response=answered, answers=_answers(exchange, met=4), named=False, phase=services.AFTER
    )
    mail.outbox.clear()

    early = services.surveys_send(now=AFTER_END + timedelta(days=3))
    reminded = services.surveys_send(now=AFTER_END + timedelta(days=7))
    again = services.surveys_send(now=AFTER_END + timedelta(days=8))

    assert (early, reminded, again) == (0, 1, 0)
    assert mail.outbox[0].to == ["maye@example.org"]
    assert mail.outbox[0].subject.startswith("Rappel")


def test_survey_link_works_without_login_and_closes_with_the_survey(client, exchange):
    services.surveys_send(now=AFTER_END)
    response = SurveyResponse.objects.get(person__email="jo@example.org")
    url = f"/surveys/{services.survey_token(response)}/"
    first, second = exchange.objectives.all()
    data = {
        f"met_{first.pk}": "4",
        f"after_{first.pk}": "4",
        f"before_{first.pk}": "2",
        f"take_home_{first.pk}": "The <b>tool</b>kit",
        f"met_{second.pk}": "5",
        "named": "on",
    }

    with time_machine.travel(AFTER_END, tick=False):
        page = client.get(url)
        saved = client.post(url, data)
    with time_machine.travel(AFTER_END + timedelta(days=40), tick=False):
        closed = client.get(url)
        refused = client.post(url, {f"met_{first.pk}": "1"})

    assert "How far did this exchange meet this objective?" in page.content.decode()
    assert saved.status_code == 302
    answer = SurveyAnswer.objects.get(response=response, objective=first)
    assert (answer.met, answer.before, answer.after, answer.take_home) == (4, 2, 4, "The <b>tool</b>kit")
    assert closed.status_code == 410 and refused.status_code == 410
    assert SurveyAnswer.objects.get(response=response, objective=first).met == 4


def test_survey_link_refuses_a_forged_token(client, exchange):
    response = client.get("/surveys/not-a-signed-token/")

    assert response.status_code == 404


def test_survey_before_answers_are_kept_at_the_end(client, exchange):
    person = PersonFactory(user=UserFactory(), language="en")
    MembershipFactory(delegation=exchange.delegations.first(), person=person)
    client.force_login(person.user)
    first = exchange.objectives.first()

    with time_machine.travel(datetime(2017, 10, 10, 12, tzinfo=UTC), tick=False):
        before_page = client.get(f"/exchanges/{exchange.slug}/survey/")
        client.post(f"/exchanges/{exchange.slug}/survey/", {f"before_{first.pk}": "2"})
    with time_machine.travel(AFTER_END, tick=False):
        after_page = client.get(f"/exchanges/{exchange.slug}/survey/")
        client.post(f"/exchanges/{exchange.slug}/survey/", {f"before_{first.pk}": "5", f"after_{first.pk}": "4"})

    assert "Where do you stand on this, before the exchange?" in before_page.content.decode()
    assert "How far did" not in before_page.content.decode()
    assert f'name="before_{first.pk}"' not in after_page.content.decode()
    answer = SurveyAnswer.objects.get(objective=first, response__person=person)
    assert (answer.before, answer.after) == (2, 4)


def test_my_survey_is_404_for_those_who_are_not_delegates(client, exchange, outsider):
    staff = StaffFactory()
    client.force_login(staff)
    staff_answer = client.get(f"/exchanges/{exchange.slug}/survey/")
    client.force_login(outsider)
    outsider_answer = client.get(f"/exchanges/{exchange.slug}/survey/")

    assert (staff_answer.status_code, outsider_answer.status_code) == (404, 404)
    assert not SurveyResponse.objects.exists()


def test_survey_results_are_anonymous_to_coordinators_unless_named(client, exchange):
    services.surveys_send(now=AFTER_END)
    jo, maye = (
        SurveyResponse.objects.get(person__email="jo@example.org"),
        SurveyResponse.objects.get(person__email="maye@example.org"),
    )
    first = exchange.objectives.first()
    services.survey_response_save(
        response=jo,
        answers={first.pk: {"met": 4, "before": 2, "after": 4, "take_home": "Jo's lesson"}},
        named=False,
        phase=services.AFTER,
    )
    services.survey_response_save(
        response=maye,
        answers={first.pk: {"met": 5, "before": 3, "after": 4, "take_home": "Leçon de Maye"}},
        named=True,
        phase=services.AFTER,
    )
    coordinator = CoordinatorFactory(city=exchange.host_city).user

    results = survey_results(exchange, show_names=False)
    client.force_login(coordinator)
    page = client.get(exchange.get_absolute_url()).content.decode()
    client.force_login(StaffFactory())
    staff_page = client.get(exchange.get_absolute_url()).content.decode()

    assert (results.responded, results.delegates, results.rate_percent) == (2, 2, 100)
    score = results.scores[0]
    assert (score.met, score.before, score.after, score.change) == (4.5, 2.5, 4.0, 1.5)
    assert (
        "What participants said" in page and "<svg" in page and "style=" not in page.split("survey-heading")[1][:4000]
    )
    take_home = page.split("What they take home")[1].split("</ul>")[0]
    staff_take_home = staff_page.split("What they take home")[1].split("</ul>")[0]
    assert "Leçon de Maye" in take_home and "Jo&#x27;s lesson" in take_home
    assert maye.person.display_name in take_home and jo.person.display_name not in take_home
    assert jo.person.display_name in staff_take_home


def test_survey_results_are_not_shown_to_delegates(client, exchange):
    person = PersonFactory(user=UserFactory())
    MembershipFactory(delegation=exchange.delegations.first(), person=person)
    client.force_login(person.user)

    with time_machine.travel(AFTER_END, tick=False):
        page = client.get(exchange.get_absolute_url()).content.decode()

    assert "What participants said" not in page
    assert f"/exchanges/{exchange.slug}/survey/" in page


def test_report_page_shows_the_drafted_feedback_section_to_its_editors(client, demo):
    from reports.services import report_get_or_create, report_update_settings

    staff = StaffFactory()
    report = report_get_or_create(exchange=demo)
    report_update_settings(report=report, language="en", include_annex=False, include_feedback=True, user=staff)
    client.force_login(staff)

    page = client.get(f"/exchanges/{demo.slug}/report/en/").content.decode()

    section = page.split('id="section-feedback"')[1]
    assert "What participants said" in section and "<svg" in section
    assert "3 of the 4 delegates answered the feedback survey (75 %)" in section
    assert "These answers are illustrative" in section
    # Maye Seck chose to be named; the others' words are "a delegate"'s.
    assert "Maye Seck" in section and "Papa Alassane Seck" not in section


def test_a_cancelled_exchange_has_no_survey(client, exchange):
    services.surveys_send(now=AFTER_END)
    response = SurveyResponse.objects.get(person__email="jo@example.org")
    exchange.status = "cancelled"
    exchange.save()
    mail.outbox.clear()

    with time_machine.travel(AFTER_END, tick=False):
        page = client.get(f"/surveys/{services.survey_token(response)}/")
    sent = services.surveys_send(now=AFTER_END + timedelta(days=8))

    assert page.status_code == 404 and sent == 0 and mail.outbox == []


def test_survey_page_reads_in_french_with_the_objectives_french_texts(client, exchange):
    services.surveys_send(now=AFTER_END)
    response = SurveyResponse.objects.get(person__email="maye@example.org")
    client.cookies["django_language"] = "fr"

    with time_machine.travel(AFTER_END, tick=False):
        page = client.get(f"/surveys/{services.survey_token(response)}/").content.decode()

    assert "Questionnaire d’évaluation" in page
    assert "Dans quelle mesure cet échange a-t-il atteint cet objectif ?" in page
    assert "1. Partager des outils" in page and "Sharing tools" not in page

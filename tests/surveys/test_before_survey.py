"""The before/after self-assessment is asked at invitation (issue 19, item 1): a person added to a delegation of an
upcoming exchange is e-mailed, in their language, the one-click link to the survey's "before" questions."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from exchanges.models import Exchange, SurveyAnswer
from tests.factories import (
    CityFactory,
    DelegationFactory,
    ExchangeFactory,
    ObjectiveFactory,
    PersonFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

# The exchange runs 16–18 October 2017 in Montréal; on 1 October it is upcoming.
BEFORE_START = datetime(2017, 10, 1, 14, 0, tzinfo=UTC)


@pytest.fixture
def delegation():
    montreal = CityFactory(name="Montréal", time_zone="America/Toronto")
    exchange = ExchangeFactory(
        host_city=montreal, start_date=date(2017, 10, 16), end_date=date(2017, 10, 18), title_en="Dakar–Montréal"
    )
    ObjectiveFactory(exchange=exchange, position=1, lead_en="Sharing tools", lead_fr="Partager des outils")
    ObjectiveFactory(exchange=exchange, position=2, lead_en="A lasting partnership", lead_fr="Un partenariat durable")
    return DelegationFactory(exchange=exchange, city=CityFactory(name="Dakar", time_zone="Africa/Dakar"))


def _add(client, delegation, person, django_capture_on_commit_callbacks):
    client.force_login(StaffFactory())
    url = reverse("exchanges:member_add", kwargs={"slug": delegation.exchange.slug, "pk": delegation.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"person": person.pk, "role": "member"})
    assert response.status_code == 302


@time_machine.travel(BEFORE_START, tick=False)
@pytest.mark.parametrize(
    ("language", "subject", "phrases"),
    [
        ("en", "You are in the delegation to", ["added as member to the delegation of Dakar", "its 2 objectives"]),
        ("fr", "Vous faites partie de la délégation", ["délégation de Dakar", "chacun de ses 2 objectifs"]),
    ],
)
def test_a_new_delegate_is_sent_the_before_survey_link_in_their_language(
    client, delegation, django_capture_on_commit_callbacks, language, subject, phrases
):
    person = PersonFactory(language=language, email=f"{language}@example.org")

    _add(client, delegation, person, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [f"{language}@example.org"] and message.subject.startswith(subject)
    assert message.extra_headers["Content-Language"] == language
    assert all(phrase in message.body for phrase in phrases), message.body
    link = next(line for line in message.body.splitlines() if "/surveys/" in line)
    # The link is the survey's one-click link: it takes the "before" answers, without logging in.
    client.logout()
    page = client.get(link)
    assert page.status_code == 200


@time_machine.travel(BEFORE_START, tick=False)
def test_the_before_link_records_before_answers(client, delegation, django_capture_on_commit_callbacks):
    person = PersonFactory(language="en", email="jo@example.org")
    _add(client, delegation, person, django_capture_on_commit_callbacks)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/surveys/" in line)
    objectives = list(delegation.exchange.objectives.order_by("position"))
    client.logout()

    client.post(link, {f"before_{objective.pk}": "2" for objective in objectives})

    assert sorted(SurveyAnswer.objects.filter(response__person=person).values_list("before", flat=True)) == [2, 2]


def test_no_before_link_once_the_exchange_has_begun_or_for_a_draft(
    client, delegation, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime(2017, 10, 17, 14, 0, tzinfo=UTC), tick=False):
        _add(client, delegation, PersonFactory(email="late@example.org"), django_capture_on_commit_callbacks)
    Exchange.objects.filter(pk=delegation.exchange.pk).update(status=Exchange.Status.DRAFT)
    with time_machine.travel(BEFORE_START, tick=False):
        _add(client, delegation, PersonFactory(email="draft@example.org"), django_capture_on_commit_callbacks)

    assert mail.outbox == []

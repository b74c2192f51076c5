"""Follow-up check-ins of the action plan: 3, 6 and 12 months after the exchange (the programme's months), the
owner of each open action gets one e-mail in their language with a signed link; their answer is an update."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from exchanges.models import Exchange, NextStep, NextStepCheckIn, Partnership, PartnershipCity
from exchanges.services.check_ins import SALT, add_months, check_in_token, next_step_check_ins_send
from exchanges.tasks.check_ins import send_check_ins
from tests.factories import CityFactory, ExchangeFactory, NextStepFactory, PersonFactory, ProgrammeFactory

LINK = re.compile(r"https?://\S+(/check-in/\S+/)")


def _at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 7, 15, tzinfo=UTC), tick=False)


def _world(*, language="fr", months="3,6,12"):
    dakar, montreal = CityFactory(name="Dakar"), CityFactory(name="Montréal")
    exchange = ExchangeFactory(
        programme=ProgrammeFactory(check_in_months=months),
        title_en="Dakar–Montréal exchange",
        title_fr="Échange Dakar–Montréal",
        host_city=montreal,
        visiting_cities=[dakar],
        start_date=date(2024, 1, 10),
        end_date=date(2024, 1, 12),
        status=Exchange.Status.COMPLETED,
    )
    owner = PersonFactory(language=language, name="Awa Diop")
    step = NextStepFactory(exchange=exchange, owner_person=owner, text="Circulate the concept note", status="open")
    partnership = Partnership.objects.create(slug=f"dakar-montreal-{exchange.pk}")
    PartnershipCity.objects.create(partnership=partnership, city=dakar)
    PartnershipCity.objects.create(partnership=partnership, city=montreal)
    return exchange, step, partnership


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 1, 12), 12, date(2025, 1, 12)),
    ],
)
def test_add_months_keeps_the_day_or_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.django_db(transaction=True)
def test_check_in_at_3_months_reaches_the_owner_once_and_their_update_shows_on_the_action_and_partnership(
    celery_worker, client, mailoutbox, staff_user
):
    _exchange, step, partnership = _world()

    with _at(date(2024, 4, 11)):
        early = send_check_ins.delay().get(timeout=30)
    with _at(date(2024, 4, 12)):
        first = send_check_ins.delay().get(timeout=30)
        second = send_check_ins.delay().get(timeout=30)

    assert (early, first, second) == (0, 1, 0)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [step.owner_person.email]
    assert message.subject == "3 mois après «\u00a0Échange Dakar–Montréal\u00a0»\u00a0: où en est votre action\u00a0?"
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Circulate the concept note" in message.body
    path = LINK.search(message.body).group(1)

    with _at(date(2024, 4, 20)):  # the link is good for some months after the e-mail
        page = client.get(path).content.decode()
        response = client.post(path, {"text": "Note envoyée aux partenaires.", "new_status": "in_progress"})
        again = client.get(path).content.decode()
    with _at(date(2025, 4, 20)):
        expired = client.get(path)

    assert "Où en est cette action" in page
    assert response.status_code == 302 and "Merci" in again
    step.refresh_from_db()
    assert step.status == NextStep.Status.IN_PROGRESS
    update = step.updates.get()
    assert update.text == "Note envoyée aux partenaires." and update.check_in.months == 3
    assert "<form" not in again.split("</header>", 1)[1]
    assert expired.status_code == 404
    client.force_login(staff_user)
    action_page = client.get(step.get_absolute_url()).content.decode()
    partnership_page = client.get(partnership.get_absolute_url()).content.decode()
    assert "Note envoyée aux partenaires." in action_page and "answer to a check-in" in action_page
    assert "Awa Diop" in action_page
    assert "Note envoyée aux partenaires." in partnership_page


@pytest.mark.django_db
def test_check_ins_go_at_each_programme_month_once_and_only_the_latest_due(mailoutbox):
    _exchange, step, _partnership = _world(language="en", months="3,6")

    sent = [next_step_check_ins_send(today=day) for day in (date(2024, 7, 12), date(2024, 7, 13), date(2025, 1, 1))]

    assert sent == [1, 0, 0]
    assert list(step.check_ins.values_list("months", flat=True)) == [6]
    assert mailoutbox[0].subject.startswith("6 months after")


@pytest.mark.django_db
def test_check_ins_skip_done_actions_programmes_without_months_and_owners_without_address(mailoutbox):
    _exchange, step, _partnership = _world(language="en")
    NextStep.objects.filter(pk=step.pk).update(status=NextStep.Status.DONE)
    _other, silent_programme_step, _p = _world(language="en", months="")
    _third, no_address, _q = _world(language="en")
    no_address.owner_person.email = ""
    no_address.owner_person.save()

    sent = next_step_check_ins_send(today=date(2024, 4, 20))

    assert sent == 0 and not mailoutbox
    assert not NextStepCheckIn.objects.exists()
    assert silent_programme_step.exchange.programme.check_in_month_list == []


@pytest.mark.django_db
def test_check_in_page_is_404_for_a_forged_or_foreign_link(client):
    _exchange, step, _partnership = _world()
    check_in = NextStepCheckIn.objects.create(next_step=step, months=3, due_on=date(2024, 4, 12))
    token = check_in_token(check_in)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    other_salt = signing.dumps({"check_in": check_in.pk}, salt="something-else")

    answers = [
        client.get(reverse("exchanges:check_in", kwargs={"token": value})).status_code
        for value in (forged, other_salt, signing.dumps({"check_in": "x"}, salt=SALT))
    ]
    posted = client.post(reverse("exchanges:check_in", kwargs={"token": forged}), {"text": "sneaky"})

    assert answers == [404, 404, 404]
    assert posted.status_code == 404 and not step.updates.exists()


@pytest.mark.django_db
def test_check_in_answer_without_text_shows_the_error_and_saves_nothing(client):
    _exchange, step, _partnership = _world(language="en")
    check_in = NextStepCheckIn.objects.create(next_step=step, months=3, due_on=date(2024, 4, 12))

    response = client.post(reverse("exchanges:check_in", kwargs={"token": check_in_token(check_in)}), {"text": " "})

    assert response.status_code == 400
    assert 'class="field field--error"' in response.content.decode()
    assert not step.updates.exists()

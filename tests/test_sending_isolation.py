"""Digests and reminders are sent per exchange and per recipient (issue 15): one failure is logged, the others
still go, and the commands exit non-zero only after trying them all.

A recipient whose stored address holds a line break makes Django refuse that one e-mail (BadHeaderError),
with no mock: the same failure a broken row gives in production.
"""

import logging
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from exchanges.models import AgendaChange, NextStep
from exchanges.services import agenda_change_record
from participants.models import Person
from tests.factories import NextStepFactory, PersonFactory
from tests.test_notices import _exchange_with_people

pytestmark = pytest.mark.django_db
T0 = datetime(2030, 5, 1, 12, 0, tzinfo=UTC)
BROKEN = "broken\naddress@example.org"


def _pending_change(exchange, session):
    with time_machine.travel(T0, tick=False):
        agenda_change_record(exchange=exchange, session=session, action=AgendaChange.Action.CHANGED, summary="Moved")


def test_a_broken_recipient_does_not_stop_the_others_nor_other_exchanges(settings, caplog):
    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    first, first_session, first_people = _exchange_with_people()
    second, second_session, second_people = _exchange_with_people()
    Person.objects.filter(pk=first_people["visitor"].pk).update(email=BROKEN)
    _pending_change(first, first_session)
    _pending_change(second, second_session)

    with (
        time_machine.travel(T0 + timedelta(hours=1), tick=False),
        caplog.at_level(logging.ERROR, logger="exchanges.notices"),
        pytest.raises(CommandError, match="1 e-mail"),
    ):
        call_command("send_agenda_digests")

    recipients = sorted(address for message in mail.outbox for address in message.to)
    expected = sorted(
        [first_people["host"].email, first_people["presenter"].email]
        + [second_people[name].email for name in ("host", "visitor", "presenter")]
    )
    assert recipients == expected
    assert f"Agenda digest of exchange {first.pk} to person {first_people['visitor'].pk} failed" in caplog.text
    # The others got their e-mails: the changes are not sent to them again.
    assert not AgendaChange.objects.filter(notified_at__isnull=True).exists()


def test_when_every_recipient_of_an_exchange_fails_its_changes_wait_for_the_next_run(settings):
    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    exchange, session, people = _exchange_with_people()
    for number, person in enumerate(people.values()):  # addresses are unique
        Person.objects.filter(pk=person.pk).update(email=f"broken\nperson{number}@example.org")
    _pending_change(exchange, session)

    with time_machine.travel(T0 + timedelta(hours=1), tick=False), pytest.raises(CommandError):
        call_command("send_agenda_digests")

    assert mail.outbox == []
    assert AgendaChange.objects.filter(exchange=exchange, notified_at__isnull=True).count() == 1


def test_a_broken_reminder_does_not_stop_the_others_and_is_tried_again(caplog):
    exchange, _, _ = _exchange_with_people()
    broken = NextStepFactory(exchange=exchange, owner_person=PersonFactory(email=BROKEN), due_date=date(2030, 5, 8))
    fine = NextStepFactory(
        exchange=exchange, owner_person=PersonFactory(email="owner@example.org"), due_date=date(2030, 5, 9)
    )

    with (
        time_machine.travel(datetime(2030, 5, 5, 8, tzinfo=UTC), tick=False),
        caplog.at_level(logging.ERROR, logger="exchanges.services.next_steps"),
        pytest.raises(CommandError, match="1 reminder"),
    ):
        call_command("send_next_step_reminders")

    assert [message.to for message in mail.outbox] == [["owner@example.org"]]
    assert f"due_soon reminder for next step {broken.pk} failed" in caplog.text
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert broken.reminder_week_sent_for is None  # not claimed: the next run tries it again
    assert fine.reminder_week_sent_for == date(2030, 5, 9)
    assert NextStep.objects.count() == 2

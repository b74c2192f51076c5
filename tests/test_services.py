import pytest

from exchanges.models import AgendaChange, Exchange
from exchanges.services import agenda_change_record
from exchanges.signals import agenda_changed
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_agenda_change_recorded_and_signalled_for_a_scheduled_exchange(django_capture_on_commit_callbacks):
    session = SessionFactory(exchange__status=Exchange.Status.SCHEDULED)
    received = []
    agenda_changed.connect(lambda **kw: received.append(kw["change_ids"]), weak=False, dispatch_uid="t1")

    with django_capture_on_commit_callbacks(execute=True):
        change = agenda_change_record(
            exchange=session.exchange, session=session, action=AgendaChange.Action.CHANGED, user=UserFactory()
        )

    agenda_changed.disconnect(dispatch_uid="t1")
    assert change.session_title == session.title
    assert received == [[change.pk]]


def test_agenda_change_not_recorded_for_a_draft():
    session = SessionFactory(exchange__status=Exchange.Status.DRAFT)

    change = agenda_change_record(exchange=session.exchange, session=session, action=AgendaChange.Action.ADDED)

    assert change is None
    assert AgendaChange.objects.count() == 0


def test_session_sequence_grows_on_every_edit():
    session = SessionFactory()
    assert session.sequence == 0

    session.title = "Renamed"
    session.save()
    session.save(update_fields=["title"])
    session.refresh_from_db()

    assert session.sequence == 2

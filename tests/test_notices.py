import io
import os
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from conftest import require
from exchanges.models import AgendaChange, Exchange
from exchanges.services import agenda_change_record
from exchanges.tasks import send_agenda_digest
from tests.factories import DelegationFactory, MembershipFactory, PersonFactory, SessionFactory, UserFactory
from tests.workers import worker_thread

T0 = datetime(2030, 5, 1, 12, 0, tzinfo=UTC)


def _exchange_with_people(status=Exchange.Status.SCHEDULED):
    """A host and a visiting delegation, a presenter, and one delegate who turned notices off."""
    session = SessionFactory(exchange__status=status, title="Opening roundtable")
    exchange = session.exchange
    host = DelegationFactory(exchange=exchange, city=exchange.host_city)
    visitors = DelegationFactory(exchange=exchange)
    people = {
        "host": MembershipFactory(delegation=host, person__user=UserFactory()).person,
        "visitor": MembershipFactory(delegation=visitors, person__city=visitors.city).person,
        "quiet": MembershipFactory(delegation=visitors, person__notify_changes=False).person,
        "presenter": PersonFactory(),
    }
    session.presenters.add(people["presenter"])
    return exchange, session, people


def _three_quick_edits(exchange, session, capture):
    for minute, summary in enumerate(["Moved to 10:00", "Moved to room B", "Renamed"]):
        with time_machine.travel(T0 + timedelta(minutes=minute), tick=False), capture(execute=True):
            session.title = f"Opening roundtable ({summary})"
            session.save()
            agenda_change_record(
                exchange=exchange, session=session, action=AgendaChange.Action.CHANGED, summary=summary
            )


@pytest.mark.django_db
def test_digest_three_quick_edits_send_one_email_per_affected_person(settings, django_capture_on_commit_callbacks):
    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    exchange, session, people = _exchange_with_people()

    # Each edit queued a digest task; run in-process (no countdown), each finds the burst still going.
    _three_quick_edits(exchange, session, django_capture_on_commit_callbacks)
    sent_during_burst = len(mail.outbox)
    with time_machine.travel(T0 + timedelta(minutes=2, seconds=590), tick=False):
        early = send_agenda_digest.delay(exchange_id=exchange.pk).get()
    # The last edit's task, at its countdown's end.
    with time_machine.travel(T0 + timedelta(minutes=2, seconds=600), tick=False):
        sent = send_agenda_digest.delay(exchange_id=exchange.pk).get()
        again = send_agenda_digest.delay(exchange_id=exchange.pk).get()

    assert sent_during_burst == 0 and early == 0
    assert sent == 3 and again == 0
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        people[key].email for key in ("host", "visitor", "presenter")
    )
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == f"Agenda changes: {exchange.title}"
    assert body.index("Moved to 10:00") < body.index("Moved to room B") < body.index("Renamed")
    assert body.count("Changed: Opening roundtable") == 3
    assert AgendaChange.objects.filter(notified_at__isnull=True).count() == 0


@pytest.mark.django_db
def test_digest_links_to_the_persons_agenda_and_shows_host_and_home_times(settings, django_capture_on_commit_callbacks):
    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    exchange, session, people = _exchange_with_people()
    _three_quick_edits(exchange, session, django_capture_on_commit_callbacks)

    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        send_agenda_digest.delay(exchange_id=exchange.pk)

    by_recipient = {message.to[0]: message for message in mail.outbox}
    host_mail = by_recipient[people["host"].email]
    visitor_mail = by_recipient[people["visitor"].email]
    assert "http://127.0.0.1:8000/my/agenda/" in host_mail.body
    assert "http://127.0.0.1:8000/my/settings/" in host_mail.body  # how to turn notices off
    assert f"http://127.0.0.1:8000/exchanges/{exchange.slug}/agenda/" in visitor_mail.body  # no account
    # Host city in Toronto's zone, the visitor's city in Dakar's: 09:00 there is 13:00 here.
    assert f"09:00 – 10:00 {exchange.host_city.name} time · 13:00 – 14:00 {people['visitor'].city.name} time" in (
        visitor_mail.body
    )
    assert "text/html" in visitor_mail.alternatives[0][1]


@pytest.mark.django_db
def test_digest_only_reaches_delegations_attending_the_session(settings, django_capture_on_commit_callbacks):
    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    exchange, session, people = _exchange_with_people()
    session.attending_delegations.set([people["host"].memberships.get().delegation])
    _three_quick_edits(exchange, session, django_capture_on_commit_callbacks)

    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        send_agenda_digest.delay(exchange_id=exchange.pk)

    assert sorted(message.to[0] for message in mail.outbox) == sorted([people["host"].email, people["presenter"].email])


@pytest.mark.django_db
def test_digest_sends_nothing_for_a_draft_exchange(settings, django_capture_on_commit_callbacks):
    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    exchange, session, _ = _exchange_with_people(status=Exchange.Status.DRAFT)

    _three_quick_edits(exchange, session, django_capture_on_commit_callbacks)
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        sent = send_agenda_digest.delay(exchange_id=exchange.pk).get()

    assert sent == 0
    assert mail.outbox == []
    assert AgendaChange.objects.count() == 0


@pytest.mark.django_db
def test_digest_task_returns_quietly_for_a_deleted_exchange():
    assert send_agenda_digest.delay(exchange_id=987654).get() == 0


def _redis_reachable(url: str) -> bool:
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=1) as connection:
            connection.ensure_connection(max_retries=1)
        return True
    except Exception:  # noqa: BLE001 - any failure means not reachable
        return False


@pytest.fixture
def digest_worker(settings):
    """A real Celery worker thread on Redis: queued tasks run with their countdown, as in production."""
    from exchange_portal.celery import app

    # The run's own broker when it has one (CI, a helper's Redis db): db 4 is only a developer's fallback, and
    # a shared db would let another run of the suite purge or take these tasks.
    url = (
        os.environ.get("TEST_CELERY_BROKER_URL")
        or os.environ.get("CELERY_BROKER_URL", "").strip()
        or "redis://127.0.0.1:6379/4"
    )
    require(_redis_reachable(url), f"Redis not reachable at {url}")
    previous = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = url, False
    # Connection pools made earlier in this process point at the old broker; Celery drops them after a fork.
    app._after_fork()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.control.purge()
    with worker_thread(app):
        yield
    app.conf.broker_url, app.conf.task_always_eager = previous
    app._after_fork()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_digest_with_a_real_worker_sends_one_email_per_person_after_the_burst(settings, digest_worker):
    settings.AGENDA_DIGEST_DELAY_SECONDS = 1.5
    exchange, session, people = _exchange_with_people()

    # The burst lasts longer than the delay, but no gap in it does: one digest, after the last edit.
    for summary in ("Moved to 10:00", "Moved to room B", "Renamed", "Moved back"):
        agenda_change_record(exchange=exchange, session=session, action=AgendaChange.Action.CHANGED, summary=summary)
        time.sleep(0.5)
    during_burst = len(mail.outbox)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and AgendaChange.objects.filter(notified_at__isnull=True).exists():
        time.sleep(0.2)
    time.sleep(1.5)  # let the remaining queued tasks run: they must send nothing more

    assert during_burst == 0
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        people[key].email for key in ("host", "visitor", "presenter")
    )
    assert all(message.body.count("Changed: Opening roundtable") == 4 for message in mail.outbox)


@pytest.mark.django_db
def test_send_agenda_digests_command_sends_quiet_bursts_once(settings, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    exchange, session, _ = _exchange_with_people()
    _three_quick_edits(exchange, session, django_capture_on_commit_callbacks)

    with time_machine.travel(T0 + timedelta(minutes=5), tick=False):
        call_command("send_agenda_digests", stdout=io.StringIO())
    too_early = len(mail.outbox)
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        out = io.StringIO()
        call_command("send_agenda_digests", stdout=out)
        call_command("send_agenda_digests", stdout=io.StringIO())

    assert too_early == 0
    assert len(mail.outbox) == 3
    assert "3 agenda change e-mail(s) sent." in out.getvalue()


@pytest.mark.django_db
def test_digest_is_written_in_each_persons_language(settings, django_capture_on_commit_callbacks):
    from django.utils import translation

    from core.formats import short_day

    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    exchange, session, people = _exchange_with_people()
    people["visitor"].language = "fr"
    people["visitor"].save(update_fields=["language"])
    _three_quick_edits(exchange, session, django_capture_on_commit_callbacks)
    with translation.override("fr"):
        french_day = short_day(session.local_start())
    english_day = short_day(session.local_start())

    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        send_agenda_digest.delay(exchange_id=exchange.pk)

    by_recipient = {message.to[0]: message for message in mail.outbox}
    french, english = by_recipient[people["visitor"].email], by_recipient[people["host"].email]
    assert french_day != english_day
    assert french.subject == f"Modifications du programme : {exchange.title}"
    assert f"Le programme de {exchange.title} a changé :" in french.body
    assert french_day in french.body and "Modifié : " in french.body and "Votre programme :" in french.body
    assert "heure de" in french.body and "Changed" not in french.body and "Your agenda" not in french.body
    assert french.extra_headers["Content-Language"] == "fr"
    assert english.subject == f"Agenda changes: {exchange.title}"
    assert english_day in english.body and "Changed: " in english.body


def _send_after_quiet(exchange):
    """Send the exchange's digest once its burst has gone quiet; the e-mails by recipient."""
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        send_agenda_digest.delay(exchange_id=exchange.pk)
    return {message.to[0]: message for message in mail.outbox}


@pytest.mark.django_db
def test_digest_words_a_moved_session_in_each_recipients_language_and_time_zones(
    settings, django_capture_on_commit_callbacks
):
    from exchanges.services import session_update

    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    exchange, session, people = _exchange_with_people()
    people["visitor"].language = "fr"
    people["visitor"].save(update_fields=["language"])
    host_city = exchange.host_city.name

    with time_machine.travel(T0, tick=False), django_capture_on_commit_callbacks(execute=True):
        session_update(session=session, start=session.start + timedelta(hours=1), end=session.end + timedelta(hours=1))
    by_recipient = _send_after_quiet(exchange)

    french = by_recipient[people["visitor"].email].body
    english = by_recipient[people["host"].email].body
    dakar = people["visitor"].city.name
    assert (
        f"Horaire : 9 h 00–10 h 00 → 10 h 00–11 h 00 heure de {host_city}"
        f" · 13 h 00–14 h 00 → 14 h 00–15 h 00 heure de {dakar}"
    ) in french
    assert "Time" not in french and "Modifié : Opening roundtable" in french
    # The host's delegate lives in the host city's zone: one time, the host's.
    assert f"Time: 09:00–10:00 → 10:00–11:00 {host_city} time\n" in english
    assert "·" not in english.split("Time:")[1].splitlines()[0]


@pytest.mark.django_db
def test_digest_words_a_new_day_venue_and_presenters_in_french(settings, django_capture_on_commit_callbacks):
    from exchanges.services import session_update
    from tests.factories import VenueFactory

    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    exchange, session, people = _exchange_with_people()
    people["visitor"].language = "fr"
    people["visitor"].save(update_fields=["language"])
    old_venue = session.venue.full_address
    room = VenueFactory(name="Salle B", address="", city=exchange.host_city)
    maye = PersonFactory(name="Maye Seck")

    with time_machine.travel(T0, tick=False), django_capture_on_commit_callbacks(execute=True):
        session_update(
            session=session,
            start=session.start + timedelta(days=2),
            end=session.end + timedelta(days=2),
            venue=room,
            kind="roundtable",
            presenters=[maye],
        )
    french = _send_after_quiet(exchange)[people["visitor"].email].body

    assert "Jour et horaire : lun 16 oct, 9 h 00–10 h 00 → mer 18 oct, 9 h 00–10 h 00 heure de" in french
    assert f"Lieu : {old_venue} → {room.full_address}\n" in french
    assert "Type : Présentation → Table ronde" in french
    assert f"Intervenants : {people['presenter'].display_name} → Maye Seck\n" in french
    assert not any(word in french for word in ("Day", "Time", "Kind", "Presenters", "Presentation"))


@pytest.mark.django_db
def test_digest_of_a_removed_session_gives_its_recorded_times_in_the_recipients_language(
    settings, django_capture_on_commit_callbacks
):
    from exchanges.services import session_delete

    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    exchange, session, people = _exchange_with_people()
    people["visitor"].language = "fr"
    people["visitor"].save(update_fields=["language"])

    with time_machine.travel(T0, tick=False), django_capture_on_commit_callbacks(execute=True):
        session_delete(session=session)
    by_recipient = _send_after_quiet(exchange)

    french = by_recipient[people["visitor"].email].body
    english = by_recipient[people["host"].email].body
    assert "Supprimé : Opening roundtable" in french
    assert f"lun 16 oct 9 h 00 – 10 h 00 heure de {exchange.host_city.name}" in french
    assert f"Removed: Opening roundtable\n  Mon 16 Oct 09:00 – 10:00 {exchange.host_city.name} time" in english


@pytest.mark.django_db
def test_digest_shows_a_change_recorded_before_the_structured_form_as_written(
    settings, django_capture_on_commit_callbacks
):
    settings.AGENDA_DIGEST_DELAY_SECONDS = 600
    exchange, session, people = _exchange_with_people()
    with time_machine.travel(T0, tick=False), django_capture_on_commit_callbacks(execute=True):
        agenda_change_record(
            exchange=exchange,
            session=session,
            action=AgendaChange.Action.CHANGED,
            summary="Time: 09:00–10:00 → 10:00–11:00",
        )

    body = _send_after_quiet(exchange)[people["host"].email].body

    assert "Changed: Opening roundtable\n" in body
    assert "  Time: 09:00–10:00 → 10:00–11:00\n" in body

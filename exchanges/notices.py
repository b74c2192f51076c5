"""Agenda change digests: one e-mail per affected person for a burst of agenda edits.

``exchanges.services.agenda_change_record`` stores AgendaChange rows and, on
commit, sends ``agenda_changed``; the receiver in ``exchanges.receivers`` queues
``exchanges.tasks.send_agenda_digest`` to run AGENDA_DIGEST_DELAY_SECONDS
later. Each edit queues a task; only the one that runs after the burst has
gone quiet sends anything (the earlier ones see a younger change and return).
"""

import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.sending import SendingFailed
from core.site import site_url
from core.text import header_safe
from exchanges.agenda import host_zone, person_home_zone, session_times
from exchanges.models import AgendaChange, Exchange, Membership, Session
from exchanges.wording import ChangeWording
from participants.models import Person

logger = logging.getLogger(__name__)

# A task may run a little before its countdown ends by our clock (clock skew between machines):
# up to a tenth of the delay, at most five seconds, still counts as quiet.
MAX_CLOCK_GRACE = timedelta(seconds=5)


def digest_delay() -> timedelta:
    return timedelta(seconds=settings.AGENDA_DIGEST_DELAY_SECONDS)


def _members_by_delegation(exchange: Exchange) -> dict[int, list[Person]]:
    """The members of each delegation of the exchange, by delegation id (one query)."""
    memberships = Membership.objects.filter(delegation__exchange=exchange).select_related(
        "person__user", "person__city"
    )
    members: dict[int, list[Person]] = defaultdict(list)
    for membership in memberships:
        members[membership.delegation_id].append(membership.person)
    return members


def _changed_sessions(changes: list[AgendaChange]) -> dict[int, Session]:
    """The sessions the changes are about that still exist, by id, with their attendees and presenters."""
    session_ids = [change.session_id for change in changes if change.session_id]
    sessions = (
        Session.objects.filter(pk__in=session_ids)
        .select_related("exchange__host_city")
        .prefetch_related("attending_delegations", "presenters__user", "presenters__city")
    )
    return {session.pk: session for session in sessions}


def _concerned(session: Session | None, members: dict[int, list[Person]], everyone: list[Person]) -> list[Person]:
    """Whom a change to ``session`` concerns: the members of the delegations attending it (every delegation's
    when it names none, or when the session is gone and no longer says who attended) and its presenters."""
    if session is None:
        return everyone
    attending = [delegation.pk for delegation in session.attending_delegations.all()]
    attendees = [person for pk in attending for person in members.get(pk, [])] if attending else everyone
    return attendees + list(session.presenters.all())


def _wants_notices(person: Person) -> bool:
    return bool(person.notify_changes and person.email)


def _affected_people(exchange: Exchange, changes: list[AgendaChange]) -> dict[Person, list[AgendaChange]]:
    """Who each change concerns (``_concerned``), for those who take notices, each change once per person.

    Sets ``change.current_session`` (None for a removed session) for the messages.
    """
    members = _members_by_delegation(exchange)
    everyone = [person for people in members.values() for person in people]
    sessions = _changed_sessions(changes)
    affected: dict[Person, list[AgendaChange]] = defaultdict(list)
    for change in changes:
        change.current_session = sessions.get(change.session_id)
        for person in _concerned(change.current_session, members, everyone):
            if _wants_notices(person) and change not in affected[person]:
                affected[person].append(change)
    return affected


def _digest_message(person: Person, exchange: Exchange, changes: list[AgendaChange]) -> EmailMultiAlternatives:
    home = person_home_zone(person)
    host = host_zone(exchange)
    for change in changes:
        session = change.current_session
        change.times = session_times(session.start, session.end, host, home) if session else None
        change.words = ChangeWording(change, host=host, home=home, times=change.times)  # worded when rendered
    if person.user_id:
        agenda_url = site_url() + reverse("exchanges:my_agenda")
        settings_url = site_url() + reverse("exchanges:my_settings")
    else:
        agenda_url = site_url() + reverse("exchanges:agenda", kwargs={"slug": exchange.slug})
        settings_url = ""
    context = {
        "person": person,
        "exchange": exchange,
        "changes": changes,
        "agenda_url": agenda_url,
        "settings_url": settings_url,
    }
    with translation.override(person.language):
        subject = header_safe(render_to_string("emails/agenda_digest_subject.txt", context))
        text = render_to_string("emails/agenda_digest.txt", context)
        html = render_to_string("emails/agenda_digest.html", context)
        language = translation.get_language()
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [person.email], headers={"Content-Language": language}
    )
    message.attach_alternative(html, "text/html")
    return message


def agenda_digest_send(*, exchange_id: int) -> int:
    """E-mail the exchange's un-notified agenda changes to the people they concern, then mark them notified.

    Returns the number of e-mails sent. Sends nothing while the newest change
    is younger than the digest delay (the task queued for it will run later),
    for a draft exchange, or when every change is already notified, so running
    it twice is harmless. Each person's e-mail is built and sent on its own: one
    that fails is logged and the others still go. When every e-mail fails (the
    mail server is away) the changes stay un-notified and the next run sends
    them; when only some fail, the changes are marked notified for the others'
    sake. Raises SendingFailed, after trying everyone, if any e-mail failed.
    """
    failures: list[str] = []
    sent = 0
    with transaction.atomic():
        exchange = Exchange.objects.select_related("host_city").filter(pk=exchange_id).first()
        if exchange is None or exchange.status == Exchange.Status.DRAFT:
            return 0
        # Locked so that two workers running at once cannot both send the same digest.
        changes = list(
            AgendaChange.objects.select_for_update()
            .filter(exchange=exchange, notified_at__isnull=True)
            .order_by("created_at", "pk")
        )
        now = timezone.now()
        delay = digest_delay()
        quiet_since = now - delay + min(delay / 10, MAX_CLOCK_GRACE)
        if not changes or changes[-1].created_at > quiet_since:
            return 0
        affected = _affected_people(exchange, changes)
        with get_connection() as connection:
            for person, person_changes in affected.items():
                try:
                    connection.send_messages([_digest_message(person, exchange, person_changes)])
                    sent += 1
                except Exception as exc:  # noqa: BLE001 - any failure of one e-mail must not stop the others
                    logger.exception("Agenda digest of exchange %s to person %s failed", exchange.pk, person.pk)
                    failures.append(f"exchange {exchange.pk}, person {person.pk}: {exc.__class__.__name__}")
        if sent or not failures:
            AgendaChange.objects.filter(pk__in=[change.pk for change in changes]).update(notified_at=now)
    if failures:
        raise SendingFailed(sent=sent, failures=failures)
    return sent


def agenda_digest_send_due() -> int:
    """Send every exchange's pending digest whose burst has gone quiet. Returns the number of e-mails sent.

    Each exchange is sent on its own: one that fails is logged and the others are still sent. Raises
    SendingFailed, after trying every exchange, if any e-mail failed.
    """
    exchange_ids = (
        AgendaChange.objects.filter(notified_at__isnull=True).values_list("exchange_id", flat=True).distinct()
    )
    sent, failures = 0, []
    for exchange_id in list(exchange_ids):
        try:
            sent += agenda_digest_send(exchange_id=exchange_id)
        except SendingFailed as exc:
            sent += exc.sent
            failures += exc.failures
        except Exception as exc:  # noqa: BLE001 - one exchange's failure must not stop the others
            logger.exception("Agenda digest of exchange %s failed", exchange_id)
            failures.append(f"exchange {exchange_id}: {exc.__class__.__name__}")
    if failures:
        raise SendingFailed(sent=sent, failures=failures)
    return sent

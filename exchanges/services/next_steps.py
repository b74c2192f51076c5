"""Writes for the follow-up of next steps: updates, and the reminders the beat schedule sends."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.sending import SendingFailed
from core.site import site_url
from core.text import header_safe
from exchanges.models import NextStep, NextStepUpdate

logger = logging.getLogger(__name__)

REMIND_DAYS_BEFORE = 7
DUE_SOON, OVERDUE = "due_soon", "overdue"
# Which bookkeeping field remembers that a reminder of each kind was sent.
SENT_FOR = {DUE_SOON: "reminder_week_sent_for", OVERDUE: "overdue_sent_for"}


def next_step_update_post(*, next_step: NextStep, user, text: str, new_status: str = "") -> NextStepUpdate:
    """Add a dated update to the step's trail and, if ``new_status`` differs, change its status.

    The caller checks ``exchanges.access.can_post_next_step_update`` first.
    Raises ValueError for a status that does not exist.
    """
    if new_status and new_status not in NextStep.Status.values:
        raise ValueError(f"Unknown next step status: {new_status!r}")
    with transaction.atomic():
        if new_status == next_step.status:
            new_status = ""
        update = NextStepUpdate.objects.create(next_step=next_step, author=user, text=text, new_status=new_status)
        if new_status:
            next_step.status = new_status
            next_step.save(update_fields=["status", "updated_at"])
        else:
            next_step.save(update_fields=["updated_at"])
    return update


def _not_sent(kind: str, due_date: date | None = None) -> Q:
    """The reminder of this kind was not sent for the step's due date (or for ``due_date``)."""
    field = SENT_FOR[kind]
    target = F("due_date") if due_date is None else due_date
    return Q(**{f"{field}__isnull": True}) | ~Q(**{field: target})


def _reminder_kind(step: NextStep, today: date) -> str | None:
    if step.due_date < today:
        return OVERDUE
    if step.due_date <= today + timedelta(days=REMIND_DAYS_BEFORE):
        return DUE_SOON
    return None


def next_step_reminders_send(*, today: date) -> int:
    """E-mail the owner of each open next step a week before it is due and once it is overdue.

    Each reminder goes once per due date, also when this runs twice or in two
    workers at once: a conditional UPDATE claims the send, inside the same
    transaction as the sending, so a failed send is retried on the next run and
    a concurrent run waits for the row, then finds it claimed. Returns the
    number of e-mails sent. Each reminder is sent on its own: one that fails is
    logged, left unclaimed for the next run, and the others still go; SendingFailed
    is raised after trying them all if any failed.
    """
    candidates = (
        NextStep.objects.filter(status__in=NextStep.ACTIVE_STATUSES, owner_person__isnull=False)
        .filter(due_date__lte=today + timedelta(days=REMIND_DAYS_BEFORE))
        .filter((Q(due_date__lt=today) & _not_sent(OVERDUE)) | (Q(due_date__gte=today) & _not_sent(DUE_SOON)))
        .select_related("owner_person__user", "owner_organisation", "exchange__host_city")
        .order_by("due_date", "pk")
    )
    sent, failures = 0, []
    for step in candidates:
        kind = _reminder_kind(step, today)
        if kind is None or not step.owner_person.mail_address:
            continue
        try:
            with transaction.atomic():
                claimed = (
                    NextStep.objects.filter(pk=step.pk, status__in=NextStep.ACTIVE_STATUSES, due_date=step.due_date)
                    .filter(_not_sent(kind, step.due_date))
                    .update(**{SENT_FOR[kind]: step.due_date})
                )
                if claimed:
                    _send_reminder(step, kind, today)
                    sent += 1
        except Exception as exc:  # noqa: BLE001 - one failed reminder must not stop the others
            # The claim was rolled back with the failed send: the next run tries this reminder again.
            logger.exception("%s reminder for next step %s failed", kind, step.pk)
            failures.append(f"next step {step.pk}: {exc.__class__.__name__}")
    if failures:
        raise SendingFailed(sent=sent, failures=failures)
    return sent


def _send_reminder(step: NextStep, kind: str, today: date) -> None:
    person = step.owner_person
    context = {
        "step": step,
        "person": person,
        "exchange": step.exchange,
        "kind": kind,
        "days_left": (step.due_date - today).days,
        "days_late": (today - step.due_date).days,
        "url": site_url() + reverse("exchanges:next_step_detail", kwargs={"slug": step.exchange.slug, "pk": step.pk}),
        "network": settings.NETWORK_NAME,
    }
    with translation.override(person.language):
        subject = header_safe(render_to_string("emails/next_steps/reminder_subject.txt", context))
        body = render_to_string("emails/next_steps/reminder_body.txt", context)
        language = translation.get_language()
    message = EmailMessage(subject, body, to=[step.owner_person.mail_address], headers={"Content-Language": language})
    message.send()
    logger.info("Sent %s reminder for next step %s to person %s", kind, step.pk, person.pk)

"""Follow-up check-ins: months after an exchange, the owner of each open action is asked for an update.

The months are the programme's (``Programme.check_in_months``, 3, 6 and 12 by default). The beat schedule runs
``next_step_check_ins_send`` every day; a check-in row, created in the same transaction as the e-mail, is the
claim that it went, so each check-in goes once (two workers at once: the unique constraint makes the second wait,
then fail to insert). The e-mail carries a signed link to a page where the owner posts an update without logging in.
"""

import calendar
import logging
from datetime import date

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.sending import SendingFailed
from core.site import site_url
from core.text import header_safe
from exchanges.models import Exchange, NextStep, NextStepCheckIn, NextStepUpdate
from exchanges.services.next_steps import next_step_update_post

logger = logging.getLogger(__name__)

SALT = "exchanges.check-in"
# A link stays good for this long after the e-mail: past the next check-in of the default months (3, 6, 12).
LINK_MAX_AGE = 200 * 24 * 3600


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_in_due(step: NextStep, today: date) -> tuple[int, date] | None:
    """The latest check-in of this step's programme that has come by ``today``: (months, date), or None.

    Only the latest: an action that missed an earlier check-in (it was added late) is asked once, not thrice.
    """
    end = step.exchange.end_date
    due = None
    for months in step.exchange.programme.check_in_month_list:
        day = add_months(end, months)
        if day <= today:
            due = (months, day)
    return due


def check_in_token(check_in: NextStepCheckIn) -> str:
    return signing.dumps({"check_in": check_in.pk}, salt=SALT, compress=True)


def check_in_from_token(token: str) -> NextStepCheckIn | None:
    """The check-in a link names, or None for a link that is forged, expired or of a deleted check-in."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("check_in"), int):
        return None
    return (
        NextStepCheckIn.objects.select_related(
            "next_step__exchange__host_city", "next_step__owner_person__user", "next_step__objective", "update"
        )
        .filter(pk=data["check_in"])
        .first()
    )


def check_in_url(check_in: NextStepCheckIn) -> str:
    return site_url() + reverse("exchanges:check_in", kwargs={"token": check_in_token(check_in)})


def next_step_check_ins_send(*, today: date) -> int:
    """Send the check-ins that have come by ``today`` to the owners of open actions; each goes once.

    Returns the number of e-mails sent. One that fails is logged, its claim rolled back (the next run tries it
    again), and the others still go; SendingFailed is raised after trying them all if any failed.
    """
    candidates = (
        NextStep.objects.filter(
            status__in=NextStep.ACTIVE_STATUSES,
            owner_person__isnull=False,
            exchange__end_date__lt=today,
        )
        .exclude(exchange__status__in=[Exchange.Status.DRAFT, Exchange.Status.CANCELLED])
        .exclude(Q(exchange__programme__check_in_months=""))
        .select_related("owner_person__user", "owner_organisation", "exchange__programme", "exchange__host_city")
        .order_by("exchange__end_date", "pk")
    )
    claimed_months = set(NextStepCheckIn.objects.filter(next_step__in=candidates).values_list("next_step", "months"))
    sent, failures = 0, []
    for step in candidates:
        due = check_in_due(step, today)
        if due is None or (step.pk, due[0]) in claimed_months or not step.owner_person.mail_address:
            continue
        try:
            with transaction.atomic():
                check_in = NextStepCheckIn.objects.create(next_step=step, months=due[0], due_on=due[1])
                _send(check_in)
                sent += 1
        except IntegrityError:
            continue  # another run claimed it meanwhile
        except Exception as exc:  # noqa: BLE001 - one failed check-in must not stop the others
            logger.exception("Check-in of next step %s at %s months failed", step.pk, due[0])
            failures.append(f"next step {step.pk}: {exc.__class__.__name__}")
    if failures:
        raise SendingFailed(sent=sent, failures=failures)
    return sent


def _send(check_in: NextStepCheckIn) -> None:
    step = check_in.next_step
    person = step.owner_person
    context = {
        "step": step,
        "person": person,
        "exchange": step.exchange,
        "months": check_in.months,
        "url": check_in_url(check_in),
        "network": settings.NETWORK_NAME,
    }
    with translation.override(person.language):
        subject = header_safe(render_to_string("emails/next_steps/check_in_subject.txt", context))
        body = render_to_string("emails/next_steps/check_in_body.txt", context)
        language = translation.get_language()
    EmailMessage(subject, body, to=[step.owner_person.mail_address], headers={"Content-Language": language}).send()
    logger.info("Sent the %s-month check-in of next step %s to person %s", check_in.months, step.pk, person.pk)


def check_in_answer(*, check_in: NextStepCheckIn, text: str, new_status: str = "") -> NextStepUpdate:
    """Post the owner's answer as an update of the action (dated today, by the owner's account if they have one).

    Raises ValueError for an unknown status (``next_step_update_post``) or a check-in already answered.
    """
    with transaction.atomic():
        locked = NextStepCheckIn.objects.select_for_update().get(pk=check_in.pk)
        if locked.update_id is not None:
            raise ValueError("This check-in is answered already.")
        step = check_in.next_step
        author = step.owner_person.user if step.owner_person_id and step.owner_person.user_id else None
        update = next_step_update_post(next_step=step, user=author, text=text, new_status=new_status)
        locked.update = update
        locked.save(update_fields=["update"])
    check_in.update = update
    return update

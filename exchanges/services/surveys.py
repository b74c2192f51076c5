"""The feedback survey of an exchange: when it opens and closes, its one-click links, sending it, saving answers.

The survey is built from the exchange's objectives. Before the exchange ends a delegate answers only where
they stand on each objective ("before"); once it has ended they say how far the exchange met each objective,
where they stand now ("after") and what they take home, and may still give a "before" they had not given.
Answers can be changed until the survey closes, ``SURVEY_OPEN_DAYS`` after the exchange's last day.
"""

import logging
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.sending import SendingFailed
from core.site import site_url
from core.text import header_safe
from exchanges.models import Exchange, Membership, SurveyAnswer, SurveyResponse
from participants.models import Person

logger = logging.getLogger(__name__)

SIGNING_SALT = "exchanges.survey"
# The survey e-mail and its reminder go between these hours of the person's home time zone.
SEND_FROM_HOUR, SEND_UNTIL_HOUR = 9, 18
# One reminder, this many days after the survey e-mail, to those who have not answered.
REMIND_AFTER_DAYS = 7
BEFORE, AFTER, CLOSED = "before", "after", "closed"
# Exchanges that never ran get no survey.
SURVEYED_STATUSES = (Exchange.Status.SCHEDULED, Exchange.Status.UNDER_WAY, Exchange.Status.COMPLETED)


def survey_closes_on(exchange: Exchange) -> date:
    """The last day (host city's calendar) on which answers are taken."""
    return exchange.end_date + timedelta(days=settings.SURVEY_OPEN_DAYS)


def survey_closes_at(exchange: Exchange) -> datetime:
    return datetime.combine(survey_closes_on(exchange) + timedelta(days=1), time.min, tzinfo=exchange.tzinfo)


def survey_phase(exchange: Exchange, now: datetime | None = None) -> str:
    """BEFORE until the exchange's last day is over, AFTER until the survey closes, then CLOSED."""
    now = now or timezone.now()
    _start, end = exchange.local_bounds()
    if now < end:
        return BEFORE
    if now < survey_closes_at(exchange):
        return AFTER
    return CLOSED


def survey_token(response: SurveyResponse) -> str:
    """The one-click link's secret: the response, signed. It stops working when the survey closes."""
    return signing.dumps(response.pk, salt=SIGNING_SALT, compress=True)


def survey_response_from_token(token: str) -> SurveyResponse | None:
    """The response a link names, or None for a forged or mangled link."""
    try:
        pk = signing.loads(token, salt=SIGNING_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        SurveyResponse.objects.select_related("exchange__host_city", "exchange__programme", "person")
        .filter(pk=pk)
        .first()
    )


def survey_url(response: SurveyResponse) -> str:
    return site_url() + reverse("exchanges:survey_answer", kwargs={"token": survey_token(response)})


def survey_response_get_or_create(*, exchange: Exchange, person: Person) -> SurveyResponse:
    response, _created = SurveyResponse.objects.get_or_create(exchange=exchange, person=person)
    return response


def survey_response_save(*, response: SurveyResponse, answers: dict[int, dict], named: bool, phase: str) -> None:
    """Store one person's answers: ``answers`` maps an objective id to its fields (met, before, after, take_home).

    In the BEFORE phase only "before" is taken; in AFTER everything, and "before" only where none was given
    yet (it describes the time before the exchange). Raises ValueError when the survey is closed or an
    objective is not the exchange's.
    """
    if phase == CLOSED:
        raise ValueError("The survey is closed.")
    objective_ids = set(response.exchange.objectives.values_list("pk", flat=True))
    if not set(answers) <= objective_ids:
        raise ValueError("An objective of another exchange.")
    now = timezone.now()
    with transaction.atomic():
        existing = {answer.objective_id: answer for answer in response.answers.select_for_update()}
        for objective_id, fields in answers.items():
            answer = existing.get(objective_id) or SurveyAnswer(response=response, objective_id=objective_id)
            if phase == BEFORE or answer.before is None:
                answer.before = fields.get("before")
            if phase == AFTER:
                answer.met = fields.get("met")
                answer.after = fields.get("after")
                answer.take_home = fields.get("take_home", "")
            answer.save()
        response.named = named
        if phase == BEFORE:
            response.before_at = response.before_at or now
        else:
            response.submitted_at = response.submitted_at or now
        response.save()


def _home_hour(person: Person, exchange: Exchange, now: datetime) -> int:
    zone = person.city.tzinfo if person.city_id else exchange.tzinfo
    return now.astimezone(zone).hour


def _open_exchanges(now: datetime):
    """Exchanges whose survey is open for the after answers now (a day's margin each side for the time zones)."""
    today = now.date()
    return Exchange.objects.filter(
        status__in=SURVEYED_STATUSES,
        end_date__lt=today,
        end_date__gte=today - timedelta(days=settings.SURVEY_OPEN_DAYS + 1),
    ).select_related("host_city")


def surveys_send(*, now: datetime | None = None) -> int:
    """Send the survey e-mail to each delegate of each exchange that has ended, and one reminder a week later.

    Each goes once, in the person's language, between 09:00 and 18:00 of their home city's time zone (the
    host city's when they have none): the send is claimed by a conditional UPDATE in the same transaction as
    the sending, so a failed send is retried on the next run and two runs never send it twice. Returns the
    number of e-mails sent; raises SendingFailed after trying them all if any failed.
    """
    now = now or timezone.now()
    sent, failures = 0, []
    for exchange in _open_exchanges(now):
        if survey_phase(exchange, now) != AFTER:
            continue
        memberships = Membership.objects.filter(delegation__exchange=exchange).select_related(
            "person__city", "person__user"
        )
        for person in {membership.person for membership in memberships}:
            if not person.mail_address or not SEND_FROM_HOUR <= _home_hour(person, exchange, now) < SEND_UNTIL_HOUR:
                continue
            response = survey_response_get_or_create(exchange=exchange, person=person)
            for kind, claim in _claims(response, now):
                try:
                    with transaction.atomic():
                        if SurveyResponse.objects.filter(claim, pk=response.pk).update(**{kind: now}):
                            _send(response, kind)
                            sent += 1
                except Exception as exc:  # noqa: BLE001 - one failed e-mail must not stop the others
                    logger.exception("Survey %s for response %s failed", kind, response.pk)
                    failures.append(f"survey response {response.pk}: {exc.__class__.__name__}")
    if failures:
        raise SendingFailed(sent=sent, failures=failures)
    return sent


def _claims(response: SurveyResponse, now: datetime) -> list[tuple[str, Q]]:
    if response.invited_at is None:
        return [("invited_at", Q(invited_at__isnull=True))]
    waiting = response.submitted_at is None and response.reminded_at is None
    if waiting and response.invited_at <= now - timedelta(days=REMIND_AFTER_DAYS):
        return [("reminded_at", Q(reminded_at__isnull=True, submitted_at__isnull=True))]
    return []


def _send(response: SurveyResponse, kind: str) -> None:
    person, exchange = response.person, response.exchange
    context = {
        "person": person,
        "exchange": exchange,
        "reminder": kind == "reminded_at",
        "url": survey_url(response),
        "closes_on": survey_closes_on(exchange),
        "objective_count": exchange.objectives.count(),
        "network": settings.NETWORK_NAME,
    }
    with translation.override(person.language):
        subject = header_safe(render_to_string("emails/surveys/survey_subject.txt", context))
        body = render_to_string("emails/surveys/survey_body.txt", context)
        language = translation.get_language()
    EmailMessage(subject, body, to=[person.mail_address], headers={"Content-Language": language}).send()
    logger.info("Sent survey %s for exchange %s to person %s", kind, exchange.pk, person.pk)


def before_survey_send(*, membership_id: int) -> bool:
    """The notice to a person just added to a delegation of an upcoming exchange: where do they stand on its
    objectives before it starts? It carries the survey's one-click link (the same signed link as the survey
    e-mail: before the exchange ends it takes only the "before" answers), in the person's language.

    Nothing goes when the exchange is a draft or cancelled, has begun, has no objective, the person has no
    address or has given their "before" answers already. Returns whether an e-mail went.
    """
    membership = (
        Membership.objects.select_related("delegation__exchange__host_city", "delegation__city", "person__user")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None:
        return False
    exchange, person = membership.delegation.exchange, membership.person
    start, _end = exchange.local_bounds()
    objective_count = exchange.objectives.count()
    if exchange.status not in SURVEYED_STATUSES or timezone.now() >= start or not objective_count:
        return False
    if not person.mail_address:
        return False
    response = survey_response_get_or_create(exchange=exchange, person=person)
    if response.before_at is not None:
        return False
    context = {
        "person": person,
        "exchange": exchange,
        "role": membership.get_role_display(),
        "delegation": membership.delegation,
        "url": survey_url(response),
        "objective_count": objective_count,
        "network": settings.NETWORK_NAME,
    }
    with translation.override(person.language):
        subject = header_safe(render_to_string("emails/surveys/before_subject.txt", context))
        body = render_to_string("emails/surveys/before_body.txt", context)
        language = translation.get_language()
    EmailMessage(subject, body, to=[person.mail_address], headers={"Content-Language": language}).send()
    logger.info("Sent the before-survey notice of exchange %s to person %s", exchange.pk, person.pk)
    return True

"""Releases of a report and their sign-off by the partner cities.

Publishing makes an immutable ``ReportRelease`` (numbered per report) from the report's current text; readers
read the latest release that is not withdrawn until the next one. When the exchange's programme asks for
sign-off (``Programme.requires_sign_off``, on by default), a coordinator of the host city and of each visiting
city approves the version under review first (``reports.access.sign_off_city_ids``); staff may publish without it,
giving a reason kept on the release. Every step is a row (SignOff, SignOffDecision, ReportRelease) that the
release history page lists as a timeline.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from cities.models import City, Coordinator
from exchanges.access import person_for
from reports.access import approver_city_ids, sign_off_city_ids
from reports.drafting import report_title
from reports.feedback import feedback_snapshot
from reports.models import RenderJob, Report, ReportRelease, SignOff, SignOffDecision
from reports.rendering import report_subtitle
from reports.selectors import pdf_exchange

logger = logging.getLogger(__name__)

# A pending request is recalled to the approvers who have not answered every this many days.
REMINDER_EVERY_DAYS = 3


class ReleaseError(Exception):
    """A release step that cannot be taken now; ``message`` says why, for people."""

    message = ""


class SignOffMissing(ReleaseError):
    """The programme asks for sign-off and the version to publish is not approved by every partner city."""

    def __init__(self, missing: list[City], *, stale: bool = False):
        super().__init__(", ".join(city.name for city in missing) or "stale")
        self.missing = missing
        self.stale = stale


class NotAnApprover(ReleaseError):
    """The user coordinates none of the partner cities still to answer this request."""


class SignOffClosed(ReleaseError):
    """The request was answered, replaced or published already, or the text changed since it was made."""


class AlreadyWithdrawn(ReleaseError):
    """A release is withdrawn once."""


@dataclass
class SignOffState:
    """Where the report's sign-off stands, for its page and for the publish check."""

    required: bool
    cities: list[City] = field(default_factory=list)  # the partner cities, host first
    sign_off: SignOff | None = None  # the latest request (open or not)
    approvals: dict[int, SignOffDecision] = field(default_factory=dict)  # by city id, of the latest request
    stale: bool = False  # the report was edited after the pending request was made

    @property
    def pending(self) -> bool:
        return self.sign_off is not None and self.sign_off.is_pending

    @property
    def missing(self) -> list[City]:
        return [city for city in self.cities if city.pk not in self.approvals]

    @property
    def complete(self) -> bool:
        """Every partner city approved the version that would be published."""
        return self.pending and not self.stale and not self.missing

    @property
    def changes_requested(self) -> SignOffDecision | None:
        if self.sign_off is None or self.sign_off.status != SignOff.Status.CHANGES_REQUESTED:
            return None
        return next(
            (d for d in self.sign_off.decisions.all() if d.decision == SignOffDecision.Decision.CHANGES_REQUESTED),
            None,
        )


def _partner_cities(report: Report) -> list[City]:
    exchange = report.exchange
    ids = sign_off_city_ids(exchange)
    return sorted(City.objects.filter(pk__in=ids), key=lambda city: (city.pk != exchange.host_city_id, city.name))


def sign_off_required(report: Report) -> bool:
    return report.exchange.programme.requires_sign_off


def sign_off_state(report: Report) -> SignOffState:
    """The latest request with its decisions, the partner cities, and whether the text moved on since."""
    if not sign_off_required(report):
        return SignOffState(required=False)
    sign_off = report.sign_offs.prefetch_related("decisions__city", "decisions__user").order_by("-pk").first()
    state = SignOffState(required=True, cities=_partner_cities(report), sign_off=sign_off)
    if sign_off is not None:
        state.approvals = {d.city_id: d for d in sign_off.decisions.all() if d.approved}
        state.stale = sign_off.is_pending and sign_off.report_version != report.version
    return state


def _user_language(user) -> str:
    person = person_for(user)
    language = (person.language if person else "") or getattr(user, "language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _display_name(user) -> str:
    person = person_for(user)
    return person.display_name if person else (user.get_full_name() or user.email)


def _send(template: str, *, user, context: dict) -> None:
    """One e-mail from ``templates/emails/releases/<template>_{subject,body}.txt``, in the user's language."""
    if not user.email:
        return
    with translation.override(_user_language(user)):
        context = {**context, "name": _display_name(user), "network": settings.NETWORK_NAME}
        subject = " ".join(render_to_string(f"emails/releases/{template}_subject.txt", context).split())
        body = render_to_string(f"emails/releases/{template}_body.txt", context)
        language = translation.get_language()
    EmailMessage(subject, body, to=[user.email], headers={"Content-Language": language}).send()


def _report_context(report: Report) -> dict:
    url = reverse("reports:report", kwargs={"slug": report.exchange.slug, "lang": report.language})
    return {"report": report, "exchange": report.exchange, "url": settings.SITE_URL + url}


def _approvers(report: Report, city_ids) -> list:
    """The users who coordinate one of ``city_ids`` (each once)."""
    users = {c.user_id: c.user for c in Coordinator.objects.filter(city_id__in=city_ids).select_related("user")}
    return [user for user in users.values() if user.is_active]


def _notify_approvers(sign_off: SignOff, template: str, *, city_ids) -> int:
    report = sign_off.report
    context = _report_context(report) | {
        "sign_off": sign_off,
        "review_url": settings.SITE_URL
        + reverse("reports:review", kwargs={"slug": report.exchange.slug, "lang": report.language}),
    }
    approvers = _approvers(report, city_ids)
    for user in approvers:
        _send(template, user=user, context=context)
    return len(approvers)


@transaction.atomic
def release_request_approval(*, report: Report, by) -> SignOff:
    """Ask the partner cities' coordinators to approve the report's current version; e-mail each of them, in
    their language, after commit. An open request for an earlier version is replaced.

    Raises SignOffClosed when the programme does not ask for sign-off (nothing to request).
    """
    report = Report.objects.select_for_update(of=("self",)).select_related("exchange__programme").get(pk=report.pk)
    if not sign_off_required(report):
        raise SignOffClosed("this programme publishes without sign-off")
    now = timezone.now()
    report.sign_offs.filter(status=SignOff.Status.PENDING).update(status=SignOff.Status.REPLACED, closed_at=now)
    sign_off = SignOff.objects.create(
        report=report,
        report_version=report.version,
        requested_by=by if by is not None and by.is_authenticated else None,
        requested_at=now,
    )
    city_ids = sign_off_city_ids(report.exchange)
    transaction.on_commit(lambda: _notify_approvers(sign_off, "request", city_ids=city_ids), robust=True)
    return sign_off


@transaction.atomic
def release_decide(*, report: Report, user, approve: bool, comment: str = "") -> list[SignOffDecision]:
    """Record ``user``'s answer to the pending request for every partner city they coordinate that has not
    answered yet. Asking for changes sends the report back to draft (the request is closed) and e-mails the
    comment to whoever asked for approval.

    Raises SignOffClosed when no request is pending or the text changed since it was made (approve the current
    text by asking again), NotAnApprover when the user has no partner city left to answer for.
    """
    sign_off = (
        SignOff.objects.select_for_update(of=("self",))
        .filter(report=report, status=SignOff.Status.PENDING)
        .select_related("report__exchange", "requested_by")
        .order_by("-pk")
        .first()
    )
    if sign_off is None:
        raise SignOffClosed("no request is pending")
    if sign_off.report_version != Report.objects.values_list("version", flat=True).get(pk=report.pk):
        raise SignOffClosed("the report changed since the request")
    answered = set(sign_off.decisions.values_list("city_id", flat=True))
    cities = sorted(approver_city_ids(user, sign_off.report.exchange) - answered)
    if not cities:
        raise NotAnApprover("nothing to answer for this user")
    now = timezone.now()
    kind = SignOffDecision.Decision.APPROVED if approve else SignOffDecision.Decision.CHANGES_REQUESTED
    decisions = [
        SignOffDecision.objects.create(
            sign_off=sign_off, city_id=city_id, user=user, decision=kind, comment=comment, decided_at=now
        )
        for city_id in cities
    ]
    if not approve:
        SignOff.objects.filter(pk=sign_off.pk).update(status=SignOff.Status.CHANGES_REQUESTED, closed_at=now)
        requester = sign_off.requested_by
        if requester is not None:
            context = _report_context(sign_off.report) | {
                "decision": decisions[0],
                "approver": _display_name(user),
                "city": decisions[0].city.name,
            }
            transaction.on_commit(lambda: _send("changes", user=requester, context=context), robust=True)
    return decisions


def _snapshot(report: Report) -> dict:
    exchange = pdf_exchange(report.exchange_id)
    return {
        "title": report_title(exchange, report.language),
        "subtitle": report_subtitle(exchange, report.language),
        "include_annex": report.include_annex,
        **report.section_texts(),
        **(feedback_snapshot(exchange, report.language) if report.include_feedback else {}),
    }


def _record_approvals(report: Report, *, by, approvals, now) -> SignOff:
    """A request closed at once with the given (user, city) approvals: for the demo and set-up code."""
    sign_off = SignOff.objects.create(
        report=report,
        report_version=report.version,
        requested_by=by if by is not None and by.is_authenticated else None,
        requested_at=now,
    )
    for user, city in approvals:
        SignOffDecision.objects.create(
            sign_off=sign_off, city=city, user=user, decision=SignOffDecision.Decision.APPROVED, decided_at=now
        )
    return sign_off


@transaction.atomic
def release_publish(*, report: Report, by, approvals=None, without_sign_off_reason: str = "") -> ReportRelease:
    """Publish the report's current text as its next release, and queue the release's PDF after commit.

    When the programme asks for sign-off, the pending request must hold an approval of every partner city for the
    current version; ``approvals`` — a list of (user, city) pairs — records those approvals here instead (the demo
    loader's way), and ``without_sign_off_reason`` publishes without them (the view offers it to staff only;
    the reason is kept on the release). Raises SignOffMissing (with the cities still to approve) otherwise.
    """
    from reports.services.jobs import render_job_request

    report = Report.objects.select_for_update(of=("self",)).select_related("exchange__programme").get(pk=report.pk)
    now = timezone.now()
    sign_off = None
    reason = without_sign_off_reason.strip()
    if approvals is not None:
        sign_off = _record_approvals(report, by=by, approvals=approvals, now=now)
    if sign_off_required(report) and not reason:
        state = sign_off_state(report)
        if not state.complete:
            raise SignOffMissing(state.missing if not state.stale else state.cities, stale=state.stale)
        sign_off = state.sign_off
    elif sign_off is None:
        sign_off = report.sign_offs.filter(status=SignOff.Status.PENDING, report_version=report.version).first()
    number = (report.releases.aggregate(last=Max("number"))["last"] or 0) + 1
    release = ReportRelease.objects.create(
        report=report,
        number=number,
        report_version=report.version,
        language=report.language,
        released_at=now,
        released_by=by if by is not None and by.is_authenticated else None,
        sign_off_waived_reason=reason,
        **_snapshot(report),
    )
    if sign_off is not None:
        SignOff.objects.filter(pk=sign_off.pk).update(status=SignOff.Status.PUBLISHED, closed_at=now, release=release)
    report.status = Report.Status.PUBLISHED
    report.published_at = report.published_at or now
    report.save(update_fields=["status", "published_at", "updated_at"])
    render_job_request(exchange=report.exchange, kind=RenderJob.Kind.RELEASE, release=release, user=by)
    return release


@transaction.atomic
def release_withdraw(*, release: ReportRelease, by, reason: str) -> ReportRelease:
    """Withdraw a release, with a reason: readers then read the previous release that is not withdrawn, or
    nothing (the report goes back to draft). Raises AlreadyWithdrawn; ValueError without a reason."""
    if not reason.strip():
        raise ValueError("a withdrawal needs a reason")
    release = ReportRelease.objects.select_for_update(of=("self",)).get(pk=release.pk)
    if release.is_withdrawn:
        raise AlreadyWithdrawn(f"release {release.pk}")
    release.withdrawn_at = timezone.now()
    release.withdrawn_by = by if by is not None and by.is_authenticated else None
    release.withdrawal_reason = reason.strip()
    release.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    if not ReportRelease.objects.filter(report_id=release.report_id, withdrawn_at=None).exists():
        Report.objects.filter(pk=release.report_id).update(status=Report.Status.DRAFT, updated_at=timezone.now())
    return release


def release_reminders_send(*, today: date) -> int:
    """Remind the coordinators of the partner cities that have not answered a pending request, every
    REMINDER_EVERY_DAYS days after the request, once per period: a conditional UPDATE of ``reminded_on`` claims
    the period inside the transaction that sends, so two runs at once send once. Returns the e-mails sent."""
    due = today - timedelta(days=REMINDER_EVERY_DAYS)
    waiting = SignOff.objects.filter(status=SignOff.Status.PENDING, requested_at__date__lte=due).filter(
        Q(reminded_on=None) | Q(reminded_on__lte=due)
    )
    sent = 0
    for sign_off in waiting.select_related("report__exchange").order_by("pk"):
        with transaction.atomic():
            claimed = (
                SignOff.objects.filter(pk=sign_off.pk, status=SignOff.Status.PENDING)
                .filter(Q(reminded_on=None) | Q(reminded_on__lte=due))
                .update(reminded_on=today)
            )
            if not claimed:
                continue
            answered = set(sign_off.decisions.values_list("city_id", flat=True))
            missing = sign_off_city_ids(sign_off.report.exchange) - answered
            sent += _notify_approvers(sign_off, "reminder", city_ids=missing)
    return sent


def report_set_published(*, report: Report, published: bool, user) -> Report:
    """Set-up code's and the command line's switch: publish the current text as a release recorded as published
    without sign-off by set-up, or withdraw every release. The pages go through release_publish and
    release_withdraw, which ask for approvals and reasons."""
    if published:
        release_publish(report=report, by=user, without_sign_off_reason="Published by set-up code.")
    else:
        for release in report.releases.filter(withdrawn_at=None):
            release_withdraw(release=release, by=user, reason="Unpublished by set-up code.")
    report.refresh_from_db()
    return report

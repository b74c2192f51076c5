"""Releases of a report: their history (with a timeline of the sign-off), one release with its differences from
the one before, its PDF, its withdrawal; asking the partner cities for approval and answering that request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from participants.selectors import author_label
from reports import services
from reports.access import (
    approver_city_ids,
    can_edit_report,
    can_publish_without_sign_off,
    current_release,
    get_release_or_404,
    get_report_exchange_or_404,
    get_report_or_404,
    readable_releases,
)
from reports.forms import PublishForm, ReviewForm, WithdrawForm
from reports.models import SECTIONS, RenderJob, ReportRelease, SignOff, SignOffDecision
from reports.text import render_markdown
from reports.views.jobs import _job_response
from reports.views.versions import diff_lines


def display_name(user, viewer) -> str:
    """How a person who acted on a release reads to ``viewer`` (staff to others as "the organisers")."""
    return author_label(user, viewer) or _("someone")


def _timeline(report, releases: list[ReportRelease], viewer) -> list[dict]:
    """Every step of the report's releases, newest first: requests, answers, releases and withdrawals."""
    events = []
    sign_offs = report.sign_offs.select_related("requested_by__person").prefetch_related(
        "decisions__city", "decisions__user__person"
    )
    for sign_off in sign_offs:
        events.append(
            {
                "when": sign_off.requested_at,
                "what": _("Approval asked for version %(version)s") % {"version": sign_off.report_version},
                "who": display_name(sign_off.requested_by, viewer),
            }
        )
        for decision in sign_off.decisions.all():
            what = (_("Approved for %(city)s") if decision.approved else _("Changes requested for %(city)s")) % {
                "city": decision.city.name
            }
            who = display_name(decision.user, viewer)
            events.append({"when": decision.decided_at, "what": what, "who": who, "comment": decision.comment})
    for release in releases:
        events.append(
            {
                "when": release.released_at,
                "what": _("Release %(number)s published") % {"number": release.number},
                "who": display_name(release.released_by, viewer),
                "comment": release.sign_off_waived_reason,
            }
        )
        if release.is_withdrawn:
            events.append(
                {
                    "when": release.withdrawn_at,
                    "what": _("Release %(number)s withdrawn") % {"number": release.number},
                    "who": display_name(release.withdrawn_by, viewer),
                    "comment": release.withdrawal_reason,
                }
            )
    return sorted(events, key=lambda event: event["when"], reverse=True)


def release_list(request, slug, lang=None):
    """The releases of one language's report, newest first; for its editors, every step of their sign-off."""
    exchange = get_report_exchange_or_404(request.user, slug)
    report = get_report_or_404(request, exchange, lang)
    can_edit = can_edit_report(request.user, exchange)
    releases = list(readable_releases(request.user, report))
    current = current_release(report)
    context = {
        "exchange": exchange,
        "report": report,
        "releases": releases,
        "current": current,
        "can_edit": can_edit,
        "timeline": _timeline(report, releases, request.user) if can_edit else [],
    }
    return render(request, "reports/release_list.html", context)


def _approvals(release: ReportRelease) -> list[SignOffDecision]:
    try:
        sign_off = release.sign_off
    except SignOff.DoesNotExist:
        return []
    return [decision for decision in sign_off.decisions.select_related("city", "user__person") if decision.approved]


def release_detail(request, slug, number, lang=None):
    """One release's text, who approved it, and what changed from the release before it (per section)."""
    exchange = get_report_exchange_or_404(request.user, slug)
    report = get_report_or_404(request, exchange, lang)
    release = get_release_or_404(request.user, report, number)
    previous = readable_releases(request.user, report).filter(number__lt=release.number).first()
    sections = [
        {
            "name": name,
            "heading": heading,
            "html": render_markdown(getattr(release, name)),
            "diff": diff_lines(getattr(previous, name), getattr(release, name)) if previous else None,
        }
        for name, heading in SECTIONS
    ]
    job = release.jobs.order_by("-created_at", "-pk").first()
    context = {
        "exchange": exchange,
        "report": report,
        "release": release,
        "previous": previous,
        "sections": sections,
        "job": job,
        "is_current": release == current_release(report),
        "can_edit": can_edit_report(request.user, exchange),
        "approvals": [
            {"city": d.city.name, "who": display_name(d.user, request.user), "when": d.decided_at}
            for d in _approvals(release)
        ],
        "released_by": display_name(release.released_by, request.user),
    }
    return render(request, "reports/release_detail.html", context)


@require_POST
def release_pdf(request, slug, number, lang=None):
    """The PDF of a release (made at publication; made again only if its file is gone): for whoever may read it."""
    exchange = get_report_exchange_or_404(request.user, slug)
    report = get_report_or_404(request, exchange, lang)
    release = get_release_or_404(request.user, report, number)
    if not can_edit_report(request.user, exchange) and release != current_release(report):
        raise Http404
    job = services.render_job_request(
        exchange=exchange, kind=RenderJob.Kind.RELEASE, release=release, user=request.user
    )
    return _job_response(request, job)


@login_required
@require_http_methods(["GET", "POST"])
def release_withdraw(request, slug, number, lang=None):
    """Withdraw a release with a reason, after a confirmation page: readers then read the release before it."""
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    report = get_report_or_404(request, exchange, lang)
    release = get_release_or_404(request.user, report, number)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if release.is_withdrawn:
        messages.info(request, _("This release is withdrawn already."))
        return redirect(release.get_absolute_url())
    if request.method == "POST" and form.is_valid():
        services.release_withdraw(release=release, by=request.user, reason=form.cleaned_data["reason"])
        after = current_release(report)
        if after is None:
            messages.success(request, _("Release withdrawn. Readers see no report until the next release."))
        else:
            messages.success(
                request, _("Release withdrawn. Readers now see release %(number)s.") % {"number": after.number}
            )
        return redirect("reports:releases", slug=exchange.slug, lang=report.language)
    previous = readable_releases(request.user, report).filter(number__lt=release.number, withdrawn_at=None).first()
    context = {"exchange": exchange, "report": report, "release": release, "previous": previous, "form": form}
    return render(request, "reports/release_withdraw_confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_approval(request, slug, lang=None):
    """Ask the partner cities' coordinators to approve the current version (confirmation page, then e-mails)."""
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    report = get_report_or_404(request, exchange, lang)
    state = services.sign_off_state(report)
    if not state.required:
        raise Http404
    if request.method == "POST":
        services.release_request_approval(report=report, by=request.user)
        messages.success(
            request,
            _("Approval requested: the coordinators of %(cities)s were sent an e-mail.")
            % {"cities": ", ".join(city.name for city in state.cities)},
        )
        return redirect(report.get_absolute_url())
    return render(
        request, "reports/request_approval_confirm.html", {"exchange": exchange, "report": report, "state": state}
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request, slug, lang=None):
    """A partner city's coordinator reads the version under review and approves it or sends it back."""
    exchange = get_report_exchange_or_404(request.user, slug)
    if not approver_city_ids(request.user, exchange):
        raise Http404
    report = get_report_or_404(request, exchange, lang)
    state = services.sign_off_state(report)
    if not state.required:
        raise Http404
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == ReviewForm.APPROVE
        try:
            services.release_decide(
                report=report, user=request.user, approve=approve, comment=form.cleaned_data["comment"]
            )
        except services.ReleaseError:
            form.add_error(None, _("There is nothing for you to answer: the request was answered or replaced."))
        else:
            if approve:
                messages.success(request, _("Approved. Thank you."))
            else:
                messages.success(request, _("Sent back to the editors with your comment."))
            return redirect(report.get_absolute_url())
    waiting = approver_city_ids(request.user, exchange) - set(state.approvals)
    context = {
        "exchange": exchange,
        "report": report,
        "state": state,
        "form": form,
        "open": state.pending and not state.stale and bool(waiting),
        "sections": [
            {"name": name, "heading": heading, "html": render_markdown(getattr(report, name))}
            for name, heading in SECTIONS
        ],
    }
    return render(request, "reports/review.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_publish(request, slug, lang=None):
    """Publish the current text as the next release: once every partner city approved it when the programme asks
    for sign-off, or by staff giving a reason. A refusal says what is missing and changes nothing."""
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    report = get_report_or_404(request, exchange, lang)
    state = services.sign_off_state(report)
    may_waive = can_publish_without_sign_off(request.user)
    blocked = state.required and not state.complete
    form = PublishForm(request.POST if request.method == "POST" else None, reason_needed=blocked and may_waive)
    status = 200
    if request.method == "POST":
        if blocked and not may_waive:
            form.is_valid()  # errors are added to a cleaned form
            form.add_error(None, _sign_off_missing_message(state))
            status = 409
        elif form.is_valid():
            try:
                release = services.release_publish(
                    report=report, by=request.user, without_sign_off_reason=form.cleaned_data.get("reason", "")
                )
            except services.SignOffMissing:
                form.add_error(None, _sign_off_missing_message(services.sign_off_state(report)))
                status = 409
            else:
                messages.success(
                    request,
                    _("Release %(number)s published: readers now read this text and its PDF until the next release.")
                    % {"number": release.number},
                )
                return redirect(report.get_absolute_url())
    context = {
        "exchange": exchange,
        "report": report,
        "state": state,
        "blocked": blocked,
        "may_waive": may_waive,
        "form": form,
        "release": current_release(report),
    }
    return render(request, "reports/report_publish_confirm.html", context, status=status)


def _sign_off_missing_message(state) -> str:
    if state.stale:
        return _("Not published: the text changed after approval was asked for. Ask for approval again.")
    if not state.pending:
        return _("Not published: the partner cities have not been asked to approve this version yet.")
    return _("Not published: still waiting for the approval of %(cities)s.") % {
        "cities": ", ".join(city.name for city in state.missing)
    }

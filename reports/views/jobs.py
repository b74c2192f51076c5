"""PDF render jobs: ask for one, follow its progress (htmx polling), download its file."""

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from exchanges.access import get_exchange_for_user_or_404
from exchanges.forms.agenda import DelegationFilterForm
from exchanges.models import Delegation
from reports import services
from reports.access import (
    can_edit_report,
    current_release,
    get_job_for_user_or_404,
    get_report_exchange_or_404,
    get_report_or_404,
)
from reports.models import RenderJob


def _job_response(request, job: RenderJob):
    # Without a broker the task ran in-process at commit, inside this request: show what it did.
    job.refresh_from_db()
    if request.htmx:
        return render(request, "reports/includes/job_status.html", {"job": job})
    return redirect("reports:job", job_id=job.pk)


@require_POST
def report_pdf(request, slug, lang=None):
    """Editors: generate (or reuse) the PDF of the draft as it is now. Readers: the PDF of the release they read."""
    exchange = get_report_exchange_or_404(request.user, slug)
    report = get_report_or_404(request, exchange, lang)
    if can_edit_report(request.user, exchange):
        job = services.render_job_request(
            exchange=exchange, kind=RenderJob.Kind.REPORT, report=report, user=request.user
        )
        return _job_response(request, job)
    release = current_release(report)
    if release is None:
        raise Http404
    job = services.render_job_request(
        exchange=exchange, kind=RenderJob.Kind.RELEASE, release=release, user=request.user
    )
    return _job_response(request, job)


@require_POST
def agenda_pdf(request, slug):
    """The printable agenda, in the visitor's language, for everyone who can see the exchange; with the agenda
    page's delegation filter, that delegation's sessions with its home time."""
    exchange = get_exchange_for_user_or_404(request.user, slug)
    delegations = Delegation.objects.filter(exchange=exchange).select_related("city")
    form = DelegationFilterForm(request.POST, delegations=delegations)
    job = services.render_job_request(
        exchange=exchange,
        kind=RenderJob.Kind.AGENDA,
        user=request.user,
        language=request.LANGUAGE_CODE,
        delegation=form.cleaned_data["delegation"] if form.is_valid() else None,
    )
    return _job_response(request, job)


def job_detail(request, job_id):
    job = get_job_for_user_or_404(request.user, job_id)
    template = "reports/includes/job_status.html" if request.htmx else "reports/job_detail.html"
    return render(request, template, {"job": job, "exchange": job.exchange})


def job_download(request, job_id):
    job = get_job_for_user_or_404(request.user, job_id)
    if job.status != RenderJob.Status.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=job.download_name(), content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

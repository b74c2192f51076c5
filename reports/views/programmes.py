"""The programme report: the indicators of a programme (for a year, or all of it) as a PDF, made by a render job."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from exchanges.access import require_staff
from exchanges.models import Programme
from reports.services.jobs import programme_report_request
from reports.views.jobs import _job_response


@login_required
@require_POST
def programme_pdf(request, slug):
    """Staff: the programme report PDF in the visitor's language (``year`` in the form: that year only)."""
    require_staff(request.user)
    programme = get_object_or_404(Programme, slug=slug)
    value = request.POST.get("year", "")
    year = int(value) if value.isdigit() and 1900 < int(value) < 3000 else None
    job = programme_report_request(programme=programme, year=year, language=request.LANGUAGE_CODE, user=request.user)
    return _job_response(request, job)

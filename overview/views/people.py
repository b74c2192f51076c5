"""Pages about one person that read or change several apps: their personal data, their anonymisation."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cities.access import require_staff
from overview import services
from overview.forms import AnonymiseForm
from overview.selectors.people import personal_data
from participants.models import Person


def _staff_person_or_404(request, pk) -> Person:
    require_staff(request.user)
    return get_object_or_404(Person.objects.select_related("organisation", "city", "user"), pk=pk)


@login_required
def my_data(request):
    return render(request, "overview/my_data.html", {"data": personal_data(request.user)})


@login_required
def my_data_download(request):
    body = json.dumps(personal_data(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="exchange-portal-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def person_anonymise(request, pk):
    person = _staff_person_or_404(request, pk)
    form = AnonymiseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        former_name = person.name
        services.person_anonymise(person=person)
        messages.success(request, _("%(name)s has been anonymised.") % {"name": former_name})
        return redirect("audit:person_history", pk=person.pk)
    context = {
        "person": person,
        "form": form,
        "membership_count": person.memberships.count(),
        "presented_count": person.presented_sessions.count(),
    }
    return render(request, "overview/person_anonymise.html", context)

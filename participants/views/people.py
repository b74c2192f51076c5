"""Adding a person to the directory, for staff and city coordinators (roles from ``cities.access``).

Reading the directory depends on the exchanges a coordinator's cities take part in: its pages are in
``overview/views/directory.py`` (participants must not import exchanges, as apps depend one way)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cities.access import require_manager
from participants.forms import PersonForm

PAGE_SIZE = 25


@login_required
def person_create(request):
    require_manager(request.user)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, _("%(person)s added to the directory.") % {"person": person.display_name})
        return redirect("participants:person_detail", pk=person.pk)
    return render(request, "participants/person_form.html", {"form": form, "person": None})

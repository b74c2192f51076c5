"""Adding a person to the directory, for staff and city coordinators (roles from ``cities.access``).

Reading the directory depends on the exchanges a coordinator's cities take part in: its pages are in
``overview/views/directory.py`` (participants must not import exchanges, as apps depend one way)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cities.access import require_manager
from core.created import created_response, dialog_prefix, from_field_context, is_dialog, offer_create, picked_initial
from participants.forms import PersonForm, person_label

PAGE_SIZE = 25


@login_required
def person_create(request):
    require_manager(request.user)
    # Opened from a form's "New person", the city (and a new organisation) come from the query string.
    form = PersonForm(
        request.POST or None,
        initial=picked_initial(request, single=("organisation", "city")),
        prefix=dialog_prefix(request, "person"),
    )
    if request.method == "POST" and form.is_valid():
        person = form.save()
        if not is_dialog(request):
            messages.success(request, _("%(person)s added to the directory.") % {"person": person.display_name})
        response = created_response(request, person, person_label(person))
        return response or redirect("participants:person_detail", pk=person.pk)
    offer_create(request, form, "organisation", reverse("cities:organisation_create"), _("New organisation"))
    context = {"form": form, "person": None, "title": _("Add a person"), **from_field_context(request)}
    template = "includes/create_dialog.html" if is_dialog(request) else "participants/person_form.html"
    return render(request, template, context)

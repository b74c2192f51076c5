"""A new city, for staff: a real form (country and IANA time zone from lists), also from the exchange form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cities.access import require_staff
from cities.forms import CityForm
from core.created import created_response, dialog_prefix, from_field_context, is_dialog


@login_required
def city_create(request):
    require_staff(request.user)
    form = CityForm(request.POST or None, prefix=dialog_prefix(request, "city"))
    if request.method == "POST" and form.is_valid():
        city = form.save()
        if not is_dialog(request):
            messages.success(request, _("%(city)s added.") % {"city": city.name})
        response = created_response(request, city, city.name)
        return response or redirect(city)
    context = {"form": form, "title": _("Add a city"), **from_field_context(request)}
    template = "includes/create_dialog.html" if is_dialog(request) else "cities/city_create.html"
    return render(request, template, context)

"""Venues and sites. Managers read them all; a coordinator edits those in the cities they coordinate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cities.access import require_manager
from core.created import created_response, dialog_prefix, from_field_context, is_dialog
from exchanges.forms import VenueForm
from exchanges.models import Venue
from exchanges.views.manage import managed_cities

PAGE_SIZE = 25


@login_required
def venue_list(request):
    require_manager(request.user)
    query = request.GET.get("q", "").strip()
    venues = Venue.objects.select_related("city", "host_organisation").order_by("city__name", "name")
    if query:
        venues = venues.filter(
            Q(name__icontains=query)
            | Q(district__icontains=query)
            | Q(address__icontains=query)
            | Q(city__name__icontains=query)
        )
    page = Paginator(venues, PAGE_SIZE).get_page(request.GET.get("page"))
    editable_city_ids = set(managed_cities(request.user).values_list("pk", flat=True))
    context = {"page": page, "query": query, "editable_city_ids": editable_city_ids}
    return render(request, "exchanges/manage/venue_list.html", context)


@login_required
def venue_create(request):
    require_manager(request.user)
    # Opened from a session form, the venue's city is the exchange's host city until chosen otherwise.
    initial = {"city": request.GET.get("city", "")}
    form = VenueForm(
        request.POST or None,
        initial=initial,
        cities=managed_cities(request.user),
        prefix=dialog_prefix(request, "venue"),
    )
    if request.method == "POST" and form.is_valid():
        venue = form.save()
        if not is_dialog(request):
            messages.success(request, _("“%(venue)s” added.") % {"venue": venue})
        response = created_response(request, venue, f"{venue.name} ({venue.city.name})")
        return response or redirect("exchanges:venue_list")
    context = {"form": form, "venue": None, "title": _("Add a venue or site"), **from_field_context(request)}
    template = "includes/create_dialog.html" if is_dialog(request) else "exchanges/manage/venue_form.html"
    return render(request, template, context)


@login_required
def venue_edit(request, pk):
    require_manager(request.user)
    cities = managed_cities(request.user)
    venue = get_object_or_404(Venue.objects.filter(city__in=cities), pk=pk)
    form = VenueForm(request.POST or None, instance=venue, cities=cities)
    if request.method == "POST" and form.is_valid():
        venue = form.save()
        messages.success(request, _("“%(venue)s” saved.") % {"venue": venue})
        return redirect("exchanges:venue_list")
    return render(request, "exchanges/manage/venue_form.html", {"form": form, "venue": venue})

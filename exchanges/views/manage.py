"""Shared helpers of the pages where staff and coordinators manage exchanges, and the exchange forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.access import is_staff, require_manager
from cities.selectors import editable_cities
from core.created import offer_create, picked_initial
from exchanges import services
from exchanges.access import can_change_status, get_exchange_for_user_or_404, visible_people
from exchanges.forms import ExchangeForm, ExchangeStatusForm


def managed_cities(user):
    """Cities this user may host an exchange in or put a venue in: those whose records they edit."""
    return editable_cities(user).order_by("name")


def is_htmx(request) -> bool:
    """An htmx request for a fragment (a boosted link or form wants the whole page)."""
    return bool(request.htmx) and not request.htmx.boosted


def htmx_redirect(request, url: str):
    """After a successful htmx form, load the page afresh (warnings are recomputed); a plain redirect otherwise."""
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


PICKED = {"single": ("host_city", "host_contact"), "multiple": ("visiting_cities",)}


def _render_exchange_form(request, form, exchange):
    """The exchange form, with "New person" beside its host contact and, for staff, "New city" beside its cities."""
    offer_create(request, form, "host_contact", reverse("participants:person_create"), _("New person"))
    if is_staff(request.user):
        for name in ("host_city", "visiting_cities"):
            offer_create(request, form, name, reverse("cities:city_create"), _("New city"))
    return render(request, "exchanges/manage/exchange_form.html", {"form": form, "exchange": exchange})


@login_required
def exchange_create(request):
    require_manager(request.user)
    initial = {"programme": request.GET.get("programme", ""), **picked_initial(request, **PICKED)}
    form = ExchangeForm(
        request.POST or None,
        initial=initial,
        host_cities=managed_cities(request.user),
        people=visible_people(request.user),
    )
    if request.method == "POST" and form.is_valid():
        exchange = services.exchange_save(form=form)
        messages.success(request, _("Exchange created. Add its objectives, delegations and sessions next."))
        return redirect("exchanges:builder", slug=exchange.slug)
    return _render_exchange_form(request, form, None)


@login_required
def exchange_edit(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    form = ExchangeForm(
        request.POST or None,
        instance=exchange,
        initial=picked_initial(request, **PICKED, instance=exchange),
        host_cities=managed_cities(request.user),
        people=visible_people(request.user),
    )
    if request.method == "POST" and form.is_valid():
        exchange = services.exchange_save(form=form)
        messages.success(request, _("Exchange saved."))
        return redirect("exchanges:builder", slug=exchange.slug)
    if request.method == "POST":
        exchange.refresh_from_db()  # the form wrote its invalid values onto the instance
    return _render_exchange_form(request, form, exchange)


@login_required
@require_POST
def status_change(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    if not can_change_status(request.user, exchange):
        raise Http404
    form = ExchangeStatusForm(request.POST, exchange=exchange)
    if form.is_valid():
        try:
            services.exchange_status_change(exchange=exchange, status=form.cleaned_data["status"], user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Status changed to %(status)s.") % {"status": exchange.get_status_display()})
    else:
        messages.error(request, _("Choose one of the statuses offered."))
    return redirect(reverse("exchanges:builder", kwargs={"slug": exchange.slug}) + "#status")

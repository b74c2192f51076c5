"""Delegations of an exchange and their members.

The host city's coordinators and staff add delegations; a delegation's own
city's coordinators may also manage its members.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.created import offer_create, picked_initial
from exchanges import selectors, services
from exchanges.access import can_edit_delegation, can_edit_exchange, get_exchange_for_user_or_404, visible_people
from exchanges.forms import DelegationForm, MembershipForm
from exchanges.models import Delegation


def _get_delegation(request, slug, pk):
    exchange = get_exchange_for_user_or_404(request.user, slug)
    delegation = get_object_or_404(Delegation.objects.select_related("city"), exchange=exchange, pk=pk)
    delegation.exchange = exchange
    if not can_edit_delegation(request.user, delegation):
        raise Http404
    return exchange, delegation


@login_required
def delegation_list(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    return _render_list(request, exchange, DelegationForm(exchange=exchange))


def _render_list(request, exchange, form):
    context = {"exchange": exchange, "delegations": list(selectors.delegations_with_members(exchange)), "form": form}
    return render(request, "exchanges/manage/delegation_list.html", context)


@login_required
def delegation_add(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    if request.method != "POST":
        return redirect("exchanges:delegation_list", slug=exchange.slug)
    form = DelegationForm(request.POST, exchange=exchange)
    if form.is_valid():
        delegation = form.save()
        messages.success(request, _("%(delegation)s added. Add its members next.") % {"delegation": delegation})
        return redirect("exchanges:delegation_detail", slug=exchange.slug, pk=delegation.pk)
    return _render_list(request, exchange, form)


def _render_detail(request, exchange, delegation, form):
    detail_url = reverse("exchanges:delegation_detail", kwargs={"slug": exchange.slug, "pk": delegation.pk})
    new_person = reverse("participants:person_create")
    offer_create(request, form, "person", new_person, _("New person"), back=detail_url, city=delegation.city_id)
    memberships = selectors.delegations_with_members(exchange).get(pk=delegation.pk).memberships.all()
    context = {
        "exchange": exchange,
        "delegation": delegation,
        "memberships": memberships,
        "form": form,
        "can_edit_exchange": can_edit_exchange(request.user, exchange),
    }
    return render(request, "exchanges/manage/delegation_detail.html", context)


@login_required
def delegation_detail(request, slug, pk):
    exchange, delegation = _get_delegation(request, slug, pk)
    initial = picked_initial(request, single=("person",))
    form = MembershipForm(initial=initial, delegation=delegation, people=visible_people(request.user))
    return _render_detail(request, exchange, delegation, form)


@login_required
def member_add(request, slug, pk):
    exchange, delegation = _get_delegation(request, slug, pk)
    if request.method != "POST":
        return redirect("exchanges:delegation_detail", slug=exchange.slug, pk=delegation.pk)
    form = MembershipForm(request.POST, delegation=delegation, people=visible_people(request.user))
    if form.is_valid():
        membership = services.membership_add(delegation=delegation, **form.cleaned_data)
        messages.success(
            request,
            _("%(person)s added as %(role)s.")
            % {"person": membership.person.display_name, "role": membership.get_role_display()},
        )
        return redirect("exchanges:delegation_detail", slug=exchange.slug, pk=delegation.pk)
    return _render_detail(request, exchange, delegation, form)


@login_required
def member_remove(request, slug, pk, membership_pk):
    exchange, delegation = _get_delegation(request, slug, pk)
    membership = get_object_or_404(delegation.memberships.select_related("person"), pk=membership_pk)
    detail_url = reverse("exchanges:delegation_detail", kwargs={"slug": exchange.slug, "pk": delegation.pk})
    if request.method == "POST":
        services.membership_remove(membership=membership)
        messages.success(
            request, _("%(person)s removed from the delegation.") % {"person": membership.person.display_name}
        )
        return redirect(detail_url)
    return render(
        request,
        "exchanges/manage/confirm_delete.html",
        {
            "exchange": exchange,
            "title": _("Remove %(person)s from the %(delegation)s?")
            % {"person": membership.person.display_name, "delegation": delegation},
            "object_text": membership.get_role_display(),
            "cancel_url": detail_url,
            "confirm_label": _("Remove"),
        },
    )

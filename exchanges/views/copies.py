"""Copying an exchange as the start of a new one ("New exchange from template" on a programme's page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cities.access import require_manager
from exchanges.access import get_exchange_for_user_or_404
from exchanges.forms.builder import ExchangeCopyForm
from exchanges.services.copies import exchange_copy as copy_service


@login_required
def exchange_copy(request, slug):
    require_manager(request.user)
    source = get_exchange_for_user_or_404(request.user, slug, edit=True)
    form = ExchangeCopyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        exchange = copy_service(
            source=source,
            start_date=form.cleaned_data["start_date"],
            titles=form.titles(),
            user=request.user,
            is_template=form.cleaned_data["is_template"],
        )
        messages.success(
            request,
            _("“%(title)s” created from “%(source)s”: check its dates, delegations and sessions.")
            % {"title": exchange.title, "source": source.title},
        )
        return redirect("exchanges:builder", slug=exchange.slug)
    return render(request, "exchanges/manage/exchange_copy.html", {"exchange": source, "form": form})

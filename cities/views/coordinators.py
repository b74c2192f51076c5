"""Staff pages that assign and remove city coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cities.access import require_staff
from cities.forms import CoordinatorForm
from cities.models import Coordinator

PAGE_SIZE = 50


@login_required
@require_http_methods(["GET", "POST"])
def coordinator_list(request):
    require_staff(request.user)
    form = CoordinatorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        coordinator = Coordinator.objects.create(user=form.cleaned_data["user"], city=form.cleaned_data["city"])
        messages.success(
            request,
            _("%(email)s now coordinates %(city)s.") % {"email": coordinator.user.email, "city": coordinator.city},
        )
        return redirect("cities:coordinator_list")
    coordinators = Coordinator.objects.select_related("user", "city").order_by("city__name", "user__email")
    page = Paginator(coordinators, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cities/coordinator_list.html", {"form": form, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def coordinator_remove(request, pk):
    require_staff(request.user)
    coordinator = get_object_or_404(Coordinator.objects.select_related("user", "city"), pk=pk)
    if request.method == "POST":
        coordinator.delete()
        messages.success(
            request,
            _("%(email)s no longer coordinates %(city)s.")
            % {"email": coordinator.user.email, "city": coordinator.city},
        )
        return redirect("cities:coordinator_list")
    return render(request, "cities/coordinator_remove.html", {"coordinator": coordinator})

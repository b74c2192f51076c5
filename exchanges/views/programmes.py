"""Programmes: every manager reads them; staff create and edit them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cities.access import require_manager
from exchanges.access import editable_exchanges, is_staff, require_staff, visible_exchanges
from exchanges.forms import ProgrammeForm
from exchanges.models import Programme

PAGE_SIZE = 25


@login_required
def programme_list(request):
    require_manager(request.user)
    # Count only the exchanges this user may see: a coordinator must not learn of other cities' exchanges.
    counted = Q() if is_staff(request.user) else Q(exchanges__in=visible_exchanges(request.user).values("pk"))
    programmes = (
        Programme.objects.select_related("organiser")
        .annotate(exchange_count=Count("exchanges", filter=counted))
        .order_by("-start_date", "name")
    )
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "exchanges/manage/programme_list.html", {"page": page})


@login_required
def programme_detail(request, slug):
    require_manager(request.user)
    programme = get_object_or_404(Programme.objects.select_related("organiser"), slug=slug)
    exchanges = (
        visible_exchanges(request.user)
        .filter(programme=programme)
        .select_related("host_city", "programme")
        .prefetch_related("visiting_cities")
        .order_by("start_date", "title")
    )
    page = Paginator(exchanges, PAGE_SIZE).get_page(request.GET.get("page"))
    # Templates the user may copy: those they edit (``exchanges.views.copies`` asks the same question).
    templates = editable_exchanges(request.user).filter(programme=programme, is_template=True).order_by("title")
    return render(
        request,
        "exchanges/manage/programme_detail.html",
        {"programme": programme, "page": page, "templates": list(templates)},
    )


@login_required
def programme_create(request):
    require_staff(request.user)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = form.save()
        messages.success(request, _("Programme created."))
        return redirect("exchanges:programme_detail", slug=programme.slug)
    return render(request, "exchanges/manage/programme_form.html", {"form": form, "programme": None})


@login_required
def programme_edit(request, slug):
    require_staff(request.user)
    programme = get_object_or_404(Programme, slug=slug)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        programme = form.save()
        messages.success(request, _("Programme saved."))
        return redirect("exchanges:programme_detail", slug=programme.slug)
    return render(request, "exchanges/manage/programme_form.html", {"form": form, "programme": programme})

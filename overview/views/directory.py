"""The people directory: who a coordinator may read depends on the exchanges their cities take part in, an
exchanges question (``exchanges.access.visible_people``), so the directory's pages live above participants.

Their URLs stay in the ``participants`` namespace (``participants:person_list``, ``participants:person_detail``,
``participants:person_edit``): ``exchange_portal/urls.py`` mounts ``overview.urls.people_pages`` there.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cities.access import can_edit_city_record, is_staff, require_manager
from core.created import offer_create, picked_initial
from exchanges.access import get_person_for_user_or_404, visible_people
from participants.forms import PersonForm, PersonSearchForm

PAGE_SIZE = 25


@login_required
def person_list(request):
    require_manager(request.user)
    search = PersonSearchForm(request.GET or None)
    people = visible_people(request.user).select_related("organisation", "city").order_by("name", "pk")
    query = ""
    if search.is_valid():
        query = search.cleaned_data["q"].strip()
        if query:
            people = people.filter(
                Q(name__icontains=query)
                | Q(job_title__icontains=query)
                | Q(organisation__name__icontains=query)
                | Q(organisation__acronym__icontains=query)
                | Q(city__name__icontains=query)
            )
        if search.cleaned_data["city"]:
            people = people.filter(city=search.cleaned_data["city"])
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "search": search,
        "query": query,
        "scoped": not is_staff(request.user),
    }
    return render(request, "participants/person_list.html", context)


@login_required
def person_detail(request, pk):
    require_manager(request.user)
    person = get_person_for_user_or_404(request.user, pk)
    # Which exchanges a person takes part in is shown to staff only: a coordinator
    # must not learn of exchanges (drafts of other cities) they cannot see.
    staff = is_staff(request.user)
    memberships = person.memberships.select_related("delegation__city", "delegation__exchange").order_by(
        "-delegation__exchange__start_date"
    )
    sessions = person.presented_sessions.select_related("exchange").order_by("-start")[:50]
    context = {
        "person": person,
        "memberships": memberships if staff else None,
        "sessions": sessions if staff else None,
        "can_edit": can_edit_city_record(request.user, person.city_id),
    }
    return render(request, "participants/person_detail.html", context)


@login_required
def person_edit(request, pk):
    require_manager(request.user)
    person = get_person_for_user_or_404(request.user, pk)
    if not can_edit_city_record(request.user, person.city_id):
        raise Http404
    initial = picked_initial(request, single=("organisation",))
    form = PersonForm(request.POST or None, instance=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, _("%(person)s saved.") % {"person": person.display_name})
        return redirect("participants:person_detail", pk=person.pk)
    offer_create(request, form, "organisation", reverse("cities:organisation_create"), _("New organisation"))
    return render(request, "participants/person_form.html", {"form": form, "person": person})

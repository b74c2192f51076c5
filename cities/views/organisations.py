"""Organisations, for staff and city coordinators.

The access rule is spelled here with ``Coordinator`` because cities imports
nothing from the apps above it; the cache attribute matches
``exchanges.access.coordinated_city_ids``.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities.models import City, Coordinator, Organisation

PAGE_SIZE = 25


class OrganisationForm(forms.ModelForm):
    slug = forms.SlugField(
        label=gettext_lazy("Web address"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Left empty, it is made from the name."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "acronym", "slug", "kind", "city", "parent", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.order_by("name")
        parents = Organisation.objects.order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.data.get(self.add_prefix("name"), ""))[:255]
        if slug and Organisation.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another organisation already uses this web address."))
        return slug

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        ancestor = parent
        seen = set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.instance.pk and ancestor.pk == self.instance.pk:
                raise forms.ValidationError(_("An organisation cannot be part of one of its own units."))
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        return parent


def _is_staff(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff


def _city_ids(user) -> frozenset[int]:
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_portal_city_ids"):
        user._portal_city_ids = frozenset(Coordinator.objects.filter(user=user).values_list("city_id", flat=True))
    return user._portal_city_ids


def _require_manager(user) -> None:
    if not (_is_staff(user) or _city_ids(user)):
        raise Http404


def _can_edit(user, organisation: Organisation) -> bool:
    return _is_staff(user) or organisation.city_id is None or organisation.city_id in _city_ids(user)


@login_required
def organisation_list(request):
    _require_manager(request.user)
    query = request.GET.get("q", "").strip()[:200]
    organisations = Organisation.objects.select_related("city", "parent").order_by("name", "pk")
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query) | Q(acronym__icontains=query) | Q(city__name__icontains=query)
        )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    for organisation in page.object_list:
        organisation.editable = _can_edit(request.user, organisation)
    return render(request, "cities/organisations/organisation_list.html", {"page": page, "query": query})


@login_required
def organisation_create(request):
    _require_manager(request.user)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, _("“%(name)s” added.") % {"name": organisation})
        return redirect("cities:organisation_list")
    return render(request, "cities/organisations/organisation_form.html", {"form": form, "organisation": None})


@login_required
def organisation_edit(request, pk):
    _require_manager(request.user)
    organisation = get_object_or_404(Organisation, pk=pk)
    if not _can_edit(request.user, organisation):
        raise Http404
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, _("“%(name)s” saved.") % {"name": organisation})
        return redirect("cities:organisation_list")
    return render(request, "cities/organisations/organisation_form.html", {"form": form, "organisation": organisation})

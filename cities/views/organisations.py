"""Organisations, for staff and city coordinators (roles from ``cities.access``)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities.access import can_edit_city_record, require_manager
from cities.models import City, Organisation
from core.created import created_response, dialog_prefix, from_field_context, is_dialog
from core.forms import AutoSlugMixin, TranslatedFieldsMixin, per_language, translated

PAGE_SIZE = 25


class OrganisationForm(AutoSlugMixin, TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("name", "acronym", "description")
    slug_fallback = "organisation"

    slug = forms.SlugField(
        label=gettext_lazy("Web address"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Left empty, it is made from the name."),
    )

    class Meta:
        model = Organisation
        fields = [
            *translated("name", "acronym"),
            "slug",
            "kind",
            "city",
            "parent",
            "website",
            *translated("description"),
        ]
        widgets = per_language({"description": forms.Textarea(attrs={"rows": 3})})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.order_by("name")
        parents = Organisation.objects.order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")  # left empty, AutoSlugMixin makes it from the name when saving
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


@login_required
def organisation_list(request):
    require_manager(request.user)
    query = request.GET.get("q", "").strip()[:200]
    organisations = Organisation.objects.select_related("city", "parent").order_by("name", "pk")
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query) | Q(acronym__icontains=query) | Q(city__name__icontains=query)
        )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    for organisation in page.object_list:
        organisation.editable = can_edit_city_record(request.user, organisation.city_id)
    return render(request, "cities/organisations/organisation_list.html", {"page": page, "query": query})


@login_required
def organisation_create(request):
    require_manager(request.user)
    form = OrganisationForm(request.POST or None, prefix=dialog_prefix(request, "organisation"))
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        if not is_dialog(request):
            messages.success(request, _("“%(name)s” added.") % {"name": organisation})
        response = created_response(request, organisation, str(organisation))
        return response or redirect("cities:organisation_list")
    context = {"form": form, "organisation": None, "title": _("Add an organisation"), **from_field_context(request)}
    template = "includes/create_dialog.html" if is_dialog(request) else "cities/organisations/organisation_form.html"
    return render(request, template, context)


@login_required
def organisation_edit(request, pk):
    require_manager(request.user)
    organisation = get_object_or_404(Organisation, pk=pk)
    if not can_edit_city_record(request.user, organisation.city_id):
        raise Http404
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, _("“%(name)s” saved.") % {"name": organisation})
        return redirect("cities:organisation_list")
    return render(request, "cities/organisations/organisation_form.html", {"form": form, "organisation": organisation})

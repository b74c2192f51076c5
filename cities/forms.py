import zoneinfo

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cities.access import is_staff
from cities.models import City, Coordinator, Initiative, Organisation, Theme
from cities.selectors import editable_cities
from core.forms import AutoSlugMixin, ModelMultipleChoiceField, TranslatedFieldsMixin, per_language, translated
from core.pickers import PickerSelect
from core.translated import LANGUAGE_CODES


class CityProfileForm(TranslatedFieldsMixin, forms.ModelForm):
    """What a coordinator edits on their city's profile; staff also set membership and visibility."""

    translated_fields = ("region", "languages", "profile")

    STAFF_FIELDS = ["member_since", "is_member", "is_public"]

    class Meta:
        model = City
        fields = [*translated("region", "languages", "profile"), "member_since", "is_member", "is_public"]
        widgets = {
            **per_language({"profile": forms.Textarea(attrs={"rows": 12})}),
            "member_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_staff(user):
            for name in self.STAFF_FIELDS:
                del self.fields[name]
        for name in translated("profile"):
            self.fields[name].help_text = _("Markdown: **bold**, *italic*, lists, [links](https://example.org).")


class InitiativeForm(AutoSlugMixin, TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("name", "acronym", "summary", "description")
    slug_fallback = "initiative"

    class Meta:
        model = Initiative
        fields = [
            *translated("name", "acronym"),
            "city",
            "lead_organisation",
            "themes",
            *translated("summary", "description"),
            "website",
        ]
        field_classes = {"themes": ModelMultipleChoiceField}
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            **per_language({"description": forms.Textarea(attrs={"rows": 10})}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        cities = editable_cities(user)
        self.fields["city"].queryset = cities.order_by("name")
        self.fields["lead_organisation"].queryset = Organisation.objects.filter(
            Q(city__isnull=True) | Q(city__in=cities)
        ).order_by("name")
        self.fields["themes"].queryset = Theme.objects.order_by("name")
        for name in translated("description"):
            self.fields[name].help_text = _("Markdown. What the initiative does, for whom, and what it achieved.")
        if len(self.fields["city"].queryset) == 1 and not self.instance.pk:
            self.fields["city"].initial = self.fields["city"].queryset[0]

    def slug_text(self) -> str:
        data = self.cleaned_data
        return data.get("acronym_en") or data.get("acronym_fr") or data.get("name_en") or data.get("name_fr") or ""


class CoordinatorForm(forms.Form):
    email = forms.EmailField(label=_("Account e-mail address"), help_text=_("The person must have an account."))
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.order_by("name"))

    def clean(self):
        cleaned = super().clean()
        email, city = cleaned.get("email"), cleaned.get("city")
        if email:
            user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                self.add_error("email", _("No active account uses this address. Invite the person first."))
            elif city is not None and Coordinator.objects.filter(user=user, city=city).exists():
                self.add_error("city", _("This account already coordinates this city."))
            cleaned["user"] = user
        return cleaned


def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA time zone this system knows, by name ("Africa/Dakar"), for a searchable list."""
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


def country_choices() -> list[tuple[str, str]]:
    """ISO 3166-1 countries, named in the interface's language (django-countries)."""
    return [(code, str(name)) for code, name in countries]


class CityForm(AutoSlugMixin, TranslatedFieldsMixin, forms.ModelForm):
    """A new city, for staff: its country chosen from a list (stored by name in both languages) and its
    IANA time zone from a searchable list, so that times are never typed as free text."""

    translated_fields = ("region", "languages")
    slug_fallback = "city"
    # Path segments under cities/ that a slug must not take.
    reserved_slugs = frozenset({"new"})

    country_code = forms.ChoiceField(label=_("Country"), choices=())
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=(), help_text=_("Type a city or region, e.g. Beirut or Europe/Oslo.")
    )

    class Meta:
        model = City
        fields = ["name", "country_code", *translated("region"), "time_zone", *translated("languages"), "is_member"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country_code"].choices = [("", "---------"), *country_choices()]
        self.fields["country_code"].widget = PickerSelect(choices=self.fields["country_code"].choices)
        self.fields["time_zone"].choices = [("", "---------"), *time_zone_choices()]
        self.fields["time_zone"].widget = PickerSelect(choices=self.fields["time_zone"].choices)

    def clean_name(self):
        name = self.cleaned_data["name"]
        if City.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("A city of this name is already listed."))
        return name

    def save(self, commit=True):
        code = self.cleaned_data["country_code"]
        for language in LANGUAGE_CODES:
            with translation.override(language):
                setattr(self.instance, f"country_{language}", str(countries.name(code)))
        return super().save(commit=commit)

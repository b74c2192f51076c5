from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from cities.models import City
from core.forms import TranslatedFieldsMixin, translated
from core.pickers import PickerSelect
from participants.models import Person


def person_label(person: Person) -> str:
    """A person as pickers list them: "Name (ACRONYM)"."""
    organisation = person.organisation
    if organisation is None:
        return person.display_name
    return f"{person.display_name} ({organisation.acronym or organisation.name})"


class PersonForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("honorific", "job_title")

    class Meta:
        model = Person
        fields = [
            *translated("honorific"),
            "name",
            *translated("job_title"),
            "organisation",
            "city",
            "email",
            "phone",
            "languages",
            "language",
        ]
        help_texts = {"email": _("Used for agenda e-mails and to link the person to their login. Optional.")}
        widgets = {"organisation": PickerSelect(), "city": PickerSelect()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = self.fields["organisation"].queryset.order_by("name")
        self.fields["city"].queryset = self.fields["city"].queryset.order_by("name")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email and Person.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another person in the directory already has this e-mail address."))
        return email


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or organisation"), required=False, max_length=200)
    city = forms.ModelChoiceField(label=_("City"), queryset=None, required=False, empty_label=_("Any city"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.order_by("name")


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("The invitation goes to this address; it becomes their login.")
    )


class AcceptInvitationForm(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError(_("The two passwords differ."))
        if password2:
            # Checked against an unsaved user so that "similar to your e-mail" works.
            password_validation.validate_password(password2, get_user_model()(email=self.email))
        return password2

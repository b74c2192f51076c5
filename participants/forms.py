from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import City
from participants.models import Person


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["honorific", "name", "job_title", "organisation", "city", "email", "languages", "language"]
        help_texts = {"email": _("Used for agenda e-mails and to link the person to their login. Optional.")}

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

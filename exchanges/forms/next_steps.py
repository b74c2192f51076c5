from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.models import Organisation
from core.forms import ModelMultipleChoiceField, TranslatedFieldsMixin, per_language, translated
from exchanges.access import exchange_city_ids
from exchanges.models import Exchange, NextStep
from participants.models import Person


class NextStepUpdateForm(forms.Form):
    text = forms.CharField(
        label=_("Update"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("What happened since the last update, what comes next."),
    )
    new_status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Leave as it is"))] + list(NextStep.Status.choices),
    )


class NextStepForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("text",)

    class Meta:
        model = NextStep
        fields = [
            *translated("text"),
            "owner_organisation",
            "owner_person",
            "objective",
            "sessions",
            "due_date",
            "status",
            "position",
        ]
        widgets = {
            **per_language({"text": forms.Textarea(attrs={"rows": 3})}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "sessions": forms.CheckboxSelectMultiple,
        }
        # A tampered session id beyond the integer range is an invalid choice, not a 500 (found by the fuzzing).
        field_classes = {"sessions": ModelMultipleChoiceField}

    def __init__(self, *args, exchange: Exchange, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.exchange = exchange
        city_ids = exchange_city_ids(exchange)
        self.fields["objective"].queryset = exchange.objectives.all()
        self.fields["sessions"].queryset = exchange.sessions.order_by("start", "pk")
        self.fields["sessions"].help_text = _("The sessions this action came from.")
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(
            Q(city__isnull=True) | Q(city__in=city_ids)
        ).order_by("name")
        self.fields["owner_person"].queryset = (
            Person.objects.filter(Q(city__in=city_ids) | Q(memberships__delegation__exchange=exchange))
            .distinct()
            .order_by("name")
        )
        self.fields["owner_person"].help_text = _("The person reminded by e-mail and who may post updates.")

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("owner_organisation")
            and not cleaned.get("owner_person")
            and not self.has_error("owner_person")
        ):
            self.add_error("owner_organisation", _("Name who owns this step: an organisation, a person or both."))
        return cleaned

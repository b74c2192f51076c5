"""Forms of the agenda pages: the delegation filter and the agenda preferences."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from exchanges.agenda import zone_choices


class DelegationFilterForm(forms.Form):
    """Show only the sessions one delegation attends. Built from delegations already loaded."""

    delegation = forms.ChoiceField(label=_("Delegation"), required=False)

    def __init__(self, *args, delegations, **kwargs):
        super().__init__(*args, **kwargs)
        self._delegations = {str(delegation.pk): delegation for delegation in delegations}
        self.fields["delegation"].choices = [("", _("All delegations"))] + [
            (key, str(delegation)) for key, delegation in self._delegations.items()
        ]

    def clean_delegation(self):
        return self._delegations.get(self.cleaned_data["delegation"])


class AgendaPreferencesForm(forms.Form):
    """The home time zone shown beside host times; for people taking part, also e-mail notices and language."""

    time_zone = forms.ChoiceField(
        label=_("Home time zone"),
        required=False,
        help_text=_("Agendas show this time beside the host city's time when the two differ."),
    )
    notify_changes = forms.BooleanField(
        label=_("E-mail me when the agenda of an exchange I take part in changes"), required=False
    )
    language = forms.ChoiceField(
        label=_("Language of e-mails and calendar feeds"), choices=settings.LANGUAGES, required=False
    )

    def __init__(self, *args, default_label: str, with_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        city_zones, every_zone = zone_choices()
        self.fields["time_zone"].choices = [
            ("", default_label),
            (_("Cities in the network"), city_zones),
            (_("All time zones"), every_zone),
        ]
        if not with_person:
            del self.fields["notify_changes"]
            del self.fields["language"]

    def clean_language(self):
        return self.cleaned_data["language"] or settings.LANGUAGE_CODE

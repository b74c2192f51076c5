from django import forms
from django.utils.translation import gettext_lazy as _


class AnonymiseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm.")},
    )

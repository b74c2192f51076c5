from django import forms
from django.utils.translation import gettext_lazy as _

from exchanges.models import LearningNote


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session):
        local = session.start.astimezone(session.exchange.tzinfo)
        return f"{local:%d/%m %H:%M} · {session.title}"


class LearningNoteForm(forms.Form):
    """A learning note; ``uid`` comes from the browser (the server makes one when it is missing)."""

    uid = forms.UUIDField(required=False, widget=forms.HiddenInput)
    session = SessionChoiceField(label=_("Session"), queryset=None, empty_label=None)
    text = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text=_("What you learnt, what you want to take home. Kept on this device if the connection drops."),
    )
    visibility = forms.ChoiceField(
        label=_("Shared with"),
        choices=LearningNote.Visibility.choices,
        initial=LearningNote.Visibility.PRIVATE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, sessions, can_share: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        if not can_share:
            self.fields["visibility"].choices = [LearningNote.Visibility.choices[0]]
            self.fields["visibility"].help_text = _("You are in no delegation of this exchange: your notes are yours.")

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reports.models import Report

MAX_SECTION_LENGTH = 60_000


class SectionForm(forms.Form):
    """One section's Markdown, and the report version the text was based on (optimistic locking)."""

    text = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        max_length=MAX_SECTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Blank line between paragraphs; **bold**, _italic_, [a link](https://example.org), - a list item."),
    )
    base_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class ReportSettingsForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    class Meta:
        model = Report
        fields = ["language", "include_annex", "include_feedback"]
        labels = {
            "include_annex": _("Add an annex with the delegations and the agenda"),
            "include_feedback": _("Add “What participants said”: the feedback survey's results and chart"),
        }
        help_texts = {"include_annex": ""}

    def clean_language(self):
        language = self.cleaned_data["language"]
        report = self.instance
        if Report.objects.filter(exchange_id=report.exchange_id, language=language).exclude(pk=report.pk).exists():
            raise forms.ValidationError(
                _("This exchange already has a report in that language. Edit that version instead."),
                code="taken",
            )
        return language


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(required=True, widget=forms.HiddenInput, initial=True)


MAX_REASON_LENGTH = 2000


class PublishForm(forms.Form):
    """Publishing the current text as the next release; ``reason`` only when staff publish without sign-off."""

    reason = forms.CharField(
        label=_("Why publish without the partners’ sign-off?"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the release, for everyone who reads its history."),
    )

    def __init__(self, *args, reason_needed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_needed:
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]


class ReviewForm(forms.Form):
    """An approver's answer: approve the version under review, or send it back with a comment."""

    APPROVE, CHANGES = "approve", "changes"
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(APPROVE, _("Approve this version")), (CHANGES, _("Request changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Needed when you request changes: say what should change. The editors see it."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.CHANGES and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what should change before sending the report back."))
        return cleaned


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the withdrawal"),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the release history."),
    )

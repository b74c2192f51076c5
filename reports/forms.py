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
        fields = ["language", "include_annex"]
        labels = {"include_annex": _("Add an annex with the delegations and the agenda")}
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

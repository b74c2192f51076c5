"""The feedback survey's form: built from the exchange's objectives, in the reader's language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.translated import translated_text
from exchanges.models import Objective, SurveyAnswer, SurveyResponse
from exchanges.models.surveys import SCORES
from exchanges.services.surveys import AFTER, BEFORE

SCORE_CHOICES = [("", _("No answer")), *SCORES]
SCALE_HINT = _("1: not at all · 5: fully")
STANDING_HINT = _("1: just starting · 5: confident and practised")


def _score_field(label, help_text) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCORE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
        help_text=help_text,
    )


class SurveyForm(forms.Form):
    """One person's answers. Fields per objective: ``before_<id>``; after the exchange also ``met_<id>``,
    ``after_<id>`` and ``take_home_<id>`` (a "before" already given is not asked again)."""

    named = forms.BooleanField(
        label=_("Show my name with my answers"),
        required=False,
        help_text=_("Otherwise your answers are shown without your name; only the network staff see who wrote them."),
    )

    def __init__(self, *args, objectives: list[Objective], response: SurveyResponse, phase: str, **kwargs):
        answers = {answer.objective_id: answer for answer in response.answers.all()}
        initial = {"named": response.named}
        super().__init__(*args, initial=initial, **kwargs)
        self.objectives = objectives
        self.phase = phase
        self.groups = []
        for number, objective in enumerate(objectives, start=1):
            answer = answers.get(objective.pk) or SurveyAnswer()
            names = []
            if phase == BEFORE or answer.before is None:
                label = (
                    _("Where do you stand on this, before the exchange?")
                    if phase == BEFORE
                    else _("Looking back: where did you stand on this before the exchange?")
                )
                self.fields[f"before_{objective.pk}"] = _score_field(label, STANDING_HINT)
                self.initial[f"before_{objective.pk}"] = answer.before
                names.append(f"before_{objective.pk}")
            if phase == AFTER:
                self.fields[f"met_{objective.pk}"] = _score_field(
                    _("How far did this exchange meet this objective?"), SCALE_HINT
                )
                self.fields[f"after_{objective.pk}"] = _score_field(_("Where do you stand on this now?"), STANDING_HINT)
                self.fields[f"take_home_{objective.pk}"] = forms.CharField(
                    label=_("What will you take home?"),
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
                self.initial[f"met_{objective.pk}"] = answer.met
                self.initial[f"after_{objective.pk}"] = answer.after
                self.initial[f"take_home_{objective.pk}"] = answer.take_home
                names += [f"met_{objective.pk}", f"after_{objective.pk}", f"take_home_{objective.pk}"]
            self.groups.append(
                {
                    "number": number,
                    "lead": translated_text(objective, "lead").with_marker(),
                    "fields": [self[name] for name in names],
                }
            )

    def answers(self) -> dict[int, dict]:
        """The cleaned answers per objective id, as ``surveys.survey_response_save`` takes them."""
        result = {}
        for objective in self.objectives:
            values = {}
            for name in ("before", "met", "after", "take_home"):
                key = f"{name}_{objective.pk}"
                if key in self.cleaned_data:
                    values[name] = self.cleaned_data[key]
            result[objective.pk] = values
        return result

"""Feedback against an exchange's objectives: each delegate's answers, and a before/after self-assessment.

A response is one person's answers to one exchange's survey; it is created when the survey e-mail is claimed
for them or when they first open the survey. The survey itself has no row: it opens for the "before" answers
once the exchange is visible to its delegates, for the rest when the exchange ends, and closes
``SURVEY_OPEN_DAYS`` after its last day (``exchanges.services.surveys``).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from exchanges.models.programmes import Exchange, Objective
from participants.models import Person

SCORES = [(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")]
SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def _score(label):
    return models.PositiveSmallIntegerField(label, null=True, blank=True, choices=SCORES, validators=SCORE_VALIDATORS)


class SurveyResponse(models.Model):
    """One delegate's answers to one exchange's survey. Anonymous to all but staff unless ``named``."""

    exchange = models.ForeignKey(
        Exchange, on_delete=models.CASCADE, related_name="survey_responses", verbose_name=_("exchange")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="survey_responses", verbose_name=_("person")
    )
    named = models.BooleanField(
        _("show my name with my answers"),
        default=False,
        help_text=_("Otherwise only the network staff see who answered what."),
    )
    # Demo answers: made up for the demo, and said so wherever they are shown.
    illustrative = models.BooleanField(_("illustrative"), default=False, editable=False)
    # Sending bookkeeping, claimed by a conditional UPDATE so that each e-mail goes once.
    invited_at = models.DateTimeField(_("survey e-mail sent"), null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    before_at = models.DateTimeField(_("before the exchange answered"), null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["exchange", "pk"]
        constraints = [models.UniqueConstraint(fields=["exchange", "person"], name="one_survey_response_per_person")]

    def __str__(self):
        return f"{self.exchange} – {self.person}"


class SurveyAnswer(models.Model):
    """One response's answers about one objective."""

    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="survey_answers", verbose_name=_("objective")
    )
    met = _score(_("how far the exchange met it"))
    before = _score(_("where I stood before the exchange"))
    after = _score(_("where I stand after the exchange"))
    take_home = models.TextField(_("what I take home"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["response", "objective__position", "objective__pk"]
        constraints = [models.UniqueConstraint(fields=["response", "objective"], name="one_answer_per_objective")]

    def __str__(self):
        return f"{self.response} – {self.objective}"

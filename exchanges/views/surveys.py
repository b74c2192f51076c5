"""The feedback survey: answered from the e-mail's one-click link (no login) or, logged in, from the exchange."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from exchanges.access import (
    can_see_survey_names,
    can_view_survey_results,
    get_exchange_for_user_or_404,
    is_delegate,
    survey_person_or_404,
)
from exchanges.forms.surveys import SurveyForm
from exchanges.models import SurveyResponse
from exchanges.selectors.surveys import survey_results
from exchanges.services import surveys as services


def _survey(request, response: SurveyResponse, *, done_url: str):
    exchange = response.exchange
    if exchange.status not in services.SURVEYED_STATUSES:
        raise Http404  # a draft or a cancelled exchange has no survey
    phase = services.survey_phase(exchange)
    context = {
        "exchange": exchange,
        "response": response,
        "phase": phase,
        "closes_on": services.survey_closes_on(exchange),
    }
    if phase == services.CLOSED:
        return render(request, "exchanges/surveys/closed.html", context, status=410)
    objectives = list(exchange.objectives.all())
    form = SurveyForm(request.POST or None, objectives=objectives, response=response, phase=phase)
    if request.method == "POST" and form.is_valid():
        services.survey_response_save(
            response=response, answers=form.answers(), named=form.cleaned_data["named"], phase=phase
        )
        messages.success(request, _("Thank you: your answers are saved. You can change them until the survey closes."))
        return redirect(done_url)
    context["form"] = form
    return render(request, "exchanges/surveys/answer.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def survey_answer(request, token):
    """The one-click link of the survey e-mail: the signed link is the key, until the survey closes."""
    response = services.survey_response_from_token(token)
    if response is None:
        raise Http404
    return _survey(request, response, done_url=request.path)


@login_required
@require_http_methods(["GET", "POST"])
def my_survey(request, slug):
    """A delegate's survey, logged in: the "before" answers from the time the exchange is visible to them."""
    exchange = get_exchange_for_user_or_404(request.user, slug)
    person = survey_person_or_404(request.user, exchange)
    response = services.survey_response_get_or_create(exchange=exchange, person=person)
    response.exchange = exchange
    return _survey(request, response, done_url=request.path)


def survey_panel(request, exchange, objectives: list) -> dict:
    """What the exchange page shows of its survey: the results to staff and its cities' coordinators, and the
    link to their own survey to its delegates (once the exchange is no longer a draft)."""
    panel = {"closes_on": services.survey_closes_on(exchange), "results": None, "my_survey_url": None}
    if can_view_survey_results(request.user, exchange):
        panel["results"] = survey_results(
            exchange, show_names=can_see_survey_names(request.user), objectives=objectives
        )
    if (
        exchange.status in services.SURVEYED_STATUSES
        and services.survey_phase(exchange) != services.CLOSED
        and is_delegate(request.user, exchange)
    ):
        panel["my_survey_url"] = reverse("exchanges:my_survey", kwargs={"slug": exchange.slug})
    return panel

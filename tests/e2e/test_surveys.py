"""Issue 19 in a browser: a delegate answers the feedback survey through its one-click link; staff read the
results with their chart on the exchange page and the programme indicators. Each page passes the audit."""

import pytest
from playwright.sync_api import expect

from exchanges.models import SurveyResponse
from exchanges.services.surveys import survey_token
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import end_yesterday

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_delegate_answers_by_link_and_staff_read_the_chart_and_indicators(page, demo):
    end_yesterday(demo)
    response = SurveyResponse.objects.get(exchange=demo, person__email="papa.alassane.seck@example.org")
    first = demo.objectives.order_by("position").first()

    page.goto(f"/surveys/{survey_token(response)}/")
    expect(page.get_by_role("heading", name="Feedback survey")).to_be_visible()
    assert_accessible(page, "survey-answer")
    page.locator(f"input[name=met_{first.pk}][value='1']").check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("your answers are saved")).to_be_visible()

    sign_in(page, "staff@example.org")
    page.goto(f"/exchanges/{demo.slug}/")
    panel = page.locator("section.survey-results")
    expect(panel.get_by_role("heading", name="What participants said")).to_be_visible()
    expect(panel.get_by_role("img", name="Scores per objective")).to_be_visible()
    expect(panel.get_by_text("Response rate: 75 %")).to_be_visible()
    assert_accessible(page, "exchange-survey-results")
    page.goto(f"/programmes/{demo.programme.slug}/indicators/")
    expect(page.get_by_role("heading", name="Programme indicators")).to_be_visible()
    assert_accessible(page, "programme-indicators")
    assert SurveyResponse.objects.get(pk=response.pk).answers.get(objective=first).met == 1

"""Staff build an exchange in the browser and see a presenter booked twice."""

import pytest

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _add_session(page, day_label, title, start, end, presenter_search):
    page.get_by_role("link", name=f"Add a session on {day_label}").click()
    form = page.locator("form.session-form")
    form.get_by_label("Title").fill(title)
    form.get_by_label("Starts at").fill(start)
    form.get_by_label("Ends at").fill(end)
    form.locator("#id_venue").select_option(label="Hôtel de Ville de Montréal (Montréal)")
    search = form.get_by_label("Find presenters")
    search.fill(presenter_search)
    presenters = form.locator("#id_presenters")
    presenters.locator("option", has_text="Sylvain Bissonnette").wait_for()
    presenters.select_option(label="Commander Sylvain Bissonnette (SPVM)")
    form.get_by_role("button", name="Add session").click()
    page.get_by_text(f"Session “{title}” added.").wait_for()


def test_staff_create_an_exchange_and_see_a_presenter_booked_twice(page, demo):
    login(page, "staff@example.org")
    page.goto("/exchanges/new/")
    page.get_by_label("Programme").select_option(label="SCN bilateral city exchanges 2017–2018")
    page.get_by_label("Title").fill("Montréal workshop week")
    page.get_by_label("Host city").select_option(label="Montréal")
    page.get_by_role("checkbox", name="Dakar").check()
    page.get_by_label("First day").fill("2017-10-23")
    page.get_by_label("Last day").fill("2017-10-24")
    page.get_by_role("button", name="Create exchange").click()
    page.wait_for_url("**/builder/")

    _add_session(page, "Mon 23 Oct", "Roundtables", "09:00", "10:00", "Biss")
    _add_session(page, "Mon 23 Oct", "SPVM briefing", "09:30", "10:30", "SPVM")

    warning = page.locator("#checks li[data-code='person_clash']")
    assert warning.count() == 1
    text = warning.inner_text()
    assert "Commander Sylvain Bissonnette" in text
    assert "“Roundtables” (Mon 23 Oct 09:00–10:00)" in text
    assert "“SPVM briefing” (Mon 23 Oct 09:30–10:30)" in text
    assert page.locator(".agenda__item .warnings li[data-code='person_clash']").count() == 2


def test_add_a_session_with_the_keyboard_alone(page, demo):
    login(page, "staff@example.org")
    page.goto("/exchanges/dakar-montreal-2017/builder/")

    add = page.get_by_role("link", name="Add a session on Wed 18 Oct")
    add.focus()
    page.keyboard.press("Enter")
    page.locator("#id_title").wait_for()
    assert page.evaluate("document.activeElement.id") == "id_title"
    page.keyboard.type("Closing session")
    page.keyboard.press("Tab")  # the next field in reading order: the day
    assert page.evaluate("document.activeElement.id") == "id_day"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # submits the form from the title field
    page.get_by_text("Session “Closing session” added.").wait_for()

    assert page.get_by_role("heading", name="Closing session").is_visible()
    assert page.get_by_text("Session “Closing session” added.").is_visible()

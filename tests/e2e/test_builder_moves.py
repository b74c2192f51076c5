"""Journey: staff move sessions in the agenda builder, by drag and drop on the timeline and by the keyboard's
"Move to…", see the conflict warnings follow each move, and undo a move."""

from datetime import date

import pytest
from playwright.sync_api import expect

from cities.models import City
from exchanges.models import Session
from tests.e2e.conftest import assert_accessible, sign_in
from tests.e2e.test_builder import _press, _tab_to
from tests.e2e.test_builder import keyed as keyed  # a fixture: imported, pytest finds it here
from tests.factories import ExchangeFactory, PersonFactory, SessionFactory, host_time

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CLASH = "#checks li[data-code='person_clash']"


@pytest.fixture
def week(demo):
    """Montréal, Mon 23 – Tue 24 Oct 2017: Roundtables at 9:00 and a briefing at 11:00, by the same presenter."""
    exchange = ExchangeFactory(
        title="Montréal workshop week",
        slug="montreal-workshop-week",
        host_city=City.objects.get(slug="montreal"),
        start_date=date(2017, 10, 23),
        end_date=date(2017, 10, 24),
    )
    presenter = PersonFactory(name="Sylvain Bissonnette")
    for title, hour in (("Roundtables", 9), ("SPVM briefing", 11)):
        session = SessionFactory(exchange=exchange, title=title, start=host_time(exchange, exchange.start_date, hour))
        session.presenters.set([presenter])
    return exchange


def _drag(page, source, dx, dy):
    source.scroll_into_view_if_needed()
    box = source.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 12)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx / 2, y + dy / 2, steps=5)
    page.mouse.move(x + dx, y + dy, steps=5)
    page.mouse.up()


def _pixels_per_minute(page):
    timeline = page.locator("#timeline")
    minutes = int(timeline.get_attribute("data-last")) - int(timeline.get_attribute("data-first"))
    column = page.locator(".timeline__column[data-day]").first
    # After a move the builder is a new page: the timeline shows once timeline.js has started on it.
    expect(column).to_be_visible()
    return column.bounding_box()["height"] / minutes


def test_staff_drag_a_session_see_the_warning_undo_it_and_move_another_by_keyboard(page, week, keyed):
    sign_in(page, "staff@example.org")
    page.goto("/exchanges/montreal-workshop-week/builder/")
    timeline = page.locator("#timeline")
    expect(timeline).to_be_visible()  # shown by its script
    expect(page.locator(CLASH)).to_have_count(0)
    assert_accessible(page, "agenda-builder-timeline")

    # Drag the briefing from 11:00 up to 9:30: it now overlaps the roundtables of the same presenter.
    briefing = timeline.locator(".timeline__block", has_text="SPVM briefing")
    _drag(page, briefing, 0, -90 * _pixels_per_minute(page))

    page.get_by_text("“SPVM briefing” moved to Mon 23 Oct 09:30–10:30. It has 1 warning: see below.").wait_for()
    expect(page.locator(CLASH)).to_have_count(1)
    expect(page.locator(CLASH)).to_contain_text("“SPVM briefing” (Mon 23 Oct 09:30–10:30)")
    briefing_row = Session.objects.get(title="SPVM briefing")
    assert briefing_row.local_start().strftime("%d %H:%M") == "23 09:30"

    # Undo puts it back at 11:00, and the warning goes.
    page.get_by_role("button", name="Undo the last move").click()
    page.get_by_text("Move undone: “SPVM briefing” is back at Mon 23 Oct 11:00–12:00.").wait_for()
    expect(page.locator(CLASH)).to_have_count(0)
    expect(page.get_by_role("button", name="Undo the last move")).to_have_count(0)

    # Drag it to the next day's column at the same time, then drag its lower edge half an hour down.
    briefing = timeline.locator(".timeline__block", has_text="SPVM briefing")
    tuesday = timeline.locator(".timeline__column[data-day='2017-10-24']")
    expect(tuesday).to_be_visible()
    _drag(page, briefing, tuesday.bounding_box()["x"] - briefing.bounding_box()["x"] + 4, 0)
    page.get_by_text("“SPVM briefing” moved to Tue 24 Oct 11:00–12:00.").wait_for()
    handle = timeline.locator(".timeline__block", has_text="SPVM briefing").locator(".timeline__resize")
    _drag(page, handle, 0, 30 * _pixels_per_minute(page))
    page.get_by_text("“SPVM briefing” moved to Tue 24 Oct 11:00–12:30.").wait_for()

    # With the keyboard alone: "Move to…" under the roundtables, to Tuesday 11:30, into the briefing.
    date_keys, time_keys = keyed
    _press(page, page.locator("summary", has_text="Move to… “Roundtables”"))
    form = (
        page.locator("form[action$='/move/']")
        .filter(has=page.locator(":focus"))
        .or_(page.locator(".move-to[open] form"))
    )
    _tab_to(page, form.get_by_label("Day"))
    page.keyboard.type(date_keys("2017-10-24"))
    _tab_to(page, form.get_by_label("Starts at"))
    page.keyboard.type(time_keys("11:30"))
    _press(page, form.get_by_role("button", name="Move “Roundtables”"))

    page.get_by_text("“Roundtables” moved to Tue 24 Oct 11:30–12:30. It has 1 warning: see below.").wait_for()
    expect(page.locator(CLASH)).to_have_count(1)
    expect(page.locator(CLASH)).to_contain_text("“Roundtables” (Tue 24 Oct 11:30–12:30)")
    assert_accessible(page, "agenda-builder-after-moves")

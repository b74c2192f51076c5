"""Journey (a): staff build an exchange in the browser, see a presenter booked twice, and schedule it.

The same journey runs twice: with the mouse, and with the keyboard alone (Tab, Shift+Tab,
Enter, Space, arrow keys and typing; no clicks). Each main page passes the axe-core audit
on the way.
"""

import pytest
from playwright.sync_api import expect

from exchanges.models import Delegation, Exchange, Membership
from tests.e2e.conftest import assert_accessible
from tests.factories import CityFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROGRAMME = "SCN bilateral city exchanges 2017–2018"
PRESENTER = "Commander Sylvain Bissonnette (SPVM)"


def _pick(page, form, label, search, option):
    """Type into a picker (static/js/pickers.js) and choose the option it offers."""
    form.locator(".ts-wrapper").first.wait_for()  # pickers.js has made the pickers
    picker = form.get_by_role("combobox", name=label)
    picker.click()
    picker.fill(search)
    page.locator(".ts-dropdown").get_by_role("option", name=option).click()
    page.keyboard.press("Escape")


def _add_session(page, day_label, title, start, end, presenter_search, *, audit=None):
    page.get_by_role("link", name=f"Add a session on {day_label}").click()
    form = page.locator("form.session-form")
    if audit:
        form.get_by_label("Title (English)").wait_for()
        assert_accessible(page, audit)
    form.get_by_label("Title (English)").fill(title)
    form.get_by_label("Starts at").fill(start)
    form.get_by_label("Ends at").fill(end)
    _pick(page, form, "Venue", "Hôtel de Ville", "Hôtel de Ville de Montréal (Montréal)")
    _pick(page, form, "Presenters", presenter_search, PRESENTER)
    form.get_by_role("button", name="Add session").click()
    page.get_by_text(f"Session “{title}” added.").wait_for()


def _assert_conflict_warning(page):
    warning = page.locator("#checks li[data-code='person_clash']")
    assert warning.count() == 1
    text = warning.inner_text()
    assert "Commander Sylvain Bissonnette" in text
    assert "“Roundtables” (Mon 23 Oct 09:00–10:00)" in text
    assert "“SPVM briefing” (Mon 23 Oct 09:30–10:30)" in text
    assert page.locator(".agenda__item .warnings li[data-code='person_clash']").count() == 2


def _assert_built_and_scheduled(slug):
    exchange = Exchange.objects.get(slug=slug)
    assert exchange.status == Exchange.Status.SCHEDULED
    assert exchange.host_city.name == "Montréal"
    assert sorted(exchange.sessions.values_list("title", flat=True)) == ["Roundtables", "SPVM briefing"]
    assert sorted((d.city.name, d.role) for d in exchange.delegations.select_related("city")) == [
        ("Beirut", Delegation.Role.VISITING),
        ("Dakar", Delegation.Role.VISITING),
        ("Montréal", Delegation.Role.HOST),
    ]
    membership = Membership.objects.get(delegation__exchange=exchange, delegation__city__name="Dakar")
    assert (membership.person.display_name, membership.role) == ("Papa Alassane Seck", Membership.Role.HEAD)


@pytest.fixture
def beirut(demo):
    """A third member city: the demo has only Dakar and Montréal, and the journey adds a delegation."""
    return CityFactory(name="Beirut", slug="beirut", country="Lebanon", region="Middle East", time_zone="Asia/Beirut")


def test_staff_build_an_exchange_see_a_presenter_booked_twice_and_schedule_it(page, beirut):
    page.goto("/")
    assert_accessible(page, "home-anonymous")
    page.get_by_role("banner").get_by_role("link", name="Log in").click()
    assert_accessible(page, "login")
    page.get_by_label("Email").fill("staff@example.org")
    page.get_by_label("Password", exact=True).fill("exchange-demo-2017")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Programmes").wait_for()
    assert_accessible(page, "home")

    page.get_by_role("link", name="Programmes").click()
    page.get_by_role("link", name="New exchange").click()
    assert_accessible(page, "exchange-form")
    page.get_by_label("Programme").select_option(label=PROGRAMME)
    page.get_by_label("Title (English)").fill("Montréal workshop week")
    _pick(page, page, "Host city", "Montr", "Montréal")
    _pick(page, page, "Visiting cities", "Dak", "Dakar")
    page.get_by_label("First day").fill("2017-10-23")
    page.get_by_label("Last day").fill("2017-10-24")
    page.get_by_role("button", name="Create exchange").click()
    page.wait_for_url("**/montreal-workshop-week/builder/")

    page.get_by_role("navigation", name="Manage this exchange").get_by_role("link", name="Delegations").click()
    page.get_by_label("City").select_option(label="Beirut")
    page.get_by_label("Role").select_option(label="Visiting")
    page.get_by_role("button", name="Add delegation").click()
    page.get_by_text("Beirut delegation added. Add its members next.").wait_for()
    page.get_by_role("navigation", name="Manage this exchange").get_by_role("link", name="Delegations").click()
    page.get_by_role("link", name="Manage members (Dakar delegation)").click()
    _pick(page, page, "Person", "Papa", "Papa Alassane Seck (Ville de Dakar)")
    page.get_by_label("Role").select_option(label="Head of delegation")
    page.get_by_role("button", name="Add member").click()
    expect(page.get_by_role("row").filter(has_text="Papa Alassane Seck")).to_contain_text("Head of delegation")

    page.get_by_role("link", name="Agenda builder").click()
    _add_session(page, "Mon 23 Oct", "Roundtables", "09:00", "10:00", "Biss", audit="agenda-builder-session-form")
    _add_session(page, "Mon 23 Oct", "SPVM briefing", "09:30", "10:30", "Bissonnette")
    _assert_conflict_warning(page)
    assert_accessible(page, "agenda-builder")

    page.get_by_label("New status").select_option(label="Scheduled")
    page.get_by_role("button", name="Change status").click()
    page.get_by_text("Status changed to Scheduled.").wait_for()
    page.get_by_role("link", name="Agenda page").click()
    page.wait_for_url("**/exchanges/montreal-workshop-week/")

    assert page.get_by_role("heading", name="Montréal workshop week").is_visible()
    assert page.locator(".badge--scheduled").inner_text() == "Scheduled"
    assert_accessible(page, "exchange")
    _assert_built_and_scheduled("montreal-workshop-week")


# --- the same journey with the keyboard alone -------------------------------------------------------------------

FOCUS_IS_ON = "element => element === document.activeElement"
# The target precedes the focused element in document order: Shift+Tab goes back to it.
TARGET_IS_BEFORE_FOCUS = (
    "element => !!document.activeElement && document.activeElement !== document.body"
    " && !!(element.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)"
)
FOCUS_RING = (
    "element => getComputedStyle(element).outlineStyle !== 'none' && getComputedStyle(element).outlineWidth !== '0px'"
)


def _tab_to(page, target, *, limit=150):
    """Move the focus to ``target`` with Tab (or Shift+Tab when it lies behind the focus), as a keyboard user does;
    the focused control must show a focus ring."""
    element = target.element_handle()
    key = "Shift+Tab" if element.evaluate(TARGET_IS_BEFORE_FOCUS) else "Tab"
    for _ in range(limit):
        if element.evaluate(FOCUS_IS_ON):
            assert element.evaluate(FOCUS_RING), f"no visible focus on {target}"
            return target
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached {target}")


def _press(page, target, key="Enter"):
    _tab_to(page, target)
    page.keyboard.press(key)


def _type_into(page, target, text):
    _tab_to(page, target)
    page.keyboard.type(text)


@pytest.fixture(scope="module")
def keyed(browser):
    """How this Chromium lays out date and time fields (it follows the browser's own locale, not the page's):
    the keys a user types for a date and a time, found once by typing into fields of a blank page."""
    page = browser.new_page()
    page.set_content('<input type="date" id="d"><input type="date" id="e"><input type="time" id="t">')
    page.focus("#d")
    page.keyboard.type("10232017")
    page.focus("#e")
    page.keyboard.type("23102017")
    page.focus("#t")
    page.keyboard.type("0930")
    month_first = page.eval_on_selector("#d", "e => e.value") == "2017-10-23"
    day_first = page.eval_on_selector("#e", "e => e.value") == "2017-10-23"
    twelve_hour = page.eval_on_selector("#t", "e => e.value") == ""  # still waits for AM or PM
    page.close()
    assert month_first or day_first, "this Chromium's date fields are neither month/day/year nor day/month/year"

    def date(iso):
        year, month, day = iso.split("-")
        return month + day + year if month_first else day + month + year

    def time(hh_mm):
        hours, minutes = hh_mm.split(":")
        if not twelve_hour:
            return hours + minutes
        return f"{int(hours) % 12 or 12:02d}{minutes}{'AM' if int(hours) < 12 else 'PM'}"

    return date, time


def _picker(page, field):
    """The combobox of a picker once pickers.js has made it (before, the plain select is there; after, it is
    hidden and out of the tab order)."""
    combobox = page.locator(f"#id_{field}-ts-control")
    combobox.wait_for()
    return combobox


def _enter_on_first_match(page):
    """Enter on the picker's first match once the list shows it (a person waits to see it: the list follows
    the typing after a short pause)."""
    page.locator(".ts-dropdown:visible .option.active").wait_for()
    page.keyboard.press("Enter")


def _keyboard_session(page, keyed, day_label, title, start, end, presenter_search):
    _press(page, page.get_by_role("link", name=f"Add a session on {day_label}"))
    form = page.locator("form.session-form")
    # The form takes the focus as it appears (a script does it just after htmx swaps it in).
    expect(form.get_by_label("Title (English)")).to_be_focused()
    page.keyboard.type(title)
    _, time = keyed
    _type_into(page, form.get_by_label("Starts at"), time(start))
    _type_into(page, form.get_by_label("Ends at"), time(end))
    _type_into(page, _picker(page, "venue"), "Hôtel de Ville")
    _enter_on_first_match(page)
    _type_into(page, _picker(page, "presenters"), presenter_search)
    # The search has narrowed the list to one person; Enter makes them a chip.
    expect(page.locator(".ts-dropdown:visible").get_by_role("option")).to_have_text([PRESENTER])
    _enter_on_first_match(page)
    presenters = form.locator("#id_presenters")
    assert presenters.evaluate("select => [...select.selectedOptions].map(o => o.text)") == [PRESENTER]
    page.keyboard.press("Escape")
    _press(page, form.get_by_role("button", name="Add session"))
    page.get_by_text(f"Session “{title}” added.").wait_for()


def test_staff_build_and_schedule_an_exchange_with_the_keyboard_alone(page, beirut, keyed):
    date, _ = keyed
    page.goto("/")
    _press(page, page.get_by_role("banner").get_by_role("link", name="Log in"))
    _type_into(page, page.get_by_label("Email"), "staff@example.org")
    _type_into(page, page.get_by_label("Password", exact=True), "exchange-demo-2017")
    page.keyboard.press("Enter")
    _press(page, page.get_by_role("link", name="Programmes"))
    _press(page, page.get_by_role("link", name="New exchange"))

    _type_into(page, page.get_by_label("Programme"), "SCN")
    _type_into(page, page.get_by_label("Title (English)"), "Montréal workshop week")
    _type_into(page, _picker(page, "host_city"), "Montr")
    _enter_on_first_match(page)
    _type_into(page, _picker(page, "visiting_cities"), "Dakar")
    _enter_on_first_match(page)
    page.keyboard.press("Escape")
    _type_into(page, page.get_by_label("First day"), date("2017-10-23"))
    _type_into(page, page.get_by_label("Last day"), date("2017-10-24"))
    _press(page, page.get_by_role("button", name="Create exchange"))
    page.wait_for_url("**/montreal-workshop-week/builder/")

    subnav = page.get_by_role("navigation", name="Manage this exchange")
    _press(page, subnav.get_by_role("link", name="Delegations"))
    _type_into(page, page.get_by_label("City"), "Beirut")
    _type_into(page, page.get_by_label("Role"), "Visiting")
    _press(page, page.get_by_role("button", name="Add delegation"))
    page.get_by_text("Beirut delegation added. Add its members next.").wait_for()
    _press(page, subnav.get_by_role("link", name="Delegations"))
    _press(page, page.get_by_role("link", name="Manage members (Dakar delegation)"))
    _type_into(page, _picker(page, "person"), "Papa")
    expect(page.locator(".ts-dropdown:visible").get_by_role("option")).to_have_text(
        ["Papa Alassane Seck (Ville de Dakar)"]
    )
    _enter_on_first_match(page)
    _type_into(page, page.get_by_label("Role"), "Head")
    _press(page, page.get_by_role("button", name="Add member"))
    expect(page.get_by_role("row").filter(has_text="Papa Alassane Seck")).to_contain_text("Head of delegation")

    _press(page, subnav.get_by_role("link", name="Agenda builder"))
    _keyboard_session(page, keyed, "Mon 23 Oct", "Roundtables", "09:00", "10:00", "Biss")
    _keyboard_session(page, keyed, "Mon 23 Oct", "SPVM briefing", "09:30", "10:30", "Bissonnette")
    _assert_conflict_warning(page)
    _type_into(page, page.get_by_label("New status"), "Scheduled")
    _press(page, page.get_by_role("button", name="Change status"))
    page.get_by_text("Status changed to Scheduled.").wait_for()
    _press(page, subnav.get_by_role("link", name="Agenda page"))
    page.wait_for_url("**/exchanges/montreal-workshop-week/")

    assert page.get_by_role("heading", name="Montréal workshop week").is_visible()
    assert page.locator(".badge--scheduled").inner_text() == "Scheduled"
    _assert_built_and_scheduled("montreal-workshop-week")

"""Create where needed, pick by typing (issue 17, items 1 and 2).

Staff create a city from the exchange form, then a venue and a person from the session form, each in a
dialog without leaving the page, and pick presenters by typing into a picker with chips. Axe audits the
dialogs and the open pickers. The second journey does the same with the keyboard alone. The page loads and
field entries of adding a session with a new venue and a new presenter are counted as a person would make them.
"""

import pytest
from playwright.sync_api import expect

from cities.models import City
from exchanges.models import Exchange, Session, Venue
from participants.models import Person
from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROGRAMME = "SCN bilateral city exchanges 2017–2018"


class Loads:
    """Counts the full page loads of the main frame: each document it requests (a redirect's second leg is part
    of the same load). htmx requests, dialogs and same-document navigations (a link to ``#session-3``) are not
    page loads."""

    def __init__(self, page):
        self.count = 0
        self.urls = []
        page.on("request", self._seen)

    def _seen(self, request):
        if request.is_navigation_request() and request.frame.parent_frame is None and not request.redirected_from:
            self.count += 1
            self.urls.append(f"{request.method} {request.url}")


def _pick(page, label, search, option):
    """Type into a picker and choose the option that the search offers (Enter on the first match)."""
    page.locator(".ts-wrapper").first.wait_for()  # pickers.js has made the pickers
    picker = page.get_by_role("combobox", name=label)
    picker.click()
    picker.fill(search)
    page.locator(".ts-dropdown").get_by_role("option", name=option).wait_for()
    page.keyboard.press("Enter")


def _dialog(page, name):
    dialog = page.get_by_role("dialog", name=name)
    expect(dialog).to_be_visible()
    return dialog


def test_staff_create_a_city_a_venue_and_a_person_from_the_pickers_without_leaving_the_forms(page, demo):
    sign_in(page, "staff@example.org")
    page.goto("/exchanges/new/")
    loads = Loads(page)
    entries = 0

    page.get_by_role("link", name="New city").first.click()
    dialog = _dialog(page, "Add a city")
    dialog.get_by_label("Name").fill("Oslo")
    _pick(page, "Country", "Norw", "Norway")
    _pick(page, "Time zone", "Oslo", "Europe/Oslo")
    assert_accessible(page, "city-dialog")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    host = page.locator("#id_host_city")
    expect(host).to_have_value(str(City.objects.get(name="Oslo").pk))
    _pick(page, "Visiting cities", "Dak", "Dakar")
    page.get_by_label("Programme").select_option(label=PROGRAMME)
    page.get_by_label("Title (English)").fill("Oslo week")
    page.get_by_label("First day").fill("2027-05-03")
    page.get_by_label("Last day").fill("2027-05-05")
    assert_accessible(page, "exchange-form-pickers")
    page.get_by_role("button", name="Create exchange").click()
    page.wait_for_url("**/oslo-week/builder/")
    oslo = City.objects.get(name="Oslo")
    assert (oslo.country_en, oslo.country_fr, oslo.time_zone) == ("Norway", "Norvège", "Europe/Oslo")
    exchange = Exchange.objects.get(slug="oslo-week")
    assert exchange.host_city == oslo and [city.name for city in exchange.visiting_cities.all()] == ["Dakar"]

    # Adding a session with a new venue and a new presenter: counted from the builder on.
    loads.count, entries = 0, 0
    page.get_by_role("link", name="Add a session on Mon 3 May").click()
    form = page.locator("form.session-form")
    form.get_by_label("Title (English)").fill("Welcome at the city hall")
    entries += 1
    form.get_by_role("link", name="New venue or site").click()
    dialog = _dialog(page, "Add a venue or site")
    expect(dialog.locator("#id_venue-city")).to_have_value(str(oslo.pk))  # the host city, already chosen
    dialog.get_by_label("Name").fill("Oslo City Hall")
    dialog.get_by_label("Address").fill("Rådhusplassen 1")
    entries += 2
    assert_accessible(page, "venue-dialog")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    venue = Venue.objects.get(name="Oslo City Hall")
    expect(form.locator("#id_venue")).to_have_value(str(venue.pk))
    entries += 1  # the Save

    form.get_by_role("link", name="New person").click()
    dialog = _dialog(page, "Add a person")
    dialog.get_by_label("Name").fill("Kari Nordmann")
    entries += 1
    assert_accessible(page, "person-dialog")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    entries += 1
    kari = Person.objects.get(name="Kari Nordmann")
    assert kari.city == oslo  # the exchange's host city, chosen for a person created from its session form

    _pick(page, "Presenters", "Biss", "Commander Sylvain Bissonnette (SPVM)")
    entries += 1
    chips = form.locator(".ts-wrapper.multi .item")
    expect(chips).to_have_count(2)
    expect(chips.first).to_contain_text("Kari Nordmann")
    page.get_by_role("combobox", name="Presenters").fill("Seck")
    page.locator(".ts-dropdown").get_by_role("option").first.wait_for()
    assert_accessible(page, "presenters-picker-open")
    page.keyboard.press("Escape")
    form.get_by_role("button", name="Add session").click()
    entries += 1
    page.get_by_text("Session “Welcome at the city hall” added.").wait_for()

    session = Session.objects.get(title="Welcome at the city hall")
    assert session.venue == venue
    assert sorted(person.name for person in session.presenters.all()) == ["Kari Nordmann", "Sylvain Bissonnette"]
    # The builder itself, then the builder again after the save (htmx redirect): no other page was loaded.
    assert loads.count == 1, loads.count
    print(f"\nA session with a new venue and a new presenter: {loads.count} page load, {entries} field entries")


def test_a_picker_and_a_dialog_with_the_keyboard_alone(page, demo):
    sign_in(page, "staff@example.org")
    page.goto(f"/exchanges/{demo.slug}/delegations/")
    page.get_by_role("link", name="Manage members (Dakar delegation)").click()

    page.locator(".ts-wrapper").wait_for()  # pickers.js has made the picker
    picker = page.get_by_role("combobox", name="Person")
    picker.focus()
    page.keyboard.type("Lebrun")
    expect(page.locator(".ts-dropdown").get_by_role("option", name="Jocelyne Lebrun", exact=False)).to_be_visible()
    page.locator(".ts-dropdown:visible .option.active").wait_for()
    page.keyboard.press("Enter")
    expect(page.locator("#id_person")).to_have_value(str(Person.objects.get(name="Jocelyne Lebrun").pk))

    new_person = page.get_by_role("link", name="New person")
    new_person.focus()
    page.keyboard.press("Enter")
    dialog = _dialog(page, "Add a person")
    expect(dialog.get_by_label("Honorific (English)")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(dialog.get_by_label("Name")).to_be_focused()
    page.keyboard.type("Awa Ndiaye")
    dialog.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(picker).to_be_focused()  # back where the dialog was opened from
    awa = Person.objects.get(name="Awa Ndiaye")
    expect(page.locator("#id_person")).to_have_value(str(awa.pk))

    # Escape closes a dialog and gives the focus back; nothing is created.
    new_person.focus()
    page.keyboard.press("Enter")
    dialog = _dialog(page, "Add a person")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(picker).to_be_focused()
    page.get_by_label("Role").select_option(label="Member")
    page.get_by_role("button", name="Add member").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("row").filter(has_text="Awa Ndiaye")).to_contain_text("Member")


def test_a_choice_made_before_the_list_caught_up_leaves_the_focus_on_the_next_field(page, demo):
    """Enter on the option the list already shows, then Tab, before the last keystroke's refresh has run
    (pickers.js waits 100 ms): the refresh must not open the list again and take the focus back."""
    sign_in(page, "staff@example.org")
    page.goto(f"/exchanges/{demo.slug}/delegations/")
    page.get_by_role("link", name="Manage members (Dakar delegation)").click()

    page.locator(".ts-wrapper").wait_for()
    picker = page.get_by_role("combobox", name="Person")
    picker.focus()
    page.keyboard.type("Lebru")
    page.locator(".ts-dropdown:visible .option.active").filter(has_text="Jocelyne Lebrun").wait_for()
    page.keyboard.type("n")  # a refresh is now pending
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)  # past the pending refresh

    expect(page.locator("#id_person")).to_have_value(str(Person.objects.get(name="Jocelyne Lebrun").pk))
    expect(page.get_by_role("link", name="New person")).to_be_focused()
    expect(page.locator(".ts-dropdown")).to_be_hidden()

"""Issue 17's first acceptance line: staff build the Beirut–Oslo exchange from an empty programme.

Three days in Oslo; Beirut and Oslo are new cities made from the exchange form's pickers ("New city"); 3
organisations, 4 people and 3 venues are made from the session form's dialogs; 3 objectives; 2 delegations (the
host's and the visitors', made with the exchange); 7 sessions, among them a two-day workshop as two daily blocks
and 3 site visits. One session is moved by drag and drop and another by the keyboard's "Move to…".

Arrange: the programme exists (made here, empty, no demo data) and staff are logged in; counting starts after the login.
Counted: full page loads of the main frame (htmx requests and dialogs are not page loads) and field entries
(each fill, typed search, select or check a person makes, through ``Entries``). Limits: 10 and 70.
Measured: 10 loads (the exchange form and the builder it lands on, 7 session saves each reloading the builder
through HX-Redirect, the drag's plain form post) and 58 entries. The objectives are added on the builder and the
keyboard's "Move to…" is answered in place, by htmx.
"""

from datetime import date

import pytest
from playwright.sync_api import expect

from cities.models import City
from exchanges.models import Exchange, Objective, Session, Venue
from participants.models import Organisation, Person
from tests.e2e.conftest import assert_accessible, sign_in
from tests.e2e.test_builder import _press, _tab_to
from tests.e2e.test_builder import keyed as keyed  # a fixture: imported, pytest finds it here
from tests.e2e.test_builder_moves import _drag, _pixels_per_minute
from tests.e2e.test_pickers import Loads
from tests.factories import ProgrammeFactory, StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MAX_LOADS, MAX_ENTRIES = 10, 70


class Entries:
    """Every field entry a person makes: a fill, a choice in a select, a typed search in a picker, a box ticked."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def fill(self, locator, value):
        self.count += 1
        locator.fill(value)

    def select(self, locator, **option):
        self.count += 1
        locator.select_option(**option)

    def check(self, locator):
        self.count += 1
        locator.check()

    def pick(self, label, search, option):
        """Type into a picker and choose the option the search offers (Enter on the match)."""
        self.count += 1
        page = self.page
        picker = page.get_by_role("combobox", name=label)
        picker.click()
        picker.fill(search)
        page.locator(".ts-dropdown:visible").get_by_role("option", name=option).wait_for()
        page.keyboard.press("Enter")

    def type(self, text):
        self.count += 1
        self.page.keyboard.type(text)


def _dialog(page, name):
    dialog = page.get_by_role("dialog", name=name)
    expect(dialog).to_be_visible()
    return dialog


def _save(page, dialog):
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()


def test_staff_build_the_beirut_oslo_exchange_within_10_page_loads_and_70_field_entries(page, keyed):
    programme = ProgrammeFactory(
        name="Nordic–Levant exchanges 2027", start_date=date(2027, 1, 1), end_date=date(2027, 12, 31)
    )
    StaffFactory(email="staff@example.org")
    sign_in(page, "staff@example.org")
    loads, entries = Loads(page), Entries(page)
    audited = set()

    def audit(name):
        if name not in audited:
            audited.add(name)
            assert_accessible(page, name)

    # The exchange, with its two new cities made from the pickers.
    page.goto("/exchanges/new/")
    page.locator(".ts-wrapper").first.wait_for()  # pickers.js has made the pickers
    page.get_by_role("link", name="New city").first.click()
    dialog = _dialog(page, "Add a city")
    entries.fill(dialog.get_by_label("Name"), "Oslo")
    entries.pick("Country", "Norw", "Norway")
    entries.pick("Time zone", "Oslo", "Europe/Oslo")
    audit("city-dialog")
    _save(page, dialog)
    page.get_by_role("link", name="New city").nth(1).click()
    dialog = _dialog(page, "Add a city")
    entries.fill(dialog.get_by_label("Name"), "Beirut")
    entries.pick("Country", "Leban", "Lebanon")
    entries.pick("Time zone", "Beirut", "Asia/Beirut")
    _save(page, dialog)
    oslo, beirut = City.objects.get(name="Oslo"), City.objects.get(name="Beirut")
    expect(page.locator("#id_host_city")).to_have_value(str(oslo.pk))
    expect(page.locator("#id_visiting_cities option:checked")).to_have_text(["Beirut"])
    entries.select(page.get_by_label("Programme"), label=programme.name)
    entries.fill(page.get_by_label("Title (English)"), "Beirut–Oslo")
    entries.fill(page.get_by_label("First day"), "2027-05-03")
    entries.fill(page.get_by_label("Last day"), "2027-05-05")
    page.get_by_role("button", name="Create exchange").click()
    page.wait_for_url("**/builder/")
    exchange = Exchange.objects.get(host_city=oslo)
    assert exchange.slug.startswith("beirut-oslo"), exchange.slug
    assert page.url.endswith(f"/exchanges/{exchange.slug}/builder/")
    assert sorted(str(d.city) for d in exchange.delegations.all()) == ["Beirut", "Oslo"]

    # Three objectives, added on the builder: each answered in place.
    page.locator("summary", has_text="Add an objective").click()
    for lead in ("Sharing tools for local risk", "Meeting the people behind them", "Planning next steps together"):
        entries.fill(page.get_by_label("Lead (English)"), lead)
        page.get_by_role("button", name="Add objective").click()
        page.get_by_text(f"Objective “{lead}” added.").wait_for()
    assert Objective.objects.filter(exchange=exchange).count() == 3
    audit("builder-objectives")

    # Seven sessions, each added under its day without leaving the builder.
    def add_session(day, title, start, end, *, kind=None, last_day=None, venue=None, people=(), organisations=()):
        # The builder has reloaded after the last save: its message shows before htmx has set the links up, and
        # a click then would follow the link to the session page (a person that quick gets the page without
        # JavaScript; this journey measures the one with it).
        page.wait_for_load_state("load")
        page.get_by_role("link", name=f"Add a session on {day}").click()
        form = page.locator("form.session-form")
        form.wait_for()
        page.locator("form.session-form .ts-wrapper").first.wait_for()
        if kind:
            entries.select(form.get_by_label("Kind"), label=kind)
        entries.fill(form.get_by_label("Title (English)"), title)
        entries.fill(form.get_by_label("Starts at"), start)
        entries.fill(form.get_by_label("Ends at"), end)
        if last_day:
            entries.fill(form.get_by_label("Last day"), last_day)
        if isinstance(venue, tuple):  # a new one, made in its dialog
            form.get_by_role("link", name="New venue or site").click()
            dialog = _dialog(page, "Add a venue or site")
            audit("venue-dialog")
            name, address, site = venue
            entries.fill(dialog.get_by_label("Name"), name)
            entries.fill(dialog.get_by_label("Address"), address)
            if site:
                entries.select(dialog.get_by_label("Kind"), label="Site")
            _save(page, dialog)
        elif venue:
            entries.pick("Venue", venue[:5], venue)
        for person in people:
            if isinstance(person, tuple):
                form.get_by_role("link", name="New person").click()
                dialog = _dialog(page, "Add a person")
                audit("person-dialog")
                entries.fill(dialog.get_by_label("Name"), person[0])
                _save(page, dialog)
            else:
                entries.pick("Presenters", person[:5], person)
        for organisation in organisations:
            link = form.get_by_role("link", name="New organisation")
            link.focus()
            page.keyboard.press("Enter")  # with the keyboard: a mouse click here after the person dialog opens nothing
            dialog = _dialog(page, "Add an organisation")
            audit("organisation-dialog")
            entries.fill(dialog.get_by_label("Name (English)"), organisation)
            _save(page, dialog)
        audit("session-form-pickers")
        form.get_by_role("button", name="Add session").click()
        page.get_by_text(f"Session “{title}” added.").wait_for()

    add_session(
        "Mon 3 May",
        "Welcome at the city hall",
        "09:00",
        "10:30",
        venue=("Oslo City Hall", "Rådhusplassen 1", False),
        people=[("Kari Nordmann",)],
        organisations=["City of Oslo"],
    )
    add_session(
        "Mon 3 May",
        "Visit: emergency dispatch centre",
        "11:00",
        "12:30",
        kind="Site visit",
        venue=("Oslo Emergency Dispatch", "Grønlandsleiret 44", True),
        people=[("Ola Hansen",)],
        organisations=["Oslo Police District"],
    )
    add_session(
        "Mon 3 May",
        "Local prevention roundtable",
        "14:00",
        "16:00",
        people=[("Rania Haddad",), "Kari Nordmann"],
        organisations=["Municipality of Beirut"],
    )
    add_session(
        "Tue 4 May",
        "Prevention workshop",
        "09:00",
        "16:00",
        kind="Workshop",
        last_day="2027-05-05",
        venue="Oslo City Hall",
        people=[("Nadim Khoury",)],
    )
    add_session(
        "Tue 4 May",
        "Visit: youth centre",
        "16:30",
        "17:30",
        kind="Site visit",
        venue=("Grünerløkka youth centre", "Thorvald Meyers gate 80", True),
    )
    add_session(
        "Wed 5 May",
        "Visit: dispatch centre, night shift",
        "17:00",
        "18:00",
        kind="Site visit",
        venue="Oslo Emergency Dispatch",
    )
    add_session("Wed 5 May", "Closing dinner", "19:00", "21:00")

    # Move one session by drag and drop (the roundtable, an hour later), another by the keyboard.
    timeline = page.locator("#timeline")
    expect(timeline).to_be_visible()
    audit("builder-timeline")
    roundtable = timeline.locator(".timeline__block", has_text="Local prevention roundtable")
    _drag(page, roundtable, 0, 60 * _pixels_per_minute(page))
    page.get_by_text("“Local prevention roundtable” moved to Mon 3 May 15:00–17:00").wait_for()

    date_keys, time_keys = keyed
    _press(page, page.locator("summary", has_text="Move to… “Closing dinner”"))
    form = page.locator(".move-to[open] form")
    _tab_to(page, form.get_by_label("Starts at"))
    entries.type(time_keys("19:30"))
    _press(page, form.get_by_role("button", name="Move “Closing dinner”"))
    page.get_by_text("“Closing dinner” moved to Wed 5 May 19:30–21:30").wait_for()
    expect(page.locator("#timeline")).to_be_visible()  # answered in place: timeline.js set the new timeline up

    # What was built.
    sessions = Session.objects.filter(exchange=exchange)
    assert sessions.count() == 8  # 7 sessions, the workshop as two daily blocks
    workshop = list(sessions.filter(title="Prevention workshop").order_by("start"))
    assert [block.local_start().strftime("%a %H:%M") for block in workshop] == ["Tue 09:00", "Wed 09:00"]
    assert workshop[0].series is not None and workshop[0].series == workshop[1].series
    assert sessions.filter(kind=Session.Kind.SITE_VISIT).count() == 3
    assert Venue.objects.filter(city=oslo).count() == 3
    assert Person.objects.filter(name__in=["Kari Nordmann", "Ola Hansen", "Rania Haddad", "Nadim Khoury"]).count() == 4
    assert (
        Organisation.objects.filter(name__in=["City of Oslo", "Oslo Police District", "Municipality of Beirut"]).count()
        == 3
    )
    roundtable = sessions.get(title="Local prevention roundtable")
    assert roundtable.local_start().strftime("%H:%M") == "15:00"
    assert sessions.get(title="Closing dinner").local_start().strftime("%H:%M") == "19:30"
    assert exchange.start_date == date(2027, 5, 3) and beirut in exchange.visiting_cities.all()

    print(f"\nBeirut–Oslo built with {loads.count} full page loads and {entries.count} field entries")
    assert entries.count <= MAX_ENTRIES, entries.count
    assert loads.count <= MAX_LOADS, "\n".join(loads.urls)

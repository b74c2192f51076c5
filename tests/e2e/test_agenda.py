"""Journey (b): a delegate opens My agenda, sees host and home times, copies the subscribe link, and the
feed behind it (fetched without the browser's session, as a calendar app does) parses into the sessions.
On the way the delegate looks up the host city; each main page passes the axe-core audit."""

import io
import urllib.request
from datetime import UTC, datetime

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from exchanges.models import Session
from tests.e2e.conftest import assert_accessible, login, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_delegate_sees_both_times_subscribes_to_the_feed_and_looks_up_the_host_city(page, demo):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    login(page, "delegate@example.org")

    page.get_by_role("link", name="My agenda").click()
    page.wait_for_url("**/my/agenda/")
    first = page.locator(".agenda__time").first
    assert page.get_by_role("heading", name="My agenda").is_visible()
    assert first.locator(".agenda__host-time").inner_text() == "08:30 – 10:30 Montréal time (2 h)"
    assert first.locator(".agenda__home-time").inner_text() == "12:30 – 14:30 Dakar time"
    assert first.locator(".agenda__home-time").is_visible()
    assert page.locator(".agenda__item").count() == 5
    assert_accessible(page, "my-agenda")

    # Copy the address the page offers for pasting into a calendar app, as a user does: select it, Ctrl+C.
    page.get_by_label("Feed address (to paste into a calendar app)").focus()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("ControlOrMeta+C")
    address = page.evaluate("() => navigator.clipboard.readText()")
    subscribe = page.get_by_role("link", name="Subscribe in your calendar app").get_attribute("href")
    assert address.startswith(page.url.split("/my/")[0] + "/feeds/") and address.endswith(".ics")
    # A calendar app's request: no cookie, the address is the credential.
    with urllib.request.urlopen(address, timeout=10) as response:  # noqa: S310 - the live server's http URL
        content_type = response.headers["Content-Type"]
        calendar = Calendar.from_ical(response.read())

    assert subscribe == "webcal://" + address.split("://", 1)[1]
    assert content_type == "text/calendar; charset=utf-8"
    events = sorted(calendar.walk("VEVENT"), key=lambda event: event.decoded("dtstart"))
    sessions = list(Session.objects.filter(exchange=demo).order_by("start"))
    assert len(events) == len(sessions) == 5
    assert events[0].decoded("dtstart") == datetime(2017, 10, 16, 12, 30, tzinfo=UTC)  # 08:30 Montréal, 12:30 Dakar
    assert [(str(e["summary"]), e.decoded("dtstart"), e.decoded("dtend")) for e in events] == [
        (session.title_fr, session.start, session.end)
        for session in sessions  # Maye Seck's language: French
    ]

    page.get_by_role("link", name="Dakar–Montréal city exchange").first.click()
    page.wait_for_url("**/exchanges/dakar-montreal-2017/agenda/")
    assert page.get_by_text("Roundtables with the Ville de Montréal").first.is_visible()
    assert_accessible(page, "agenda")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_label("Search for").fill("RÉSAL")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="Cities").wait_for()
    assert_accessible(page, "search")
    page.get_by_role("link", name="Montréal", exact=True).click()
    page.wait_for_url("**/cities/montreal/")

    assert page.get_by_role("heading", name="Montréal", level=1).is_visible()
    assert page.get_by_text("RÉSAL").first.is_visible()
    assert_accessible(page, "city-profile")


def test_printed_exchange_agenda_has_no_navigation_and_a_page_per_day(page, demo):
    sign_in(page, "delegate@example.org")
    page.goto("/exchanges/dakar-montreal-2017/agenda/")

    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = "\n".join(sheet.extract_text() for sheet in pdf.pages)

    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".feed-links").is_visible()
    assert "Monday 16 October 2017" in pdf.pages[0].extract_text()
    assert "Tuesday 17 October 2017" not in pdf.pages[0].extract_text()
    assert len(pdf.pages) >= 3
    assert "Log out" not in text and "Roundtables with the Ville de Montréal" in text

import io

import pytest
from pypdf import PdfReader

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_delegate_sees_dakar_time_beside_montreal_time_on_my_agenda(page, demo):
    login(page, "delegate@example.org")

    page.get_by_role("link", name="My agenda").click()

    first = page.locator(".agenda__time").first
    assert page.get_by_role("heading", name="My agenda").is_visible()
    assert first.locator(".agenda__host-time").inner_text() == "08:30 – 10:30 Montréal time (2 h)"
    assert first.locator(".agenda__home-time").inner_text() == "12:30 – 14:30 Dakar time"
    assert first.locator(".agenda__home-time").is_visible()
    assert page.locator(".agenda__item").count() == 5


def test_printed_exchange_agenda_has_no_navigation_and_a_page_per_day(page, demo):
    login(page, "delegate@example.org")
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

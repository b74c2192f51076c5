import os

import pytest
from pypdf import PdfReader

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("REPORT_SCREENSHOTS")  # a folder: keep screenshots of the journey for a human look


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_coordinator_drafts_edits_generates_and_downloads_the_report(page, demo, tmp_path):
    login(page, "coordinator@example.org")
    page.goto("/exchanges/dakar-montreal-2017/")
    page.get_by_role("link", name="Summary report").click()

    page.get_by_role("button", name="Draft the report").click()
    assert page.get_by_role("heading", name="Aims and objectives").is_visible()
    page.get_by_role("link", name="Edit Next steps").click()
    page.get_by_label("Text (Markdown)").fill("The CPRLV will circulate a concept note.")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("The CPRLV will circulate a concept note.").is_visible()
    _shot(page, "report-page")

    page.get_by_role("button", name="Generate PDF").click()
    link = page.get_by_role("link", name="Download PDF")
    link.wait_for()
    _shot(page, "report-pdf-ready")
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / "report.pdf"
    download_info.value.save_as(path)

    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    assert "DAKAR-MONTRÉAL CITY EXCHANGE: SUMMARY REPORT" in text
    assert "The CPRLV will circulate a concept note." in text

"""Journey (c): a coordinator drafts the summary report, asks for its PDF, watches the job's progress and
downloads a PDF with the report's four sections.

A real Celery worker makes the PDF: a thread of this process (the live server's too) on the broker of
``celery_config``: Redis when CELERY_BROKER_URL is set (CI), Kombu's in-memory transport otherwise. So
the page shows the job queued or running before the download link, as it does in production.
"""

import os

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from reports.models import RenderJob
from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.services, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("REPORT_SCREENSHOTS")  # a folder: keep screenshots of the journey for a human look
SECTIONS = ("Introduction", "Aims and objectives", "Summary", "Next steps")

# Records every state the job's box shows (its class) and whether a progress bar was in it, from the moment
# the request is made: htmx swaps the box as it polls, so a state may last less than a second.
WATCH_THE_JOB = """() => {
  window.jobStates = [];
  const note = () => {
    const box = document.getElementById("render-job");
    if (!box) return;
    const state = [...box.classList].find(name => name.startsWith("render-job--")) || "empty";
    const seen = state + (box.querySelector("progress") ? "+progress" : "");
    if (window.jobStates[window.jobStates.length - 1] !== seen) window.jobStates.push(seen);
  };
  new MutationObserver(note).observe(document.body, {subtree: true, childList: true, attributes: true});
  note();
}"""


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_coordinator_drafts_the_report_watches_the_pdf_being_made_and_downloads_it(page, demo, celery_worker, tmp_path):
    sign_in(page, "coordinator@example.org")
    page.goto("/exchanges/dakar-montreal-2017/")
    page.get_by_role("link", name="Summary report").click()

    page.get_by_role("button", name="Draft the report").click()
    expect(page.get_by_role("heading", name="Aims and objectives")).to_be_visible()
    page.get_by_role("link", name="Edit Next steps").click()
    page.get_by_label("Text (Markdown)").fill("The CPRLV will circulate a concept note.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#section-next_steps")).to_contain_text("The CPRLV will circulate a concept note.")
    assert_accessible(page, "report")
    _shot(page, "report-page")

    page.evaluate(WATCH_THE_JOB)
    page.get_by_role("button", name="Generate PDF").click()
    link = page.get_by_role("link", name="Download PDF")
    link.wait_for(timeout=60_000)
    _shot(page, "report-pdf-ready")
    states = page.evaluate("() => window.jobStates")
    assert_accessible(page, "report-pdf-ready")
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / "report.pdf"
    download_info.value.save_as(path)

    # Before the link: the job was shown waiting for the worker or being made, with its progress bar.
    assert states[0] == "empty" and states[-1] == "render-job--done"
    assert {"render-job--queued+progress", "render-job--running+progress"} & set(states), states
    job = RenderJob.objects.get()
    assert (job.status, job.attempts, job.progress) == (RenderJob.Status.DONE, 1, 100)
    text = "\n".join(sheet.extract_text() for sheet in PdfReader(path).pages)
    assert "DAKAR-MONTRÉAL CITY EXCHANGE: SUMMARY REPORT" in text
    for heading in SECTIONS:
        assert heading in text
    assert "The CPRLV will circulate a concept note." in text

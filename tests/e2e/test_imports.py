"""Journey: staff import an exchange's sessions from a spreadsheet in the browser (issue 17, item 6).

The example file is downloaded from the page; a 40-row CSV with 3 bad rows shows those rows' problems next to
them and imports nothing; the corrected file imports all 40 sessions at once. The import page and its preview
pass the axe-core audit.
"""

import pytest

from exchanges.models import Session
from tests.e2e.conftest import assert_accessible, sign_in
from tests.test_imports import BAD_ROWS, _csv, _session_rows, _xlsx

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SLUG = "dakar-montreal-2017"


def _choose(page, name, content, mime):
    page.get_by_label("File (CSV or XLSX)").set_input_files({"name": name, "mimeType": mime, "buffer": content})
    page.get_by_role("button", name="Check the file").click()


def test_staff_import_forty_sessions_after_correcting_three_bad_rows(page, demo):
    before = Session.objects.filter(exchange=demo).count()
    sign_in(page, "staff@example.org")
    page.goto(f"/exchanges/{SLUG}/builder/")
    page.get_by_role("navigation", name="Manage this exchange").get_by_role("link", name="Import sessions").click()
    page.get_by_role("heading", name="Import sessions", level=1).wait_for()
    assert_accessible(page, "session-import")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    assert download.value.suggested_filename == "sessions-dakar-montreal-2017.csv"

    _choose(page, "sessions.csv", _csv(_session_rows(bad=BAD_ROWS)), "text/csv")

    alert = page.locator(".import-preview .form-errors")
    alert.wait_for()
    assert "3 rows of 40 have problems. Nothing was imported" in alert.inner_text()
    assert page.locator("tr.import-row--bad").evaluate_all("rows => rows.map(row => row.id)") == [
        "row-5",
        "row-17",
        "row-31",
    ]
    assert "No venue or site named “Nowhere Hall”" in page.locator("#row-17").inner_text()
    assert page.get_by_role("button", name="Import 40 rows").count() == 0
    assert_accessible(page, "session-import-preview-with-errors")
    page.get_by_role("link", name="Row 17").click()
    assert page.url.endswith("#row-17")
    assert Session.objects.filter(exchange=demo).count() == before

    _choose(page, "sessions.csv", _csv(_session_rows()), "text/csv")
    page.get_by_text("All 40 rows are ready to import.").wait_for()
    assert_accessible(page, "session-import-preview-ready")
    page.get_by_role("button", name="Import 40 rows").click()

    page.get_by_text("40 rows imported.").wait_for()
    assert page.url.split("#")[0].endswith(f"/exchanges/{SLUG}/builder/")
    assert Session.objects.filter(exchange=demo).count() == before + 40


def test_staff_see_the_problems_of_an_xlsx_file_next_to_its_rows_on_a_phone(page, demo):
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, "staff@example.org")
    page.goto(f"/exchanges/{SLUG}/import/sessions/")

    _choose(
        page,
        "sessions.xlsx",
        _xlsx(_session_rows(count=6, bad={3: {"day": "2017-10-25"}})),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

    page.locator("#row-3.import-row--bad").wait_for()
    assert "day: The exchange runs from" in page.locator("#row-3").inner_text()
    assert page.locator("tr.import-row--bad").count() == 1
    # The preview's table scrolls inside its frame; the page stays as wide as the phone. Measured once the new
    # page's style sheet has loaded: its rows exist before, and a table laid out without it is 930 px wide.
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not Session.objects.filter(title_en__startswith="Imported session").exists()

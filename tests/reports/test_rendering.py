import io

import pytest
from pypdf import PdfReader

from reports.models import Report
from reports.rendering import html_to_pdf, report_source
from tests.reports.helpers import pdf_text

pytestmark = pytest.mark.django_db


def _fonts(reader):
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            yield font.get_object()


def test_demo_pdf_is_a4_tagged_titled_with_embedded_fonts_and_page_numbers(drafted):
    progress = []

    pdf = html_to_pdf(report_source(drafted).html, on_progress=progress.append)

    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]
    assert root["/Lang"] == "en" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Dakar-Montréal city exchange: summary report"
    fonts = list(_fonts(reader))
    assert fonts, "the PDF uses no font at all"  # the check below must not pass on an empty list
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["/BaseFont"]
    text = pdf_text(pdf)
    pages = len(reader.pages)
    assert f"1 / {pages}" in text and f"{pages} / {pages}" in text
    assert "STRONG CITIES NETWORK" in text
    assert "✓" in text
    assert progress == sorted(progress) and progress[-1] == 95


def test_french_report_is_tagged_french_with_french_dates(drafted):
    report = Report.objects.get(pk=drafted.pk)
    report.language = "fr"

    pdf = html_to_pdf(report_source(report).html)

    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert "16–18 octobre 2017" in pdf_text(pdf)


def test_annex_adds_delegations_and_agenda(drafted):
    drafted.include_annex = True

    text = pdf_text(html_to_pdf(report_source(drafted).html))

    assert "Annex: delegations and agenda" in text
    assert "Maye Seck, head of delegation" in text.replace("\n", " ")
    assert "Frontline awareness training workshop at the CPRLV" in text

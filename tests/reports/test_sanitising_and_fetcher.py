import http.server
import io
import threading

import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from reports import services
from reports.fetcher import FetchRefused, PortalURLFetcher, static_url
from reports.rendering import html_to_pdf, pdf_safe_spacing
from reports.text import render_markdown
from tests.reports.helpers import pdf_text

SCRIPT = "<script>alert('owned')</script>"


def test_markdown_keeps_formatting_and_drops_scripts_images_and_js_links():
    html = render_markdown(
        f"**Bold** and _italic_ [site](https://spvm.qc.ca/)\n\n{SCRIPT}\n\n"
        "![x](http://169.254.169.254/latest) [bad](javascript:alert(1)) <a href='x' onclick='alert(1)'>y</a>"
    )

    assert "<strong>Bold</strong>" in html and "<em>italic</em>" in html
    assert '<a href="https://spvm.qc.ca/" rel="noopener noreferrer">site</a>' in html
    assert "<script" not in html and "alert('owned')" not in html
    assert "<img" not in html and "169.254.169.254" not in html
    assert 'href="javascript:' not in html and "onclick" not in html


def test_pdf_safe_spacing_moves_the_space_into_the_inline_element():
    assert pdf_safe_spacing('with the <a href="x">CPRLV</a> tools') == 'with the<a href="x"> CPRLV</a> tools'


@pytest.mark.django_db
def test_script_in_a_section_reaches_neither_the_page_nor_the_pdf(client, demo, staff_user):
    report = services.report_get_or_create(exchange=demo)
    services.report_save_section(
        report=report, section="summary", text=f"Before.\n\n{SCRIPT}\n\nAfter.", base_version=0, user=staff_user
    )
    client.force_login(get_user_model().objects.get(email="staff@example.org"))

    page = client.get("/exchanges/dakar-montreal-2017/report/").content.decode()
    job = services.render_job_request(exchange=demo, kind="report", report=report, user=staff_user)
    services.render_job_run(job_id=job.pk)
    job.refresh_from_db()

    assert "Before." in page and "After." in page
    assert "<script>alert" not in page and "alert('owned')" not in page
    text = pdf_text(job.file.read())
    assert "Before." in text and "After." in text
    assert "alert" not in text and "owned" not in text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/logo.png",
        "ftp://example.org/x",
        "http://127.0.0.1:8000/static/../../etc/passwd",
        "http://127.0.0.1:8000/static/%2e%2e/%2e%2e/etc/passwd",
        "http://127.0.0.1:8000/admin/",
    ],
)
def test_fetcher_refuses_everything_but_static_files(url, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    fetcher = PortalURLFetcher()

    with pytest.raises(FetchRefused):
        fetcher.fetch(url)

    assert fetcher.refused == [url]


def test_fetcher_serves_the_portals_static_files_and_data_uris(settings):
    fetcher = PortalURLFetcher()

    stylesheet = fetcher.fetch(static_url("css/report.css"))
    data = fetcher.fetch("data:text/plain;base64,aGVsbG8=")

    assert b"@page" in stylesheet.read()
    assert stylesheet.content_type == "text/css"
    assert data.read() == b"hello"


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"SECRET-FROM-THE-NETWORK")

    def log_message(self, *args):
        pass


@pytest.fixture
def listening_server():
    """A real HTTP server on localhost that records every request it gets."""
    _CountingHandler.hits = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _CountingHandler.hits
    server.shutdown()
    server.server_close()


def test_render_with_hostile_html_completes_without_fetching_anything(listening_server):
    base, hits = listening_server
    html = f"""<!DOCTYPE html><html lang="en"><head><title>T</title>
    <link rel="stylesheet" href="{base}/evil.css">
    <link rel="attachment" href="file:///etc/passwd">
    <link rel="attachment" href="{base}/secret.txt">
    <style>@import url("{base}/import.css"); body {{ background: url("{base}/bg.png"); }}
    @font-face {{ font-family: X; src: url("file:///etc/passwd"); }}</style></head>
    <body><p>Visible text.</p>
    <img src="file:///etc/passwd" alt="passwd"><img src="http://169.254.169.254/latest/meta-data/" alt="metadata">
    <img src="{base}/pixel.png" alt="pixel"><a rel="attachment" href="{base}/a.txt">attachment</a>
    <iframe src="{base}/frame"></iframe><object data="{base}/object"></object></body></html>"""

    pdf = html_to_pdf(html)

    assert hits == []
    text = pdf_text(pdf)
    assert "Visible text." in text
    assert "root:" not in text and "SECRET-FROM-THE-NETWORK" not in text
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert b"root:x:0:0" not in pdf

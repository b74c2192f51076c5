"""HTML documents for summary reports and agendas, their content fingerprints, and HTML → PDF with WeasyPrint.

The same functions serve the Celery task, in-process renders, the
``render_report`` command and the benchmark, so every PDF goes through the
locked-down fetcher and the time limit.
"""

import functools
import hashlib
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.site import site_url
from core.translated import translated_text
from exchanges.confidentiality import document_audience
from exchanges.models import Delegation, Exchange, Programme
from exchanges.selectors.surveys import ProgrammeIndicators, programme_indicators
from reports.drafting import report_title
from reports.feedback import feedback_section, feedback_version, release_feedback_section
from reports.fetcher import PortalURLFetcher, find_static, static_url
from reports.models import SECTIONS, Report, ReportRelease
from reports.selectors import annex_data, pdf_data_version, pdf_exchange
from reports.text import render_markdown
from reports.wording import date_range

# Part of every fingerprint: bump when a template changes how the same content looks.
RENDERER_VERSION = "1"
STYLESHEET = "css/report.css"


@dataclass(frozen=True)
class RenderSource:
    kind: str
    html: str
    content_hash: str  # of the HTML (``html_fingerprint``): the same HTML makes the same PDF
    language: str


class RenderTimeout(Exception):
    """The render took longer than REPORT_RENDER_TIME_LIMIT seconds."""


@functools.lru_cache(maxsize=4)
def _file_digest(path: str, mtime_ns: int, size: int) -> bytes:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).digest()


def _stylesheet_digest() -> bytes:
    """The stylesheet's hash, read again only when the file changes (a stat per call)."""
    path = find_static(STYLESHEET)
    if path is None:
        return b""
    stat = os.stat(path)
    return _file_digest(str(path), stat.st_mtime_ns, stat.st_size)


def _digest(*parts) -> str:
    digest = hashlib.sha256()
    for part in (RENDERER_VERSION, weasyprint.__version__, *parts):
        digest.update(part if isinstance(part, bytes) else str(part).encode())
        digest.update(b"\0")
    digest.update(_stylesheet_digest())
    return digest.hexdigest()


def html_fingerprint(kind: str, html: str) -> str:
    """Same fingerprint ⇔ same PDF: the HTML, the stylesheet, WeasyPrint and our template version.

    Computed as before the request fingerprint existed, so that jobs made then keep sharing their files.
    """
    digest = hashlib.sha256()
    stylesheet = find_static(STYLESHEET)
    for part in (kind, RENDERER_VERSION, weasyprint.__version__, html):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(stylesheet.read_bytes() if stylesheet else b"")
    return digest.hexdigest()


def _document_date(report: Report) -> date:
    return timezone.localdate(report.edited_at) if report.edited_at else timezone.localdate()


def release_fingerprint(release: ReportRelease) -> str:
    """A release's PDF depends on the release alone (its text, title and date never change) and the renderer."""
    texts = [release.title, release.subtitle, *release.section_texts().values()]
    texts += [release.feedback_heading, release.feedback_text, release.feedback_chart]
    text = hashlib.sha256("\0".join(texts).encode())
    parts = ["release", settings.NETWORK_NAME, release.language, release.pk, release.number, release.include_annex]
    return _digest(*parts, timezone.localdate(release.released_at), text.hexdigest())


def pdf_fingerprint(
    *, kind: str, exchange: Exchange, language: str, report: Report | None = None, delegation: Delegation | None = None
) -> str:
    """What decides whether a PDF asked for now is one already made, found without rendering any HTML.

    The kind, the renderer (RENDERER_VERSION, WeasyPrint, the stylesheet), the network's name, the language,
    for a report its row, version, annex choice and date, for one delegation's agenda that delegation (so that
    a filtered agenda is never handed out for the whole one, nor one delegation's for another's), and the
    version of the exchange data the PDF shows (``pdf_data_version``: one query, three with the agenda or an
    annex, four for a delegation's agenda).
    """
    parts = [kind, settings.NETWORK_NAME, language]
    if report is not None:
        parts += [report.pk, report.version, report.include_annex, _document_date(report)]
        if report.include_feedback:
            parts += ["feedback", feedback_version(exchange)]
    elif delegation is not None:
        parts += ["delegation", delegation.pk]
    agenda = report is None or report.include_annex
    parts.append(pdf_data_version(exchange, agenda=agenda, delegation=delegation if report is None else None))
    return _digest(*parts)


# WeasyPrint 70 measures a text run that ends in a space, right before an inline element, with the space
# included; when that run only fits without the space it breaks the line after the paragraph's first word.
# Moving the space inside the inline element gives the same text and the same break opportunity.
_SPACE_BEFORE_INLINE = re.compile(r"(?<=\S) (<(?:a|strong|em|b|i|code)\b[^>]*>)")


def pdf_safe_spacing(html: str) -> str:
    return _SPACE_BEFORE_INLINE.sub(r"\1 ", html)


def _pdf_html(markdown: str) -> str:
    return mark_safe(pdf_safe_spacing(render_markdown(markdown)))  # noqa: S308 - sanitised; only a space moved


def _common_context(exchange: Exchange, language: str, title: str, document_date: date) -> dict:
    return {
        "exchange": exchange,
        "language": language,
        "title": title,
        "network_name": settings.NETWORK_NAME,
        "document_date": document_date,
        "document_date_text": date_format(document_date, "j F Y"),
        "stylesheet_url": static_url(STYLESHEET),
        "exchange_dates": date_range(exchange.start_date, exchange.end_date),
    }


def report_source(report: Report) -> RenderSource:
    """The HTML of a report's PDF (works for an unsaved report too, as the command line drafts one in memory).

    Loads the exchange with its cities and, for an annex, its agenda and delegations, once each.
    """
    exchange = pdf_exchange(report.exchange_id)
    language = report.language
    with translation.override(language):
        context = _common_context(exchange, language, report_title(exchange, language), _document_date(report))
        context["sections"] = [
            {"name": name, "heading": str(heading), "html": _pdf_html(getattr(report, name))}
            for name, heading in SECTIONS
        ]
        if report.include_feedback:
            context["feedback"] = feedback_section(exchange, language)
        if report.include_annex:
            context.update(annex_data(exchange))
            context["annex"] = True
        html = render_to_string("reports/report_pdf.html", context)
    return RenderSource("report", html, html_fingerprint("report", html), language)


def report_subtitle(exchange: Exchange, language: str) -> str:
    """The line under a report PDF's title: the host city and the dates (kept on each release)."""
    with translation.override(language):
        return _("%(city)s, %(dates)s") % {
            "city": exchange.host_city.name,
            "dates": date_range(exchange.start_date, exchange.end_date),
        }


def release_source(release: ReportRelease) -> RenderSource:
    """The HTML of a release's PDF: the release's title, header line and text, dated on the release day.

    Only an annex (delegations and agenda) is read from the exchange as it is when the PDF is made; a release's
    PDF is made once, at publication, and kept.
    """
    exchange = pdf_exchange(release.report.exchange_id)
    language = release.language
    with translation.override(language):
        context = _common_context(exchange, language, release.title, timezone.localdate(release.released_at))
        context["subtitle"] = release.subtitle
        context["release_number"] = release.number
        context["feedback"] = release_feedback_section(release)
        context["sections"] = [
            {"name": name, "heading": str(heading), "html": _pdf_html(getattr(release, name))}
            for name, heading in SECTIONS
        ]
        if release.include_annex:
            context.update(annex_data(exchange))
            context["annex"] = True
        html = render_to_string("reports/report_pdf.html", context)
    return RenderSource("release", html, html_fingerprint("release", html), language)


def agenda_source(exchange: Exchange, language: str, delegation: Delegation | None = None) -> RenderSource:
    """The printable agenda's HTML; with a delegation, only its sessions with its home time (the agenda page's
    filter)."""
    exchange = pdf_exchange(exchange.pk)
    data = annex_data(exchange, document_audience(exchange), delegation)
    changed = [exchange.updated_at, *(s.updated_at for _day, sessions in data["days"] for s in sessions)]
    with translation.override(language):
        if delegation is None:
            title = _("%(exchange)s: agenda") % {"exchange": exchange.title}
        else:
            title = _("%(exchange)s: agenda of the %(city)s delegation") % {
                "exchange": exchange.title,
                "city": delegation.city.name,
            }
        context = _common_context(exchange, language, title, timezone.localdate(max(changed)))
        context.update(data)
        context["delegation"] = delegation
        html = render_to_string("reports/agenda_pdf.html", context)
    return RenderSource("agenda", html, html_fingerprint("agenda", html), language)


def _programme_figures(programme: Programme, year: int | None, language: str) -> ProgrammeIndicators:
    with translation.override(language):
        return programme_indicators(programme, today=timezone.localdate(), year=year)


def programme_fingerprint(programme: Programme, year: int | None, language: str) -> str:
    """The figures themselves (six queries, no HTML), the day they are counted on, the language, the renderer."""
    figures = _programme_figures(programme, year, language)
    name = translated_text(programme, "name", language)
    return _digest(
        "programme",
        settings.NETWORK_NAME,
        language,
        programme.pk,
        year,
        str(name),
        timezone.localdate(),
        repr(figures.rows),
        figures.planned,
    )


def programme_source(programme: Programme, year: int | None, language: str) -> RenderSource:
    """The yearly (or whole) programme report: the indicators page's figures, dated today, in ``language``."""
    figures = _programme_figures(programme, year, language)
    with translation.override(language):
        name = str(translated_text(programme, "name", language))
        if year:
            title = _("%(programme)s: programme report %(year)s") % {"programme": name, "year": year}
        else:
            title = _("%(programme)s: programme report") % {"programme": name}
        today = timezone.localdate()
        context = {
            "language": language,
            "title": title,
            "network_name": settings.NETWORK_NAME,
            "document_date": today,
            "document_date_text": date_format(today, "j F Y"),
            "stylesheet_url": static_url(STYLESHEET),
            "figures": figures,
            "programme_dates": date_range(programme.start_date, programme.end_date),
            "pdf": True,
        }
        html = render_to_string("reports/programme_pdf.html", context)
    return RenderSource("programme", html, html_fingerprint("programme", html), language)


# WeasyPrint announces its steps on this logger; progress maps them onto 0–100.
_STEP_PROGRESS = {"1": 5, "2": 10, "3": 15, "4": 25, "6": 88, "7": 95}


class _ProgressHandler(logging.Handler):
    """Follows one render in one thread: reports progress and stops the render past its deadline."""

    def __init__(self, on_progress: Callable[[int], None] | None, deadline: float | None):
        super().__init__(level=logging.INFO)
        self.thread = threading.get_ident()
        self.on_progress = on_progress
        self.deadline = deadline
        self.pages = 0

    def emit(self, record):  # Runs inside WeasyPrint's own loop: raising here stops the render.
        if record.thread != self.thread:
            return
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise RenderTimeout
        message = record.getMessage()
        step = message[5:6] if message.startswith("Step ") else ""
        if step == "5":
            self.pages += 1
            value = 25 + int(60 * (1 - 0.9**self.pages))
        else:
            value = _STEP_PROGRESS.get(step)
        if value is not None and self.on_progress is not None:
            self.on_progress(value)


def html_to_pdf(
    html: str, *, on_progress: Callable[[int], None] | None = None, time_limit: float | None = None
) -> bytes:
    """Render HTML to a tagged A4 PDF (PDF/UA-1) through the portal's fetcher.

    Raises RenderTimeout past ``time_limit`` seconds (default REPORT_RENDER_TIME_LIMIT);
    WeasyPrint's own errors propagate.
    """
    time_limit = settings.REPORT_RENDER_TIME_LIMIT if time_limit is None else time_limit
    handler = _ProgressHandler(on_progress, time.monotonic() + time_limit if time_limit else None)
    logger = weasyprint.PROGRESS_LOGGER
    logger.addHandler(handler)
    try:
        document = weasyprint.HTML(string=html, base_url=site_url() + "/", url_fetcher=PortalURLFetcher())
        return document.write_pdf(pdf_variant="pdf/ua-1")
    finally:
        logger.removeHandler(handler)

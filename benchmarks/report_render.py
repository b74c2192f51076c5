"""Render time and peak memory of report PDFs: the demo report and a synthetic ~50-page report.

    DEBUG=true .venv/bin/python benchmarks/report_render.py [--runs 5]

Builds a throwaway test database (nothing of yours is touched), loads the Dakar–Montréal demo and
drafts its report. Each document renders in its own fresh child process (so that its peak RSS is
its own): once cold, as the first task of a new worker child, then warm, as later tasks. Not part
of `make test`: timings depend on the machine.
"""

import argparse
import io
import multiprocessing
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange_portal.settings")

import django  # noqa: E402
import weasyprint  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from pypdf import PdfReader  # noqa: E402

PARAGRAPH = (
    "During further meetings at the [Ville de Montréal](https://montreal.ca/), several institutions presented "
    "their research and expertise on P/CVE and related fields, highlighting areas of work relevant to both "
    "cities. The **International Centre for the Prevention of Crime** illustrated their international projects, "
    "including their pilot programme, which works with probation services and psychological assessment teams "
    "in the French cities of Nice, Grenoble and Lyon."
)


def _timed(html: str) -> tuple[float, bytes]:
    from reports.rendering import html_to_pdf

    started = time.perf_counter()
    pdf = html_to_pdf(html, time_limit=600)
    return time.perf_counter() - started, pdf


def _child(html: str, runs: int, queue) -> None:
    """In a fresh process: a cold render (fonts and caches loading, as a new worker child), then warm renders
    (as a worker's later tasks), then one render under tracemalloc for the Python heap's peak."""
    cold, pdf = _timed(html)
    warm = [_timed(html)[0] for _ in range(runs)]
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    _timed(html)
    _current, python_peak = tracemalloc.get_traced_memory()
    queue.put((cold, warm, len(PdfReader(io.BytesIO(pdf)).pages), len(pdf), python_peak, rss_kib))


def measure(html: str, runs: int) -> dict:
    queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(target=_child, args=(html, runs, queue))
    child.start()
    cold, warm, pages, size, python_peak, rss_kib = queue.get()
    child.join()
    return {
        "pages": pages,
        "size_kib": size / 1024,
        "cold_s": cold,
        "median_s": statistics.median(warm),
        "max_s": max(warm),
        "python_peak_mib": python_peak / 2**20,
        "rss_peak_mib": rss_kib / 1024,
    }


def _memory_child(html: str, renders: int, queue) -> None:
    """Peak RSS after 1, 50 (a worker child's life: CELERY_WORKER_MAX_TASKS_PER_CHILD) and ``renders`` renders."""
    checkpoints = {}
    for done in range(1, renders + 1):
        _timed(html)
        if done in (1, 50, renders):
            checkpoints[done] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put(checkpoints)


def memory_over_renders(html: str, renders: int) -> dict:
    queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(target=_memory_child, args=(html, renders, queue))
    child.start()
    checkpoints = queue.get()
    child.join()
    return {f"rss_after_{done}_renders_mib": kib / 1024 for done, kib in checkpoints.items()}


def _sources(exchange, paragraphs: int) -> tuple[str, str]:
    from django.contrib.auth import get_user_model

    from reports import services
    from reports.models import Report
    from reports.rendering import report_source

    staff = get_user_model().objects.get(email="staff@example.org")
    report = services.report_draft(report=services.report_get_or_create(exchange=exchange), user=staff)
    demo_html = report_source(report).html
    synthetic = Report(exchange=exchange, language="en", include_annex=True)
    for name in ("introduction", "aims", "next_steps"):
        setattr(synthetic, name, getattr(report, name))
    synthetic.summary = "\n\n".join(f"{index}. {PARAGRAPH}" for index in range(1, paragraphs + 1))
    return demo_html, report_source(synthetic).html


def run(*, exchange, size: str, runs: int = 5, paragraphs: int = 400, renders: int = 200) -> dict:
    """Figures for benchmarks/bench.py: the demo report, a ~50-page report, memory over ``renders`` renders."""
    demo_html, synthetic_html = _sources(exchange, paragraphs)
    demo, fifty = measure(demo_html, runs), measure(synthetic_html, runs)
    memory = memory_over_renders(demo_html, renders)
    return {
        "demo_render_seconds": round(demo["median_s"], 3),
        "demo_cold_render_seconds": round(demo["cold_s"], 3),
        "demo_peak_rss_mb": round(demo["rss_peak_mib"], 1),
        "fifty_page_pages": fifty["pages"],
        "fifty_page_render_seconds": round(fifty["median_s"], 3),
        "fifty_page_peak_rss_mb": round(fifty["rss_peak_mib"], 1),
        **{key: round(value, 1) for key, value in memory.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--paragraphs", type=int, default=400, help="size of the synthetic report (400: about 50 pages)"
    )
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from exchanges.demo import load_demo

        demo_html, synthetic_html = _sources(load_demo(), args.paragraphs)

        rows = [
            ("demo report", measure(demo_html, args.runs)),
            ("synthetic report", measure(synthetic_html, args.runs)),
        ]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    header = (
        f"{'document':<18}{'pages':>6}{'KiB':>8}{'cold s':>8}{'warm median s':>15}{'warm max s':>12}"
        f"{'py peak MiB':>13}{'RSS peak MiB':>14}"
    )
    print(f"WeasyPrint {weasyprint.__version__}: one cold render, then {args.runs} warm renders, in a fresh process")
    print(header)
    print("-" * len(header))
    for name, r in rows:
        print(
            f"{name:<18}{r['pages']:>6}{r['size_kib']:>8.0f}{r['cold_s']:>8.2f}{r['median_s']:>15.2f}{r['max_s']:>12.2f}"
            f"{r['python_peak_mib']:>13.1f}{r['rss_peak_mib']:>14.1f}"
        )


if __name__ == "__main__":
    main()

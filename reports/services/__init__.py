"""Writes of the reports app: drafting, editing with optimistic locking, versions, publishing and render jobs.

Split by concept (reports, versions, jobs); callers import from the package.
"""

from reports.services.jobs import (
    HARD_LIMIT_MARGIN,
    MAX_ATTEMPTS,
    render_job_dispatch,
    render_job_enqueue,
    render_job_give_up,
    render_job_request,
    render_job_run,
    render_jobs_sweep,
    report_pdf_bytes,
)
from reports.services.reports import (
    COPIED_NOTE,
    EditedSections,
    ReportExists,
    edited_sections,
    report_copy_into,
    report_draft,
    report_get_or_create,
    report_set_published,
    report_update_settings,
)
from reports.services.versions import StaleVersion, report_restore_version, report_save_section, section_heading

__all__ = [
    "COPIED_NOTE",
    "HARD_LIMIT_MARGIN",
    "MAX_ATTEMPTS",
    "EditedSections",
    "ReportExists",
    "StaleVersion",
    "edited_sections",
    "render_job_dispatch",
    "render_job_enqueue",
    "render_job_give_up",
    "render_job_request",
    "render_job_run",
    "render_jobs_sweep",
    "report_copy_into",
    "report_draft",
    "report_get_or_create",
    "report_pdf_bytes",
    "report_restore_version",
    "report_save_section",
    "report_set_published",
    "report_update_settings",
    "section_heading",
]

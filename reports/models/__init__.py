"""The reports app's models, one module per concept; import them from here."""

from reports.models.jobs import RenderJob
from reports.models.releases import ImmutableRelease, ReportRelease, SignOff, SignOffDecision
from reports.models.reports import SECTION_NAMES, SECTIONS, Report, ReportVersion

__all__ = [
    "ImmutableRelease",
    "RenderJob",
    "Report",
    "ReportRelease",
    "ReportVersion",
    "SECTION_NAMES",
    "SECTIONS",
    "SignOff",
    "SignOffDecision",
]

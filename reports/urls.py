from django.conf import settings
from django.urls import path, register_converter

from reports.views import jobs, programmes, releases, report, versions

app_name = "reports"


class ReportLanguageConverter:
    """A language code of the portal (``en``, ``fr``): never a word like ``draft`` or ``pdf``."""

    regex = "|".join(code for code, _name in settings.LANGUAGES)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ReportLanguageConverter, "report_lang")

# Each report page answers with and without the language: without it (the addresses used before reports had
# two languages), the report in the viewer's language when there is one, else the first one.
REPORT_PAGES = [
    ("", report.report_detail, "report"),
    ("draft/", report.report_draft, "draft"),
    ("sections/<str:section>/", report.section_edit, "section_edit"),
    ("settings/", report.report_settings, "settings"),
    ("publish/", releases.report_publish, "publish"),
    ("versions/", versions.version_list, "versions"),
    ("versions/<int:number>/", versions.version_detail, "version"),
    ("versions/<int:number>/restore/", versions.version_restore, "restore"),
    ("pdf/", jobs.report_pdf, "generate"),
    ("request-approval/", releases.request_approval, "request_approval"),
    ("review/", releases.review, "review"),
    ("releases/", releases.release_list, "releases"),
    ("releases/<int:number>/", releases.release_detail, "release"),
    ("releases/<int:number>/pdf/", releases.release_pdf, "release_pdf"),
    ("releases/<int:number>/withdraw/", releases.release_withdraw, "withdraw"),
]

urlpatterns = [
    path("reports/", report.report_list, name="report_list"),
    *(path(f"exchanges/<slug:slug>/report/{route}", view, name=name) for route, view, name in REPORT_PAGES),
    *(
        path(f"exchanges/<slug:slug>/report/<report_lang:lang>/{route}", view, name=name)
        for route, view, name in REPORT_PAGES
    ),
    path(
        "exchanges/<slug:slug>/report/<report_lang:lang>/copy-into/<report_lang:target>/",
        report.report_copy,
        name="copy",
    ),
    path("exchanges/<slug:slug>/report/agenda-pdf/", jobs.agenda_pdf, name="agenda_pdf"),
    path("programmes/<slug:slug>/report-pdf/", programmes.programme_pdf, name="programme_pdf"),
    path("reports/jobs/<int:job_id>/", jobs.job_detail, name="job"),
    path("reports/files/<int:job_id>/download/", jobs.job_download, name="download"),
]

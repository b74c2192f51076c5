from django.urls import path

from reports.views import jobs, report, versions

app_name = "reports"

urlpatterns = [
    path("reports/", report.report_list, name="report_list"),
    path("exchanges/<slug:slug>/report/", report.report_detail, name="report"),
    path("exchanges/<slug:slug>/report/draft/", report.report_draft, name="draft"),
    path("exchanges/<slug:slug>/report/sections/<str:section>/", report.section_edit, name="section_edit"),
    path("exchanges/<slug:slug>/report/settings/", report.report_settings, name="settings"),
    path("exchanges/<slug:slug>/report/publish/", report.report_publish, name="publish"),
    path("exchanges/<slug:slug>/report/versions/", versions.version_list, name="versions"),
    path("exchanges/<slug:slug>/report/versions/<int:number>/", versions.version_detail, name="version"),
    path("exchanges/<slug:slug>/report/versions/<int:number>/restore/", versions.version_restore, name="restore"),
    path("exchanges/<slug:slug>/report/pdf/", jobs.report_pdf, name="generate"),
    path("exchanges/<slug:slug>/report/agenda-pdf/", jobs.agenda_pdf, name="agenda_pdf"),
    path("reports/jobs/<int:job_id>/", jobs.job_detail, name="job"),
    path("reports/files/<int:job_id>/download/", jobs.job_download, name="download"),
]

"""The report page, drafting, section editing, settings and publishing."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reports import selectors, services
from reports.access import can_edit_report, can_read_report, get_report_exchange_or_404, published_reports
from reports.forms import ReportSettingsForm, SectionForm
from reports.models import SECTION_NAMES, SECTIONS, RenderJob, Report
from reports.text import render_markdown

logger = logging.getLogger(__name__)


def _report_or_404(exchange) -> Report:
    return get_object_or_404(Report, exchange=exchange)


def _sections(report: Report) -> list[dict]:
    edited = set(services.edited_sections(report))
    return [
        {
            "name": name,
            "heading": heading,
            "html": render_markdown(getattr(report, name)),
            "is_empty": not getattr(report, name).strip(),
            "edited": name in edited,
        }
        for name, heading in SECTIONS
    ]


def report_detail(request, slug):
    exchange = get_report_exchange_or_404(request.user, slug)
    report = Report.objects.filter(exchange=exchange).first()
    if not can_read_report(request.user, exchange, report):
        raise Http404
    can_edit = can_edit_report(request.user, exchange)
    context = {"exchange": exchange, "report": report, "can_edit": can_edit}
    if report is not None:
        job = selectors.latest_job(exchange=exchange, kind=RenderJob.Kind.REPORT, report=report)
        if not can_edit and job is not None and job.report_version != report.version:
            job = None
        context.update(sections=_sections(report), job=job)
        if can_edit and report.drafted_at:
            context["data_changed"] = selectors.exchange_data_changed_at(exchange) > report.drafted_at
    return render(request, "reports/report_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_draft(request, slug):
    """Draft every section (or one, with ?section=) from the exchange; ask first before replacing edits."""
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    section = request.POST.get("section") or request.GET.get("section") or ""
    if section and section not in SECTION_NAMES:
        raise Http404
    sections = [section] if section else None
    report = Report.objects.filter(exchange=exchange).first()
    targets = sections or SECTION_NAMES
    edited = [name for name in services.edited_sections(report) if name in targets] if report else []
    if request.method == "POST":
        if report is None:
            report = services.report_get_or_create(exchange=exchange, language=request.LANGUAGE_CODE)
        try:
            services.report_draft(
                report=report, user=request.user, sections=sections, replace_edited=request.POST.get("replace") == "1"
            )
        except services.EditedSections as exc:
            edited = exc.sections
        else:
            messages.success(request, _("Drafted from the exchange's data. Read it through and edit what needs it."))
            return redirect("reports:report", slug=exchange.slug)
    context = {
        "exchange": exchange,
        "report": report,
        "section": section,
        "section_heading": services.section_heading(section) if section else "",
        "edited": [services.section_heading(name) for name in edited],
    }
    return render(request, "reports/report_draft_confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, slug, section):
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    if section not in SECTION_NAMES:
        raise Http404
    report = _report_or_404(exchange)
    preview = None
    conflict = None
    status = 200
    if request.method == "POST":
        form = SectionForm(request.POST)
        if form.is_valid():
            text = form.cleaned_data["text"]
            if request.POST.get("action") == "preview":
                preview = render_markdown(text)
            else:
                try:
                    services.report_save_section(
                        report=report,
                        section=section,
                        text=text,
                        base_version=form.cleaned_data["base_version"],
                        user=request.user,
                    )
                except services.StaleVersion as exc:
                    conflict = exc.report
                    form = SectionForm({"text": text, "base_version": conflict.version})
                    form.is_valid()
                    editor = conflict.updated_by.email if conflict.updated_by else _("someone")
                    form.add_error(
                        None,
                        _(
                            "Not saved: %(editor)s saved this report (version %(version)s) while you were editing. "
                            "Your text is still below; their %(section)s is shown under it. Merge what you need, "
                            "then save again: saving now replaces their text with yours."
                        )
                        % {"editor": editor, "version": conflict.version, "section": services.section_heading(section)},
                    )
                except DatabaseError:
                    # The save is one transaction: it rolled back, every earlier version is intact.
                    logger.exception("Saving section %s of report %s failed", section, report.pk)
                    status = 503
                    form.add_error(
                        None,
                        _(
                            "Not saved: the database did not answer. Your text is still below and nothing "
                            "saved before was lost; save again in a moment."
                        ),
                    )
                else:
                    messages.success(request, _("Saved. The earlier text is kept in the version history."))
                    return redirect(f"{report.get_absolute_url()}#section-{section}")
    else:
        form = SectionForm(initial={"text": getattr(report, section), "base_version": report.version})
    context = {
        "exchange": exchange,
        "report": report,
        "section": section,
        "section_heading": services.section_heading(section),
        "form": form,
        "preview": preview,
        "conflict_html": render_markdown(getattr(conflict, section)) if conflict else None,
    }
    return render(request, "reports/section_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def report_settings(request, slug):
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    report = _report_or_404(exchange)
    form = ReportSettingsForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        services.report_update_settings(
            report=report,
            language=form.cleaned_data["language"],
            include_annex=form.cleaned_data["include_annex"],
            user=request.user,
        )
        messages.success(request, _("Report settings saved. Draft again to write the text in the new language."))
        return redirect("reports:report", slug=exchange.slug)
    return render(request, "reports/report_settings.html", {"exchange": exchange, "report": report, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def report_publish(request, slug):
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    report = _report_or_404(exchange)
    if request.method == "POST":
        publish = request.POST.get("publish") == "1"
        services.report_set_published(report=report, published=publish, user=request.user)
        if publish:
            messages.success(request, _("Published: everyone who can see the exchange can now read and download it."))
        else:
            messages.success(request, _("Unpublished: only the report's editors can see it now."))
        return redirect("reports:report", slug=exchange.slug)
    return render(request, "reports/report_publish_confirm.html", {"exchange": exchange, "report": report})


def report_list(request):
    """Published reports the visitor may see; for anonymous visitors, those of public exchanges."""
    reports = (
        published_reports(request.user)
        .select_related("exchange__host_city", "exchange__programme")
        .prefetch_related("exchange__visiting_cities")
        .order_by("-exchange__start_date", "pk")
    )
    page = Paginator(reports, 20).get_page(request.GET.get("page"))
    return render(request, "reports/report_list.html", {"page": page})

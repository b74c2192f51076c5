"""The report page, drafting, section editing, settings and publishing."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cities.access import can_edit_city_record, is_staff
from cities.models import City, Organisation
from exchanges.access import can_edit_exchange
from exchanges.models import Exchange, NextStep, Objective, Programme, Session
from participants.models import Person
from participants.selectors import author_label
from reports import selectors, services
from reports.access import (
    approver_city_ids,
    can_edit_report,
    current_release,
    get_report_exchange_or_404,
    get_report_or_404,
    pick_report,
    published_reports,
    readable_reports,
)
from reports.drafting import MissingText, draft, shared_learning_notes
from reports.feedback import feedback_section
from reports.forms import ReportSettingsForm, SectionForm
from reports.models import SECTION_NAMES, SECTIONS, RenderJob, Report, ReportRelease
from reports.text import render_markdown

# Spelled out per language: a language's name reads differently inside a sentence ("en français").
COPY_INTO = {
    "en": gettext_lazy("Copy into English as the start of its translation"),
    "fr": gettext_lazy("Copy into French as the start of its translation"),
}
READ_IN = {
    "en": gettext_lazy("Read this report in English"),
    "fr": gettext_lazy("Read this report in French"),
}
COPIED_FROM = {
    "en": gettext_lazy("Started as a copy of the English version."),
    "fr": gettext_lazy("Started as a copy of the French version."),
}
NO_REPORT_IN = {
    "en": gettext_lazy("No summary report in English yet."),
    "fr": gettext_lazy("No summary report in French yet."),
}
MISSING_IN = {
    "en": gettext_lazy("Texts not yet in English"),
    "fr": gettext_lazy("Texts not yet in French"),
}
LANGUAGE_NAMES = dict(settings.LANGUAGES)

logger = logging.getLogger(__name__)


def _copy_label(language: str) -> str:
    return COPY_INTO.get(language) or _("Copy into %(language)s as the start of its translation") % {
        "language": LANGUAGE_NAMES[language]
    }


def _read_in_label(language: str) -> str:
    return READ_IN.get(language) or _("Read this report in %(language)s") % {"language": LANGUAGE_NAMES[language]}


def _sections(text: Report | ReportRelease, *, language: str, edited=()) -> list[dict]:
    """The four sections of a draft (a Report) or of a release, with their headings in the report's language."""
    with translation.override(language):  # the report's headings go with its text, as in its PDF
        headings = {name: str(heading) for name, heading in SECTIONS}
    return [
        {
            "name": name,
            "heading": headings[name],
            "ui_heading": dict(SECTIONS)[name],
            "html": render_markdown(getattr(text, name)),
            "is_empty": not getattr(text, name).strip(),
            "edited": name in edited,
        }
        for name in SECTION_NAMES
    ]


def _page_language(request, report: Report | None, lang: str | None) -> str:
    """The report's language, else the one in the URL, else the viewer's."""
    return report.language if report is not None else lang or request.LANGUAGE_CODE


def _other_versions(reports: list[Report], language: str) -> list[dict]:
    return [
        {"report": other, "label": _read_in_label(other.language)} for other in reports if other.language != language
    ]


def _empty_context(reports: list[Report], language: str, *, named: bool) -> dict:
    """An editor's page for a language without a report: draft it, or copy another language's version."""
    others = [other for other in reports if other.language != language]
    return {
        "empty_title": NO_REPORT_IN.get(language, "") if named else "",
        "copy_sources": [{"report": other, "label": _copy_label(language)} for other in others],
    }


def _release_job(release: ReportRelease | None) -> RenderJob | None:
    """The latest PDF job of the release readers read."""
    return (
        release.jobs.select_related("exchange", "release").order_by("-created_at", "-pk").first() if release else None
    )


def _copied_from(report: Report, reports: list[Report]) -> dict | None:
    original = next((other for other in reports if other.pk == report.translation_of_id), None)
    if original is None:
        return None
    return {"report": original, "label": COPIED_FROM.get(original.language, "")}


def _fix_url(user, exchange, obj) -> str:
    """Where this user edits the text ``obj`` lacks, or "" where they may not."""
    if isinstance(obj, Exchange | Objective | Session | NextStep):
        if not can_edit_exchange(user, exchange):
            return ""
        if isinstance(obj, Exchange):
            return reverse("exchanges:exchange_edit", args=[exchange.slug])
        name = {Objective: "objective_edit", Session: "session_edit", NextStep: "next_step_edit"}[type(obj)]
        return reverse(f"exchanges:{name}", args=[exchange.slug, obj.pk])
    if isinstance(obj, Programme):
        return reverse("exchanges:programme_edit", args=[obj.slug]) if is_staff(user) else ""
    if isinstance(obj, Person | Organisation) and can_edit_city_record(user, obj.city_id):
        name = "participants:person_edit" if isinstance(obj, Person) else "cities:organisation_edit"
        return reverse(name, args=[obj.pk])
    if isinstance(obj, City) and can_edit_city_record(user, obj.pk):
        return reverse("cities:city_edit", args=[obj.slug])
    return ""


def _missing_context(user, exchange, language: str) -> dict:
    """What a draft in ``language`` lacks (the placeholders it puts in), each with where to fix it."""
    missing: list[MissingText] = draft(selectors.draft_data(exchange), language).missing
    return {
        "missing_heading": MISSING_IN.get(language, ""),
        "missing_texts": [{"label": item.label, "url": _fix_url(user, exchange, item.obj)} for item in missing],
    }


def _editor_context(request, exchange, report: Report, reports: list[Report]) -> dict:
    existing = {other.language for other in reports}
    state = services.sign_off_state(report)
    context = {
        "copy_targets": [
            {"language": code, "label": _copy_label(code)} for code, _name in settings.LANGUAGES if code not in existing
        ],
        "sign_off": state,
        "changes_requested": state.changes_requested,
        "can_review": state.pending
        and not state.stale
        and bool(approver_city_ids(request.user, exchange) - set(state.approvals)),
    }
    if report.drafted_at:
        context["data_changed"] = selectors.exchange_data_changed_at(exchange) > report.drafted_at
    return context


def report_detail(request, slug, lang=None):
    """One language's report; without a language in the URL, the viewer's language if there is one, else the first.

    Editors who ask for a language without a report get the empty state, to draft it or copy another version.
    """
    exchange = get_report_exchange_or_404(request.user, slug)
    can_edit = can_edit_report(request.user, exchange)
    reports = readable_reports(request.user, exchange)
    report = pick_report(reports, language=lang, preferred=request.LANGUAGE_CODE)
    if report is None and not (can_edit and (lang or not reports)):
        raise Http404
    language = _page_language(request, report, lang)
    context = {
        "exchange": exchange,
        "report": report,
        "can_edit": can_edit,
        "language": language,
        "other_versions": _other_versions(reports, language),
    }
    if can_edit:
        context.update(_missing_context(request.user, exchange, language))
    if report is None:
        context.update(_empty_context(reports, language, named=bool(lang)))
        return render(request, "reports/report_detail.html", context)
    release = current_release(report)
    context["release"] = release
    if can_edit:
        # Editors work on the draft; the banner names the release readers see meanwhile.
        edited = services.edited_sections(report)
        context.update(
            sections=_sections(report, language=report.language, edited=edited),
            job=selectors.latest_job(exchange=exchange, kind=RenderJob.Kind.REPORT, report=report),
            release_job=_release_job(release),
            feedback=feedback_section(exchange, report.language) if report.include_feedback else None,
        )
        context.update(_editor_context(request, exchange, report, reports))
    else:
        # Readers read the current release, never the draft (readable_reports offers them published reports only).
        context.update(sections=_sections(release, language=report.language), job=_release_job(release))
    if report.translation_of_id:
        context["copied_from"] = _copied_from(report, reports)
    return render(request, "reports/report_detail.html", context)


def _draft_section(request) -> str:
    """The one section to draft (``?section=``), or "" for all four; 404 for a name that is not a section."""
    section = request.POST.get("section") or request.GET.get("section") or ""
    if section and section not in SECTION_NAMES:
        raise Http404
    return section


def _edited_among(report: Report | None, targets) -> list[str]:
    return [name for name in services.edited_sections(report) if name in targets] if report else []


def _draft_confirm(request, exchange, report: Report | None, *, language: str, section: str, edited: list[str]):
    """The page that asks before drafting, naming the edited sections a draft would replace."""
    context = {
        "exchange": exchange,
        "report": report,
        "language": language,
        "section": section,
        "section_heading": services.section_heading(section) if section else "",
        "edited": [services.section_heading(name) for name in edited],
    }
    return render(request, "reports/report_draft_confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_draft(request, slug, lang=None):
    """Draft every section (or one, with ?section=) from the exchange; ask first before replacing edits.

    Drafting a language that has no report yet starts that language's report.
    """
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    section = _draft_section(request)
    sections = [section] if section else None
    report = pick_report(readable_reports(request.user, exchange), language=lang, preferred=request.LANGUAGE_CODE)
    language = _page_language(request, report, lang)
    edited = _edited_among(report, sections or SECTION_NAMES)
    if request.method == "POST":
        report = report or services.report_get_or_create(exchange=exchange, language=language)
        try:
            services.report_draft(
                report=report, user=request.user, sections=sections, replace_edited=request.POST.get("replace") == "1"
            )
        except services.EditedSections as exc:
            edited = exc.sections
        else:
            messages.success(request, _("Drafted from the exchange's data. Read it through and edit what needs it."))
            return redirect(report.get_absolute_url())
    return _draft_confirm(request, exchange, report, language=language, section=section, edited=edited)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, slug, section, lang=None):
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    if section not in SECTION_NAMES:
        raise Http404
    report = get_report_or_404(request, exchange, lang)
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
                    editor = author_label(conflict.updated_by, request.user) or _("someone")
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
        "shared_notes": shared_learning_notes(exchange),
    }
    return render(request, "reports/section_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def report_settings(request, slug, lang=None):
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    report = get_report_or_404(request, exchange, lang)
    form = ReportSettingsForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        services.report_update_settings(
            report=report,
            language=form.cleaned_data["language"],
            include_annex=form.cleaned_data["include_annex"],
            include_feedback=form.cleaned_data["include_feedback"],
            user=request.user,
        )
        messages.success(request, _("Report settings saved. Draft again to write the text in the new language."))
        return redirect(report.get_absolute_url())
    return render(request, "reports/report_settings.html", {"exchange": exchange, "report": report, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def report_copy(request, slug, lang, target):
    """Copy one language's report into a new report in ``target``, as the start of its translation."""
    exchange = get_report_exchange_or_404(request.user, slug, edit=True)
    report = get_report_or_404(request, exchange, lang)
    if target == report.language:
        raise Http404
    existing = Report.objects.filter(exchange=exchange, language=target).first()
    if existing is not None:
        messages.info(request, _("This report already exists in that language: here it is."))
        return redirect(existing.get_absolute_url())
    if request.method == "POST":
        try:
            copy = services.report_copy_into(report=report, language=target, user=request.user)
        except services.ReportExists as exc:
            return redirect(exc.report.get_absolute_url())
        messages.success(request, _("Copied. Translate each section, then publish this version when it is ready."))
        return redirect(copy.get_absolute_url())
    context = {"exchange": exchange, "report": report, "target": target, "label": _copy_label(target)}
    return render(request, "reports/report_copy_confirm.html", context)


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

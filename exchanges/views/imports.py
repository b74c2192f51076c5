"""Import pages: upload a file, see every row with its problems next to it, import all rows at once.

The upload shows a preview; when every row is valid the preview carries the rows, signed, to its Import button,
which checks them again and imports them in one transaction (nothing is imported while one row has a problem).
Sessions: the exchange's editors (``get_exchange_for_user_or_404(edit=True)``). People and organisations: staff
and coordinators (``require_manager``), each row within ``can_edit_city_record``.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from cities.access import require_manager
from core.text import ascii_filename
from exchanges.access import get_exchange_for_user_or_404
from exchanges.imports.directory import IMPORTS
from exchanges.imports.files import MAX_BYTES, MAX_ROWS, FileRefused, read_table
from exchanges.imports.sessions import SessionImport

FORMATS = ("csv", "xlsx")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (CSV or XLSX)"),
        help_text=lazy(lambda: _("At most 1 MB and %(rows)d rows.") % {"rows": MAX_ROWS}, str)(),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


def _rows(importer, table, results):
    """The preview's rows: each cell with whether it has a problem, and the row's problems worded."""
    rows = []
    for result in results:
        cells = [(result.values.get(name, ""), result.has_error(name)) for name in table.columns if name]
        problems = [
            _("%(column)s: %(problem)s") % {"column": column, "problem": message} if column else message
            for column, message in result.errors
        ]
        rows.append({"number": result.number, "cells": cells, "problems": problems, "ok": result.ok})
    return rows


def _import_page(request, importer, *, done_url, context):
    confirming = request.method == "POST" and "payload" in request.POST
    form, table, results, refusal = _checked(request, importer, confirming=confirming)
    if results is not None and confirming and all(result.ok for result in results):
        saved = importer.save(results)
        messages.success(
            request,
            ngettext("%(count)d row imported.", "%(count)d rows imported.", len(saved)) % {"count": len(saved)},
        )
        return redirect(done_url)
    context = {
        **context,
        "importer": importer,
        "form": form,
        "max_size": f"{MAX_BYTES // (1024 * 1024)} MB",
        "max_rows": MAX_ROWS,
        "formats": FORMATS,
        "refusal": refusal,
    }
    if results is not None:
        context.update(_preview(importer, table, results))
    return render(request, "exchanges/imports/import.html", context)


def _checked(request, importer, *, confirming: bool):
    """The form, and what the uploaded file (or, on confirming, the file checked before) holds: its table, each
    row's check, and the reason a confirmed file is refused (an upload's reason goes on the form's field)."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return form, None, None, None
    table = None
    try:
        if confirming:
            form = UploadForm()
            table = importer.unsign(request.POST["payload"])
        elif form.is_valid():
            table = read_table(form.cleaned_data["file"])
        results = importer.check(table) if table is not None else None
    except FileRefused as error:
        if confirming:
            return form, None, None, error.message
        form.add_error("file", error.message)
        return form, None, None, None
    return form, table, results, None


def _preview(importer, table, results) -> dict:
    """The checked rows, and the signed table to confirm when no row has a problem."""
    bad = [result for result in results if not result.ok]
    return {
        "table": table,
        "rows": _rows(importer, table, results),
        "bad_rows": bad,
        "payload": importer.sign(table) if not bad else "",
        "columns": [name for name in table.columns if name],
    }


def _example(importer, file_format, name):
    if file_format not in FORMATS:
        raise Http404
    content, content_type = importer.example_file(file_format)
    response = HttpResponse(content, content_type=content_type)
    filename = ascii_filename(name, fallback=importer.kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def session_import(request, slug):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    importer = SessionImport(user=request.user, exchange=exchange)
    return _import_page(
        request,
        importer,
        done_url=reverse("exchanges:builder", kwargs={"slug": exchange.slug}),
        context={
            "exchange": exchange,
            "examples": [
                (fmt, reverse("exchanges:session_import_example", kwargs={"slug": exchange.slug, "file_format": fmt}))
                for fmt in FORMATS
            ],
        },
    )


@login_required
def session_import_example(request, slug, file_format):
    exchange = get_exchange_for_user_or_404(request.user, slug, edit=True)
    return _example(SessionImport(user=request.user, exchange=exchange), file_format, f"sessions-{exchange.slug}")


DONE = {"people": "participants:person_list", "organisations": "cities:organisation_list"}
EXAMPLES = {"people": "exchanges:people_import_example", "organisations": "exchanges:organisation_import_example"}


@login_required
@require_http_methods(["GET", "POST"])
def directory_import(request, kind):
    require_manager(request.user)
    if kind not in IMPORTS:
        raise Http404
    importer = IMPORTS[kind](user=request.user)
    return _import_page(
        request,
        importer,
        done_url=reverse(DONE[kind]),
        context={"examples": [(fmt, reverse(EXAMPLES[kind], kwargs={"file_format": fmt})) for fmt in FORMATS]},
    )


@login_required
def directory_import_example(request, kind, file_format):
    require_manager(request.user)
    if kind not in IMPORTS:
        raise Http404
    return _example(IMPORTS[kind](user=request.user), file_format, kind)

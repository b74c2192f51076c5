"""Creating a record from the form field that needs it ("New person" beside a presenters picker).

A create page (person, venue, organisation, city) opened from a field's link carries two query parameters:
``next``, the form to return to, and ``field``, the name of the field that wants the new record. With
JavaScript the page opens in a ``<dialog>`` (an htmx request): on success it answers 204 with an
``HX-Trigger`` event, ``picker-created``, giving the new record's value and label, and ``static/js/pickers.js``
adds it to the picker and selects it. Without JavaScript it is a normal page: on success it redirects to
``next`` with ``<field>=<id>`` added to the query string, and the form view takes that as the field's initial
value (``picked_initial``), so the form comes back with the new record chosen.

``next`` must be an address of this site (``url_has_allowed_host_and_scheme``); anything else is ignored
and the page ends as it did before.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import trigger_client_event

FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
EVENT = "picker-created"
# Larger ids exist in no table (and SQLite cannot even compare them).
MAX_ID = 2**63 - 1


def next_url(request) -> str:
    """The validated ``next`` of the request (GET or POST), or ``""``."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False):
        return url
    return ""


def field_name(request) -> str:
    name = request.POST.get("field") or request.GET.get("field") or ""
    return name if FIELD_NAME.match(name) else ""


def is_dialog(request) -> bool:
    """An htmx request for the form alone, to show in a dialog."""
    return bool(getattr(request, "htmx", False)) and not request.htmx.boosted


def dialog_prefix(request, name: str) -> str | None:
    """The prefix of a create form shown in a dialog over another form: its ids (``id_venue-kind``) must not
    repeat the ids of the form under it, where a label would then name the other form's field."""
    return name if is_dialog(request) else None


def with_value(url: str, name: str, value) -> str:
    """``url`` with ``name=value`` added to its query string (a value already there is kept once)."""
    parts = urlsplit(url)
    query = [(key, item) for key, item in parse_qsl(parts.query, keep_blank_values=True)]
    if (name, str(value)) not in query:
        query.append((name, str(value)))
    return urlunsplit(parts._replace(query=urlencode(query)))


def created_response(request, obj, label: str):
    """The answer to a successful create opened from a field, or None if it was not opened from one.

    A dialog gets 204 and the ``picker-created`` event; a page with a valid ``next`` a redirect there with the
    new record chosen in ``field``.
    """
    if is_dialog(request):
        response = HttpResponse(status=204)
        return trigger_client_event(response, EVENT, {"value": str(obj.pk), "label": label})
    url, name = next_url(request), field_name(request)
    if url and name:
        return redirect(with_value(url, name, obj.pk))
    if url:
        return redirect(url)
    return None


def from_field_context(request) -> dict:
    """What a create page's template needs to return to the form: the dialog flag, ``next`` and ``field``."""
    return {"dialog": is_dialog(request), "next_url": next_url(request), "field_name": field_name(request)}


def _ids(values) -> list[int]:
    # isascii: str.isdigit() also accepts digits such as "²" that int() refuses.
    return [int(value) for value in values if value.isascii() and value.isdigit() and int(value) <= MAX_ID][:200]


def picked_initial(request, *, single=(), multiple=(), instance=None) -> dict:
    """Initial values of a form's picker fields from the query string (``?presenters=12``).

    A multiple field keeps the instance's own values and adds the picked ones; ids that the field does not
    offer are dropped by the field itself when the form is shown and refused when it is posted.
    """
    initial = {}
    for name in single:
        ids = _ids(request.GET.getlist(name))
        if ids:
            initial[name] = ids[-1]
    for name in multiple:
        ids = _ids(request.GET.getlist(name))
        if ids:
            own = list(getattr(instance, name).values_list("pk", flat=True)) if instance and instance.pk else []
            initial[name] = [*own, *(pk for pk in ids if pk not in own)]
    return initial


def offer_create(request, form, name: str, url: str, text, *, back: str = "", **query) -> None:
    """Put a "New …" link (``text``) to the create page ``url`` beside the field ``name`` of ``form``.

    The link returns to this page (``next``) with the new record chosen in this field (``field``);
    ``back`` is the page to return to when it is not this one (a form posted elsewhere); ``query`` adds
    parameters for the create page (e.g. the city a new venue is in). The field template
    (templates/includes/field.html) shows it; ``static/js/pickers.js`` opens it in a dialog.
    """
    if name not in form.fields:
        return
    html_name = form[name].html_name
    params = {**{key: value for key, value in query.items() if value}, "next": back or request.get_full_path()}
    params["field"] = html_name
    form.fields[name].create_link = {"href": f"{url}?{urlencode(params)}", "text": text}

"""Reads of the change history: entries of several historical tables, merged and paginated."""

import heapq
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from exchanges.models import Delegation, Membership
from reports.models import Report

# Fields whose changes say nothing to a reader.
QUIET_FIELDS = {"id", "updated_at", "created_at", "sequence", "uid"}


def _name(related) -> str:
    return related.name if related is not None else "?"


# How to name a historical row without loading anything per row: relations to
# select with the rows, and a label made from them. Others use their own text.
LABELS = {
    Delegation: (["city"], lambda record: _("%(city)s delegation") % {"city": _name(record.city)}),
    Report: ([], lambda record: _("Summary report (%(language)s)") % {"language": record.get_language_display()}),
    Membership: (
        ["person", "delegation__city"],
        lambda record: f"{_name(record.person)} – {_name(record.delegation.city if record.delegation else None)}",
    ),
}


def _label(record) -> str:
    labeller = LABELS.get(record.instance_type)
    if labeller is not None:
        return labeller[1](record)
    for attribute in ("title", "name", "lead", "text"):
        value = getattr(record, attribute, "")
        if value:
            return value if len(value) <= 120 else value[:119] + "…"
    return f"#{record.id}"


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    record: object
    kind: str
    label: str
    changes: list[Change] = field(default_factory=list)

    @property
    def object_label(self) -> str:
        return str(self.record.instance_type._meta.verbose_name).capitalize()


def _show(model_field, value) -> str:
    if value is None or value == "":
        return "—"
    if model_field.is_relation:
        return f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    # Booleans, dates and times read in the reader's language ("Oui", "15 décembre 2017"), not as Python prints them.
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    text = str(value)
    return text if len(text) <= 300 else text[:299] + "…"


def _changes(previous, record) -> list[Change]:
    model = record.instance_type
    result = []
    for model_field in model._meta.concrete_fields:
        if model_field.attname in QUIET_FIELDS or not hasattr(record, model_field.attname):
            continue
        old = getattr(previous, model_field.attname) if previous is not None else None
        new = getattr(record, model_field.attname)
        if old != new and not (previous is None and new in (None, "")):
            result.append(
                Change(str(model_field.verbose_name).capitalize(), _show(model_field, old), _show(model_field, new))
            )
    return result


def history_page(sources: list[tuple[type, Q]], page_number, *, per_page: int = 30):
    """A page of history entries, newest first, from (tracked model, filter on its history) pairs.

    Runs 1 query per source to order the entries, then 1 per source that has
    entries on the page (those records and their predecessors), whatever the
    number of entries.
    """
    streams = []
    for index, (model, condition) in enumerate(sources):
        rows = (
            model.history.filter(condition)
            .order_by("-history_date", "-history_id")
            .values_list("history_date", "history_id")
        )
        streams.append([(date, history_id, index) for date, history_id in rows])
    keys = heapq.merge(*streams, key=lambda key: (key[0], key[1]), reverse=True)
    page = Paginator(list(keys), per_page).get_page(page_number)
    wanted: dict[int, set[int]] = {}
    for _date, history_id, index in page.object_list:
        wanted.setdefault(index, set()).add(history_id)
    entries = {}
    for index, history_ids in wanted.items():
        model, condition = sources[index]
        history = model.history.model
        object_ids = history.objects.filter(history_id__in=history_ids).values("id")
        records = (
            history.objects.filter(condition, id__in=object_ids)
            .select_related("history_user__person", *LABELS.get(model, ([], None))[0])
            .order_by("id", "history_date", "history_id")
        )
        previous = None
        for record in records:
            if previous is not None and previous.id != record.id:
                previous = None
            if record.history_id in history_ids:
                entries[(index, record.history_id)] = Entry(
                    record=record,
                    kind=record.history_type,
                    label=_label(record),
                    changes=[] if record.history_type == "-" else _changes(previous, record),
                )
            previous = record
    page.object_list = [entries[(index, history_id)] for _date, history_id, index in page.object_list]
    return page

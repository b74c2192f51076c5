"""How a recorded agenda change reads, in the language active when it is read.

``exchanges.services`` records each change as raw values (``AgendaChange.changes``: a list of
``{"field", "old", "new"}`` with UTC ISO datetimes, ids and names, texts in every language they
have); the digest words them for each recipient at send time: field names in their language, times
in the host city's time zone and in the recipient's home zone, formatted as their locale writes
them ("09:00", "9 h 00"). Rows recorded before the structured form keep their ``summary`` text.
"""

from datetime import datetime

from django.conf import settings
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from exchanges.agenda import SessionTimes, Zone, ZonedRange, session_times
from exchanges.models import AgendaChange, Session

MISSING = "—"
RESTRICTED = Session.Confidentiality.RESTRICTED


def stored_texts(instance, name: str) -> dict[str, str]:
    """A text in every language it is stored in ({"en": …, "fr": …} for translated fields, which keep a column
    per language as ``<name>_<code>``); {"": text} for a text kept in one unnamed language."""
    texts = {
        code: getattr(instance, f"{name}_{code}") or ""
        for code, _name in settings.LANGUAGES
        if hasattr(instance, f"{name}_{code}")
    }
    return texts or {"": getattr(instance, name) or ""}


def _language_marks() -> dict[str, str]:
    return {"en": _("in English"), "fr": _("in French")}


def text_in_language(texts: dict | None) -> str:
    """A recorded text in the reader's language; else in another one, marked as such ("… (in English)")."""
    texts = texts or {}
    language = (get_language() or "").split("-")[0]
    if texts.get(language):
        return texts[language]
    for code, text in texts.items():
        if text:
            mark = _language_marks().get(code)
            return _("%(text)s (%(language)s)") % {"text": text, "language": mark} if mark else text
    return ""


def _names(items: list | None) -> str:
    return ", ".join(item["name"] for item in items or []) or MISSING


def _organisations(items: list | None) -> str:
    names = []
    for item in items or []:
        name, acronym = text_in_language(item.get("name")), text_in_language(item.get("acronym"))
        names.append(f"{name} ({acronym})" if acronym else name)
    return ", ".join(names) or MISSING


def _kind(value: str | None) -> str:
    return Session.Kind(value).label if value in Session.Kind.values else (value or MISSING)


def _confidentiality(value: str | None) -> str:
    choices = Session.Confidentiality
    return choices(value).label if value in choices.values else (value or MISSING)


def _zoned(when: dict, zone: Zone) -> ZonedRange:
    start, end = datetime.fromisoformat(when["start"]), datetime.fromisoformat(when["end"])
    return ZonedRange(start.astimezone(zone.tz), end.astimezone(zone.tz), zone.label)


def _range_text(zoned: ZonedRange, *, with_day: bool) -> str:
    if zoned.spans_days:
        return f"{zoned.start_day} {zoned.start_time} – {zoned.end_day} {zoned.end_time}"
    if with_day:
        return f"{zoned.start_day}, {zoned.start_time}–{zoned.end_time}"
    return f"{zoned.start_time}–{zoned.end_time}"


def _moved(old: ZonedRange, new: ZonedRange, *, with_day: bool) -> str:
    return f"{_range_text(old, with_day=with_day)} → {_range_text(new, with_day=with_day)} {new.time_label}"


def _when_line(old: dict, new: dict, host: Zone, home: Zone | None) -> str:
    """ "Time: 09:00–10:00 → 10:00–11:00 Montréal time · 13:00–14:00 → 14:00–15:00 Dakar time".

    Days are named on both sides of the arrow when the day changes or a side runs past midnight (the
    label then says "Day and time"); the home part names them too when its day is not the host's.
    """
    host_old, host_new = _zoned(old, host), _zoned(new, host)
    day_changed = host_old.start.date() != host_new.start.date()
    host_days = day_changed or host_old.spans_days or host_new.spans_days
    value = _moved(host_old, host_new, with_day=host_days)
    if home is not None and any(
        session_times(datetime.fromisoformat(w["start"]), datetime.fromisoformat(w["end"]), host, home).home
        for w in (old, new)
    ):
        home_old, home_new = _zoned(old, home), _zoned(new, home)
        home_days = (
            host_days
            or home_old.spans_days
            or home_new.spans_days
            or any(h.start.date() != z.start.date() for h, z in ((home_old, host_old), (home_new, host_new)))
        )
        value += " · " + _moved(home_old, home_new, with_day=home_days)
    label = pgettext("agenda change", "Day and time") if host_days else pgettext("agenda change", "Time")
    return field_line(label, value)


def field_line(label: str, value: str) -> str:
    return _("%(field)s: %(value)s") % {"field": label, "value": value}


def _item_line(item: dict, host: Zone, home: Zone | None) -> str:
    field, old, new = item.get("field"), item.get("old"), item.get("new")
    if field == "when":
        return _when_line(old, new, host, home)
    if field == "description":
        return _("Description updated.")
    words = {
        "title": (pgettext("agenda change", "Title"), text_in_language),
        "kind": (pgettext("agenda change", "Kind"), _kind),
        "confidentiality": (pgettext("agenda change", "Confidentiality"), _confidentiality),
        "venue": (pgettext("agenda change", "Venue"), lambda venue: venue["name"] if venue else MISSING),
        "presenters": (pgettext("agenda change", "Presenters"), _names),
        "organisations": (pgettext("agenda change", "Organisations"), _organisations),
        "attending": (
            pgettext("agenda change", "Attending"),
            lambda delegations: ", ".join(d["city"] for d in delegations or []) or _("all delegations"),
        ),
    }
    if field not in words:
        return ""
    label, word = words[field]
    return field_line(label, f"{word(old)} → {word(new)}")


class ChangeWording:
    """One recorded change as a recipient reads it: worded when the template reads it, so in the language
    active then (the digest renders each recipient's e-mail in their language).

    ``times``: the session's current times when it still exists, else the recorded ones.
    """

    def __init__(self, change: AgendaChange, *, host: Zone, home: Zone | None, times: SessionTimes | None = None):
        self.change, self.host, self.home, self._times = change, host, home, times
        self.items = {item.get("field"): item for item in change.changes or []}

    @property
    def title(self) -> str:
        """The session's title in the reader's language: as recorded with the change (added, removed, renamed),
        else as the session reads now; a change recorded before the structured form keeps the title it had."""
        secret = self.items.get("confidentiality", {})
        if self.change.action == AgendaChange.Action.REMOVED and secret.get("old") == RESTRICTED:
            return _("Busy")  # as those who do not attend it saw it
        item = self.items.get("title")
        recorded = item and (item.get("new") or item.get("old"))
        if recorded:
            return text_in_language(recorded)
        session = getattr(self.change, "current_session", None)
        if session is None or not self.change.changes:
            return self.change.session_title
        return text_in_language(stored_texts(session, "title"))

    @property
    def times(self) -> SessionTimes | None:
        if self._times is not None:
            return self._times
        item = self.items.get("when")
        when = item and (item.get("new") or item.get("old"))
        if not when:
            return None
        return session_times(
            datetime.fromisoformat(when["start"]), datetime.fromisoformat(when["end"]), self.host, self.home
        )

    @property
    def lines(self) -> list[str]:
        change = self.change
        if not change.changes:
            return [line for line in change.summary.splitlines() if line.strip()]  # recorded before: as written
        if change.action == AgendaChange.Action.ADDED:
            venue = self.items.get("venue", {}).get("new")
            return [field_line(pgettext("agenda change", "Venue"), venue["name"])] if venue else []
        if change.action == AgendaChange.Action.REMOVED:
            return []
        return [line for item in change.changes if (line := _item_line(item, self.host, self.home))]

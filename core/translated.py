"""Texts stored per language (modeltranslation's ``title_en``/``title_fr``), read honestly.

A reader gets their language. Where a text lacks it, the other language is given *marked*: pages wrap it in
an element with ``lang="en"`` (for screen readers and hyphenation) followed by a visible "(in English)" in
the reader's language; feeds and e-mails get the text with its language, or the same visible marker. Never
silently: modeltranslation's own fallback (``obj.title``) does not say which language it returned, so every
place that shows a person's text to a reader goes through ``translated_text`` (Python) or the ``translated``
template tags (``core/templatetags/translated.py``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, pgettext

from core.markdown import render_markdown

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def reader_language(language: str | None = None) -> str:
    """The given language, or the active one, reduced to one of LANGUAGES ("fr-ca" -> "fr")."""
    code = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def _value(obj, field: str, language: str) -> str:
    value = getattr(obj, f"{field}_{language}", None)
    return value if value and value.strip() else ""


def has_translation(obj, field: str, language: str) -> bool:
    """True when the text ``field`` of ``obj`` exists in ``language`` (empty or blank does not count)."""
    return bool(_value(obj, field, language))


@dataclass(frozen=True)
class Text:
    """One text as a reader gets it: its words, the language they are in, and whether that is not theirs."""

    text: str
    language: str
    reader: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.reader

    def __str__(self) -> str:
        return self.text

    def marker(self) -> str:
        """The visible mark of a fallback, in the reader's language: "in English", "en anglais"; else ""."""
        if not self.is_fallback:
            return ""
        return language_mark(self.language)

    def with_marker(self) -> str:
        """Plain text for e-mails and PDFs: the text, then "(in English)" when it is not in the reader's language."""
        if not self.is_fallback:
            return self.text
        return gettext("%(text)s (%(mark)s)") % {"text": self.text, "mark": self.marker()}


def language_mark(language: str) -> str:
    """ "in English" / "in French", worded in the active language."""
    marks = {
        "en": pgettext("text shown in another language", "in English"),
        "fr": pgettext("text shown in another language", "in French"),
    }
    return marks.get(language, language)


def translated_text(obj, field: str, language: str | None = None) -> Text:
    """The text ``field`` of ``obj`` in ``language`` (default: the active one), else in the other language.

    Returns a ``Text`` that says which language its words are in; an empty ``Text`` when no language has it.
    """
    reader = reader_language(language)
    for candidate in (reader, *(code for code in LANGUAGE_CODES if code != reader)):
        value = _value(obj, field, candidate)
        if value:
            return Text(value, candidate, reader)
    return Text("", reader, reader)


def translated_html(obj, field: str, *, markdown: bool = False, language: str | None = None) -> SafeString:
    """Safe HTML of one text for the reader: escaped (or rendered Markdown), wrapped and marked when a fallback.

    Inline texts become ``<span lang="en">…</span> <span class="lang-mark">(en anglais)</span>``; Markdown
    texts a ``<div lang="en">`` followed by a ``<p class="lang-mark">``.
    """
    text = translated_text(obj, field, language)
    body = render_markdown(text.text) if markdown else escape(text.text)
    if not text.is_fallback:
        return mark_safe(body)  # noqa: S308 - escaped or sanitised just above
    if markdown:
        return format_html(
            '<div lang="{}" class="lang-fallback">{}</div><p class="lang-mark">({})</p>',
            text.language,
            body,
            text.marker(),
        )
    return format_html(
        '<span lang="{}" class="lang-fallback">{}</span> <span class="lang-mark">({})</span>',
        text.language,
        body,
        text.marker(),
    )

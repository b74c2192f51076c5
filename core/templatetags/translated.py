"""Template side of core.translated: ``{% load translated %}``.

``{{ session|tr:"title" }}`` gives the reader's language, or the other one inside ``lang="…"`` with a
visible mark; ``{{ city|tr_markdown:"profile" }}`` does the same for Markdown texts (rendered, sanitised).
``{{ person|tr_text:"job_title" }}`` gives plain text with "(in English)" for places where HTML cannot go
(attributes, ``<title>``, ``<option>``).
"""

from django import template

from core.translated import translated_html, translated_text

register = template.Library()


@register.filter
def tr(obj, field: str):
    if obj is None:
        return ""
    return translated_html(obj, field)


@register.filter
def tr_markdown(obj, field: str):
    if obj is None:
        return ""
    return translated_html(obj, field, markdown=True)


@register.filter
def tr_text(obj, field: str) -> str:
    if obj is None:
        return ""
    return translated_text(obj, field).with_marker()

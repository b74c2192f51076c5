"""Markdown that people write (city profiles, initiatives, report sections) to safe HTML.

markdown-it-py (CommonMark, tables, strikethrough) renders; nh3 always cleans
the result before it reaches a page or a PDF. Raw HTML is parsed (not shown
as text) so that nh3 removes it: a ``<script>`` and its content disappear, an
``<img>`` or an event handler never survives, links keep only http(s) and
mailto. Headings start at h2: pages and reports own the h1.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable("table").enable("strikethrough")
TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "s", "del", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise(html: str) -> str:
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")


def render_markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML, safe to put in a template or a PDF."""
    if not text:
        return mark_safe("")  # noqa: S308 - empty
    html = _markdown.render(text).replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return mark_safe(sanitise(html))  # noqa: S308 - cleaned by nh3 just above

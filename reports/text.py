"""Markdown to safe HTML, and the small text helpers the drafts are written with.

Report text is Markdown typed by people; it is rendered with markdown-it-py
(CommonMark) and always passed through nh3 before it reaches a page or a PDF,
so a ``<script>``, an event handler, an ``<img>`` or a ``javascript:`` link
never survives.
"""

import re

from core.markdown import render_markdown, sanitise  # noqa: F401 - the reports' renderer is the portal's

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape_markdown(text: str) -> str:
    """Data (names, titles) dropped into drafted Markdown must not turn into markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text or "")


def lower_first(text: str) -> str:
    """'Building cooperation…' → 'building cooperation…', but leave acronyms ('ISD held…') alone."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def human_join(items: list[str], last_separator: str) -> str:
    """['a', 'b', 'c'] → 'a, b and c' (the separator is translated by the caller)."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])}{last_separator}{items[-1]}"


_LINK_SPANS = re.compile(r"\[[^\]]*\]\([^)]*\)|<https?://[^>]*>|https?://\S+")


def link_names(markdown: str, targets: list[tuple[str, str]]) -> str:
    """Link the first mention of each name to its URL, as the reference report links organisations.

    ``targets`` are (name, url) pairs; the longest names go first so that
    "Service de Police de la Ville de Montréal" wins over "Ville de Montréal".
    A name inside an existing link is left alone; each URL is linked once.
    """
    taken = [match.span() for match in _LINK_SPANS.finditer(markdown)]
    linked_urls = set()
    insertions = []
    for name, url in sorted(targets, key=lambda target: -len(target[0])):
        if not name or not url or url in linked_urls:
            continue
        pattern = re.compile(rf"(?<![\w\[]){re.escape(name)}(?!\w)")
        for match in pattern.finditer(markdown):
            start, end = match.span()
            if any(start < taken_end and end > taken_start for taken_start, taken_end in taken):
                continue
            taken.append((start, end))
            insertions.append((start, end, url))
            linked_urls.add(url)
            break
    for start, end, url in sorted(insertions, reverse=True):
        markdown = f"{markdown[:start]}[{markdown[start:end]}](<{url}>){markdown[end:]}"
    return markdown

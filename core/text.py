"""Text that must stay on one line, and slugs from names in any script.

Single-line values (titles, names, places) end up in line-based and header formats: iCalendar
content lines, e-mail subjects and headers, CSV rows, ``Content-Disposition``. A line break there
breaks the format (icalendar raises, Django's mail raises ``BadHeaderError``). Forms refuse such
values (``core.fields.SingleLineCharField``); writers of those formats still pass every value
through ``one_line`` so that rows stored before the rule, or written around the forms, stay safe.
"""

import re
import unicodedata

from django.db import IntegrityError, transaction
from slugify import slugify as _transliterating_slugify

# C0 and C1 control characters (line feed, carriage return, tab, NUL, NEL…) and the Unicode line
# and paragraph separators: everything that can end or corrupt a line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Runs of control characters and spaces, but not the no-break spaces of French typography ("titre\u00a0:").
_CONTROL_AND_SPACES = re.compile(r"(?:[\x00-\x1f\x7f-\x9f\u2028\u2029]|[^\S\u00a0\u202f])+")


def has_control_characters(value: str) -> bool:
    return bool(_CONTROL.search(value or ""))


def one_line(value) -> str:
    """``value`` as text on one line: every run of line breaks, control characters and spaces becomes
    one space, and the ends are trimmed."""
    return _CONTROL_AND_SPACES.sub(" ", str(value or "")).strip()


def header_safe(value, *, limit: int = 200) -> str:
    """``one_line`` and at most ``limit`` characters: for e-mail subjects and other headers."""
    text = one_line(value)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def ascii_filename(value, *, fallback: str) -> str:
    """A file name safe in a quoted ``Content-Disposition`` parameter: transliterated ASCII letters,
    digits, dots and hyphens, never empty."""
    base = _transliterating_slugify(unicodedata.normalize("NFKC", one_line(value)), max_length=80)
    return base or fallback


# --- slugs -------------------------------------------------------------------------------------------------------

SLUG_SUFFIX_ROOM = 8  # "-" and up to 7 digits of a counter


def slug_from(text, *, max_length: int = 255, fallback: str = "item") -> str:
    """A slug for ``text`` in any script: transliterated to ASCII (python-slugify with Unidecode,
    so "北京市" gives "bei-jing-shi"); ``fallback`` when nothing is left (a name of symbols only)."""
    slug = _transliterating_slugify(one_line(text), max_length=max_length, word_boundary=False)
    return slug.strip("-") or _transliterating_slugify(fallback, max_length=max_length) or "item"


def unique_slug(
    model, text, *, max_length: int = 255, fallback: str = "item", exclude_pk=None, reserved=frozenset()
) -> str:
    """A slug for ``text`` that no row of ``model`` uses yet (``resal``, ``resal-2``…). Unique when
    read; ``save_with_unique_slug`` makes it unique when written, also under concurrency."""
    base = slug_from(text, max_length=max_length - SLUG_SUFFIX_ROOM, fallback=fallback)
    rows = model._default_manager.filter(slug__startswith=base)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    taken = set(rows.values_list("slug", flat=True)) | set(reserved)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def save_with_unique_slug(instance, *, text, save, fallback: str = "item", reserved=frozenset(), attempts: int = 10):
    """Run ``save()`` (which writes ``instance``) with a free slug made from ``text``.

    The slug is chosen by reading which are taken; two requests at once may choose the same one, and
    the unique constraint then refuses the second. That INSERT runs in a savepoint, so the failure
    leaves the surrounding transaction usable: the slug is chosen again and the save retried.
    Raises IntegrityError if the failure was not about the slug, or after ``attempts`` tries.
    """
    model = type(instance)
    max_length = model._meta.get_field("slug").max_length
    for attempt in range(attempts):
        instance.slug = unique_slug(
            model, text, max_length=max_length, fallback=fallback, exclude_pk=instance.pk, reserved=reserved
        )
        try:
            with transaction.atomic():
                return save()
        except IntegrityError:
            taken = model._default_manager.filter(slug=instance.slug).exclude(pk=instance.pk).exists()
            if not taken or attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover

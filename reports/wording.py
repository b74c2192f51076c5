"""The small words of a drafted report: ordinals, date ranges, "and", a sentence's first word.

Every function words its result in the active language (the drafting runs inside ``translation.override``).
"""

from datetime import date

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def network_acronym() -> str:
    """'Strong Cities Network' → 'SCN'."""
    return "".join(word[0] for word in settings.NETWORK_NAME.split() if word[:1].isupper())


def ordinal(number: int) -> str:
    words = {
        1: pgettext("exchange", "first"),
        2: pgettext("exchange", "second"),
        3: pgettext("exchange", "third"),
        4: pgettext("exchange", "fourth"),
        5: pgettext("exchange", "fifth"),
        6: pgettext("exchange", "sixth"),
        7: pgettext("exchange", "seventh"),
        8: pgettext("exchange", "eighth"),
        9: pgettext("exchange", "ninth"),
        10: pgettext("exchange", "tenth"),
    }
    return words.get(number, pgettext("exchange", "next"))


def date_range(start: date, end: date) -> str:
    """'16–18 October 2017', '30 September – 2 October 2017', '16 October 2017'."""
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def sentence_start(text: str) -> str:
    """Lower-case a leading capital when it only starts a sentence: 'Urban security adviser' → 'urban security
    adviser', but not 'International Relations adviser', 'ISD' or 'Montréal'."""
    words = text.split()
    if not words or not words[0][:1].isupper() or words[0].isupper() and len(words[0]) > 1:
        return text
    if len(words) > 1 and not words[1][:1].islower():
        return text
    return text[0].lower() + text[1:]


def and_word() -> str:
    return _(" and ")


def serial_and() -> str:
    return _(", and ")


def strip_period(text: str) -> str:
    return text.strip().rstrip(".").rstrip()

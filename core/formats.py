"""Date formats that the locale format modules cannot name: translated like any other string."""

from django.utils.formats import date_format
from django.utils.translation import pgettext_lazy

# "Wed 18 Oct" in English, "mer 18 oct" in French (Django's "M" capitalises the French month; "b" does not).
SHORT_DAY_FORMAT = pgettext_lazy("PHP date format: weekday, day and short month, as in Wed 18 Oct", "D j M")


def short_day(value) -> str:
    return date_format(value, str(SHORT_DAY_FORMAT))

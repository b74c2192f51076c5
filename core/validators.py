import zoneinfo
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    """Refuse anything that is not an IANA time zone name known to the system."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone. Use an IANA name such as Africa/Dakar."),
            params={"value": value},
            code="unknown_time_zone",
        )


# Dates people enter: a calendar the portal can compute with. Python's dates end at 9999-12-31, and a day there
# plus a time zone or a day more is out of range (a 500 for a form the fuzzer filled with 9999-12-31).
FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2999, 12, 31)


def validate_calendar_date(value: date) -> None:
    """Refuse a date before 1900 or after 2999."""
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValidationError(
            _("Enter a date between the years %(first)s and %(last)s."),
            params={"first": FIRST_DATE.year, "last": LAST_DATE.year},
            code="date_out_of_range",
        )

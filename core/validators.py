import zoneinfo

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

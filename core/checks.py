"""System checks of the portal's own settings (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Error, register


@register(deploy=True)
def check_site_url(app_configs, **kwargs):
    """Production needs SITE_URL: e-mails sent by workers and PDFs have no request to take the address from."""
    if settings.DEBUG or settings.SITE_URL:
        return []
    return [
        Error(
            "SITE_URL is not set.",
            hint="Set SITE_URL to the portal's public address (e.g. https://portal.example.org): links in e-mails "
            "sent by workers, calendar feeds and PDFs are built from it.",
            id="exchange_portal.E001",
        )
    ]

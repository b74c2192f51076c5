"""The portal's own address, for links that leave the page: feeds, webcal links, e-mails, PDFs.

``SITE_URL`` says where the portal is served. Without it (a developer's machine), a request's own
scheme and host are used, so links work wherever the portal answers; work done outside a request
(e-mails sent by workers, PDF rendering) falls back to the development server's address. Production
settings require SITE_URL (a deploy check in ``core.checks``).
"""

from django.conf import settings

DEVELOPMENT_SITE_URL = "http://127.0.0.1:8000"


def site_url(request=None) -> str:
    """The base URL without a trailing slash, e.g. ``https://portal.example.org``."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    if request is not None:
        # get_host() checks the Host header against ALLOWED_HOSTS: a forged host raises DisallowedHost (400).
        return f"{request.scheme}://{request.get_host()}"
    return DEVELOPMENT_SITE_URL

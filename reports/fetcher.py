"""The only way a PDF render may load anything: the portal's own static files and data: URIs.

Report text comes from people. Whatever survives sanitising, and whatever a
template bug lets through, WeasyPrint must not be able to read server files
(file://), reach the network or cloud metadata (http://169.254.169.254/), or
follow redirects. Every render uses this fetcher; it never opens a socket.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

from core.site import site_url


class FetchRefused(ValueError):
    """A URL the render may not load. WeasyPrint logs it and carries on without the resource."""


def static_url(path: str) -> str:
    """The URL a render template uses for one of the portal's static files."""
    return f"{_static_prefix()}{path}"


def _static_prefix() -> str:
    # The site's own static URL: a render maps it to files on disk and never asks the web server.
    return f"{site_url()}{settings.STATIC_URL}"


def find_static(path: str) -> Path | None:
    """The file behind a static path, from the app/static folders or collectstatic's output; never outside them."""
    parts = [part for part in path.split("/") if part]
    if not parts or any(part in {".", ".."} or "\\" in part for part in parts):
        return None
    clean = "/".join(parts)
    found = finders.find(clean)
    if found:
        return Path(found)
    root = Path(settings.STATIC_ROOT).resolve()
    candidate = (root / clean).resolve()
    if candidate.is_file() and candidate.is_relative_to(root):
        return candidate
    return None


class PortalURLFetcher(URLFetcher):
    """Serves static files of this portal and data: URIs; refuses file:, http(s): to any host, and the rest."""

    def __init__(self):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=False, timeout=1)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)  # decoded by urllib's DataHandler, in memory
        prefix = _static_prefix()
        if url.startswith(prefix):
            path = unquote(urlsplit(url[len(prefix) :]).path)
            found = find_static(path)
            if found is not None:
                content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=found.read_bytes(), headers={"Content-Type": content_type})
        self.refused.append(url)
        raise FetchRefused(f"Refused to fetch {url[:200]!r}: reports load only the portal's static files.")

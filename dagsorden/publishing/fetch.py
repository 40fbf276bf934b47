"""The URL fetcher every PDF is rendered with: it fetches nothing.

Item text comes from imports and the admin. Were WeasyPrint allowed to follow
``file://`` or ``http(s)://`` references, a crafted agenda could pull a server file or
an intranet page into a published PDF, or make the server send requests. Our HTML
needs no resource (the CSS is passed as a string, fonts come from fontconfig), so
every fetch is refused, data: URIs included.
"""

from __future__ import annotations

from weasyprint.urls import URLFetcher


class RefusingFetcher(URLFetcher):
    """Refuses every URL; WeasyPrint logs the refusal and leaves the resource out."""

    def __init__(self):
        # fail_on_errors=False: a refused image is left out rather than failing the PDF,
        # so an agenda that mentions one still renders.
        super().__init__(allowed_protocols=(), fail_on_errors=False)

    def fetch(self, url, headers=None):
        raise ValueError(f"dagsorden PDFs fetch nothing: {url[:80]}")


FETCHER = RefusingFetcher()

"""The public's meeting and item pages, rendered once per stamp and kept in the cache.

A key is made from ``selectors.meeting_stamp_get``'s row: whatever a page shows moves
something in it (see ``meetings.stamps``), so a changed meeting gets a new key and an
old entry is never read again; it just ages out. The key is derived from the database
alone, so several processes, each with its own cache, stay correct.

Only the public's view is cached: it is the same for everyone without a role, whereas
a member's or the secretariat's depends on who they are and must always be fresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

from dagsorden.meetings import access, selectors
from dagsorden.meetings.models import Meeting

# Raise when the cached templates change in a way an old entry must not survive (a
# cache shared across deploys, such as Redis, would otherwise serve the old markup).
VERSION = 1
# Entries are never stale, only unused; a day bounds the memory they hold.
TIMEOUT = 24 * 60 * 60


def page_key(kind: str, meeting: Meeting, *extra, audience: str = "public") -> str:
    """The key of one page part of ``meeting`` (with ``meeting_stamp_get``'s annotations)
    for ``audience``; ``extra`` tells pages of the same kind apart (an item's number)."""
    body = meeting.body
    parts = (
        VERSION,
        audience,
        translation.get_language(),
        meeting.pk,
        meeting.modified.isoformat(),
        meeting.state,
        meeting.document,
        body.pk,
        body.name,
        body.slug,
        body.closed_item_title,
        body.show_closed_titles,
        meeting.approving_item,
        meeting.approving_modified,
        meeting.approved_modified,
        *extra,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"portal:{kind}:{meeting.pk}:{digest}"


def cached(key: str | None, render: Callable[[], str]) -> str:
    """The page part under ``key``, rendering and storing it if missing; ``None`` as
    the key renders fresh and stores nothing."""
    if key is None:
        return render()
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    return html


def whole_page_key(request, kind: str, meeting_id: int, *extra) -> str | None:
    """The key for a whole public page, or None when this request needs its own render.

    A visitor with no cookie of ours gets a page that depends only on the address and
    the meeting's stamp, so the whole response can be reused and a repeat visit costs
    ``selectors.meeting_stamp_row`` alone. A session or a pending message would make the
    page personal; a meeting the public may not see is left to the view (a 404).
    """
    if (
        request.GET
        or request.user.is_authenticated
        or any(name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, "messages"))
    ):
        # A query string is no page of its own: cached, endless made-up ones would push
        # the real pages out of the cache.
        return None
    row = selectors.meeting_stamp_row(meeting_id=meeting_id)
    if row is None or not access.is_public(row[0]):
        return None
    export = bool(request.META.get("dagsorden.export"))
    parts = (VERSION, kind, translation.get_language(), meeting_id, row, extra, export)
    digest = hashlib.sha256(repr((parts, request.path)).encode()).hexdigest()[:32]
    return f"portal:{kind}-page:{meeting_id}:{digest}"


def whole_page(key: str | None, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The cached page under ``key`` as a response, else ``render()``'s (kept if 200)."""
    if key is not None:
        html = cache.get(key)
        if html is not None:
            return HttpResponse(html)
    response = render()
    if key is not None and response.status_code == 200:
        cache.set(key, response.content.decode(), TIMEOUT)
    return response

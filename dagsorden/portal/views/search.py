"""The search page: one box, filters for body, dates, document and case, ranked hits.

What is found is only what the visitor may read (``search.selectors.search`` asks
``meetings.access``), so the page needs no checks of its own and is never cached.
"""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from dagsorden.bodies import selectors as bodies
from dagsorden.meetings.models import Meeting
from dagsorden.search.selectors import SearchFilters, search

PAGE_SIZE = 20
MAX_QUERY = 200


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None  # a hand-edited address: search without that bound rather than fail


def _page(value: str) -> int:
    return int(value) if value.isdigit() and 0 < int(value) < 1000 else 1


@never_cache
def search_page(request):
    get = request.GET
    query = get.get("q", "").strip()[:MAX_QUERY]
    document = get.get("type", "")
    filters = SearchFilters(
        body=get.get("organ", "").strip() or None,
        date_from=_date(get.get("fra", "")),
        date_to=_date(get.get("til", "")),
        document=document if document in Meeting.DocumentKind.values else None,
        case_number=get.get("sag", "").strip()[:100] or None,
    )
    page = _page(get.get("side", ""))
    result = None
    if query:
        result = search(
            user=request.user,
            query=query,
            filters=filters,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
    # The page links keep every filter: only "side" changes between them.
    params = get.copy()
    params.pop("side", None)
    context = {
        "query": query,
        "filters": filters,
        "result": result,
        "bodies": bodies.body_list(),
        # The alert form saves this search with its body filter, if that names a body.
        "selected_body": bodies.body_get(slug=filters.body) if filters.body else None,
        "documents": Meeting.DocumentKind.choices,
        "page": page,
        "first": (page - 1) * PAGE_SIZE + 1,
        "previous": page - 1 if page > 1 else None,
        "next": page + 1 if result and result.total > page * PAGE_SIZE else None,
        "params": params.urlencode(),
    }
    return render(request, "portal/search.html", context)

"""One meeting's agenda or minutes, and one item of it on a page of its own.

The agenda part of both pages is cached for the public (``portal.page_cache``): a
repeat visit costs the stamp query and a cache read, however long the agenda.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string

from dagsorden.meetings import access, selectors
from dagsorden.portal import page_cache
from dagsorden.portal.views._shared import visible_meeting

NO_ITEM = "Punktet findes ikke."


def meeting_detail(request, meeting_id: int):
    key = page_cache.whole_page_key(request, "meeting", meeting_id)
    return page_cache.whole_page(key, lambda: _meeting_render(request, meeting_id))


def _meeting_render(request, meeting_id: int):
    meeting = visible_meeting(request, meeting_id, stamp=True)
    view = _view(request, meeting)

    def agenda() -> str:
        full = selectors.meeting_page_get(meeting_id=meeting.pk)
        if full is None:
            raise Http404("Mødet findes ikke.")
        context = {"meeting": full, "closed": view["closed"], "minutes": view["minutes"]}
        return render_to_string("portal/_meeting_agenda.html", context, request=request)

    key = page_cache.page_key("meeting", meeting) if view["public"] else None
    context = {**view, "meeting": meeting, "agenda": page_cache.cached(key, agenda)}
    if not view["public"] and access.can_see_versions(request.user, meeting):
        context["corrected"] = selectors.meeting_versions(meeting=meeting).count() > 1
    return render(request, "portal/meeting_detail.html", context)


def item_detail(request, meeting_id: int, number: str):
    key = page_cache.whole_page_key(request, "item", meeting_id, number)
    return page_cache.whole_page(key, lambda: _item_render(request, meeting_id, number))


def _item_render(request, meeting_id: int, number: str):
    meeting = visible_meeting(request, meeting_id, stamp=True)
    view = _view(request, meeting)

    def item_page() -> str:
        item = selectors.meeting_item_get(meeting_id=meeting.pk, number=number)
        if item is None:
            raise Http404(NO_ITEM)
        index = selectors.meeting_item_index(meeting_id=meeting.pk)
        place = next(n for n, row in enumerate(index) if row.pk == item.pk)
        context = {
            "meeting": meeting,
            "item": item,
            "section": item.section,
            "previous": index[place - 1] if place > 0 else None,
            "next": index[place + 1] if place + 1 < len(index) else None,
            "closed": view["closed"],
            "minutes": view["minutes"],
        }
        return render_to_string("portal/_item.html", context, request=request)

    key = page_cache.page_key("item", meeting, number) if view["public"] else None
    item_html = page_cache.cached(key, item_page)
    context = {**view, "meeting": meeting, "item_number": number, "item_html": item_html}
    return render(request, "portal/item_detail.html", context)


def _view(request, meeting) -> dict:
    user = request.user
    # has_role, not can_see_closed: a role-less visitor sees what the public sees, and
    # the public's page is the one kept in the cache.
    public = not access.has_role(user)
    return {
        "public": public,
        "closed": access.can_see_closed(user, meeting),
        "minutes": access.can_see_minutes(user, meeting),
        "show_state": not public,
    }

"""The bodies, each body's meeting plan by year, and the flat list of all meetings."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from dagsorden.bodies import selectors as bodies
from dagsorden.meetings import access, selectors


def body_list(request):
    user = request.user
    upcoming: dict[int, object] = {}
    for meeting in bodies.meetings_from(on=timezone.localdate()):
        if meeting.body_id not in upcoming and access.can_see_meeting(user, meeting):
            upcoming[meeting.body_id] = meeting
    rows = [{"body": body, "next": upcoming.get(body.pk)} for body in bodies.body_list()]
    return render(request, "portal/body_list.html", {"rows": rows})


def body_detail(request, slug: str, year: int | None = None):
    body = bodies.body_get(slug=slug)
    if body is None:
        raise Http404("Organet findes ikke.")
    user = request.user
    today = timezone.localdate()
    meetings = []
    for meeting in selectors.meeting_list(body=body):
        if access.can_see_meeting(user, meeting):
            meetings.append(meeting)
    years = sorted({m.date.year for m in meetings} | {today.year}, reverse=True)
    shown = year or today.year
    if shown not in years:
        raise Http404("Organet har ingen møder det år.")
    in_year = [m for m in meetings if m.date.year == shown]
    context = {
        "body": body,
        "year": shown,
        "years": years,
        "upcoming": sorted(
            (_row(user, m) for m in in_year if m.date >= today), key=lambda r: r["meeting"].date
        ),
        "past": [_row(user, m) for m in in_year if m.date < today],
        "show_state": access.has_role(user),
    }
    return render(request, "portal/body_detail.html", context)


def meeting_list(request):
    user = request.user
    rows = [
        _row(user, meeting)
        for meeting in selectors.meeting_list()
        if access.can_see_meeting(user, meeting)
    ]
    context = {"rows": rows, "show_state": access.has_role(user)}
    return render(request, "portal/meeting_list.html", context)


def _row(user, meeting) -> dict:
    return {"meeting": meeting, "minutes": access.can_see_minutes(user, meeting)}
